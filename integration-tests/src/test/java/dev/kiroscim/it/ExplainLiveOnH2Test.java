package dev.kiroscim.it;

/** {@link ExplainLiveContract} on H2. */
class ExplainLiveOnH2Test extends ExplainLiveContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
