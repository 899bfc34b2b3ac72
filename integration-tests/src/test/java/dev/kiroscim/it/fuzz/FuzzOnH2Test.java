package dev.kiroscim.it.fuzz;

import dev.kiroscim.it.Backend;

/** {@link FuzzContract} against a fresh server on H2. */
class FuzzOnH2Test extends FuzzContract {
    @Override
    protected Backend backend() {
        return Backend.H2;
    }
}
