package dev.kiroscim.it;

/** {@link OktaLifecycleContract} against the shared H2 server. */
class OktaLifecycleOnH2Test extends OktaLifecycleContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
