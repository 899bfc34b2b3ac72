package dev.kiroscim.it;

/** {@link ListingContract} against the shared H2 server. */
class ListingOnH2Test extends ListingContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
