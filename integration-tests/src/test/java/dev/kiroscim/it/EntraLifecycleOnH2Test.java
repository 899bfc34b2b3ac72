package dev.kiroscim.it;

/** {@link EntraLifecycleContract} against the shared H2 server. */
class EntraLifecycleOnH2Test extends EntraLifecycleContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
