package dev.kiroscim.it;

/** {@link EdgeInputContract} against the shared H2 server. */
class EdgeInputOnH2Test extends EdgeInputContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
