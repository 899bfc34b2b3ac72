package dev.kiroscim.it;

/** {@link AdminErrorsContract} against the shared H2 server. */
class AdminErrorsOnH2Test extends AdminErrorsContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
