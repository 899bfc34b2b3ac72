package dev.kiroscim.it;

/** {@link ScimValidatorContract} against the shared H2 server. */
class ScimValidatorOnH2Test extends ScimValidatorContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
