package dev.kiroscim.it;

/** {@link IdpChecklistContract} against the shared H2 server. */
class IdpChecklistOnH2Test extends IdpChecklistContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
