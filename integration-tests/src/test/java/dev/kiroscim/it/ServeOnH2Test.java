package dev.kiroscim.it;

/** {@link ServeContract} against the shared H2 server. */
class ServeOnH2Test extends ServeContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
