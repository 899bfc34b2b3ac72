package dev.kiroscim.it;

/** {@link SeatsContract} on H2. */
class SeatsOnH2Test extends SeatsContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
