package dev.kiroscim.it;

/** {@link AuditTamperContract} on H2: one server per tampering case. */
class AuditTamperOnH2Test extends AuditTamperContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
