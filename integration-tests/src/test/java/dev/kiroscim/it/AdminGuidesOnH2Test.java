package dev.kiroscim.it;

/** {@link AdminGuidesContract} against the shared H2 server. */
class AdminGuidesOnH2Test extends AdminGuidesContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
