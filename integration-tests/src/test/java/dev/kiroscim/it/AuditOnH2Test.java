package dev.kiroscim.it;

/** {@link AuditContract} against the shared H2 server. */
class AuditOnH2Test extends AuditContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
