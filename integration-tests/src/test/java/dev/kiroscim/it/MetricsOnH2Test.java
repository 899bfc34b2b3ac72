package dev.kiroscim.it;

/** {@link MetricsContract} against the shared H2 server. */
class MetricsOnH2Test extends MetricsContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
