package dev.kiroscim.it;

/** {@link SchemaConformanceContract} against the shared H2 server. */
class SchemaConformanceOnH2Test extends SchemaConformanceContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
