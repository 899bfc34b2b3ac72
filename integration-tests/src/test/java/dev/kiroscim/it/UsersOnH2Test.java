package dev.kiroscim.it;

/** {@link UsersContract} against the shared H2 server. */
class UsersOnH2Test extends UsersContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
