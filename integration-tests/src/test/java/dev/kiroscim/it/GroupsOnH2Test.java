package dev.kiroscim.it;

/** {@link GroupsContract} against the shared H2 server. */
class GroupsOnH2Test extends GroupsContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
