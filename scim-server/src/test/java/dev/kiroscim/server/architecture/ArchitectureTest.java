package dev.kiroscim.server.architecture;

import static dev.kiroscim.core.testsupport.ArchitectureRules.ADAPTERS_USE_NO_SERVER;
import static dev.kiroscim.core.testsupport.ArchitectureRules.NO_FAKES;
import static dev.kiroscim.core.testsupport.ArchitectureRules.mainClasses;
import static dev.kiroscim.core.testsupport.ArchitectureRules.noPackageCycles;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** scim-server's main classes (the server and the adapters) keep the layout rules (see {@code ArchitectureRules}). */
class ArchitectureTest {

    private static JavaClasses server;

    @BeforeAll
    static void importMainClasses() {
        server = mainClasses("dev.kiroscim.server", "dev.kiroscim.adapter");
    }

    /** No package cycles among the server's and the adapters' packages, with no dependency ignored. */
    @Test
    void packagesFormNoCycle() {
        noPackageCycles("dev.kiroscim").check(server);
    }

    @Test
    void adaptersUseNoServerPackage() {
        ADAPTERS_USE_NO_SERVER.check(server);
    }

    @Test
    void noFakeShipsInTheJar() {
        NO_FAKES.check(server);
    }
}
