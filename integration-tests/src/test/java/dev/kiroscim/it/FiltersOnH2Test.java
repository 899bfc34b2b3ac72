package dev.kiroscim.it;

/** {@link FiltersContract} against the shared H2 server. */
class FiltersOnH2Test extends FiltersContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
