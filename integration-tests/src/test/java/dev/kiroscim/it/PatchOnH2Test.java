package dev.kiroscim.it;

/** {@link PatchContract} against the shared H2 server. */
class PatchOnH2Test extends PatchContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
