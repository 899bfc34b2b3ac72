package dev.kiroscim.it;

/** {@link DurabilityContract} on H2: its own server, restarted. */
class DurabilityOnH2Test extends DurabilityContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
