package dev.kiroscim.it;

/** {@link ConsoleApiContract} against the shared H2 server. */
class ConsoleApiOnH2Test extends ConsoleApiContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
