package dev.kiroscim.persistence;

import static dev.kiroscim.core.testsupport.ArchitectureRules.NO_FAKES;
import static dev.kiroscim.core.testsupport.ArchitectureRules.mainClasses;
import static dev.kiroscim.core.testsupport.ArchitectureRules.noPackageCycles;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** persistence's main classes keep the layout rules (see {@code ArchitectureRules}). */
class ArchitectureTest {

    private static JavaClasses persistence;

    @BeforeAll
    static void importMainClasses() {
        persistence = mainClasses("dev.kiroscim.persistence");
    }

    @Test
    void packagesFormNoCycle() {
        noPackageCycles("dev.kiroscim").allowEmptyShould(true).check(persistence);
    }

    @Test
    void noFakeShipsInTheJar() {
        NO_FAKES.check(persistence);
    }
}
