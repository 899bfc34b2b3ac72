package dev.kiroscim.core;

import static dev.kiroscim.core.testsupport.ArchitectureRules.DOMAIN_FREE_OF_INFRASTRUCTURE;
import static dev.kiroscim.core.testsupport.ArchitectureRules.DOMAIN_USES_NO_ADAPTER;
import static dev.kiroscim.core.testsupport.ArchitectureRules.NO_FAKES;
import static dev.kiroscim.core.testsupport.ArchitectureRules.mainClasses;
import static dev.kiroscim.core.testsupport.ArchitectureRules.noPackageCycles;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** entitlement-core's main classes keep the layout rules (see {@code ArchitectureRules}). */
class ArchitectureTest {

    private static JavaClasses domain;

    @BeforeAll
    static void importMainClasses() {
        domain = mainClasses("dev.kiroscim.core");
    }

    @Test
    void theDomainImportsNoInfrastructure() {
        DOMAIN_FREE_OF_INFRASTRUCTURE.check(domain);
    }

    @Test
    void theDomainUsesNoAdapter() {
        DOMAIN_USES_NO_ADAPTER.check(domain);
    }

    @Test
    void theDomainPackagesFormNoCycle() {
        noPackageCycles("dev.kiroscim.core").check(domain);
    }

    @Test
    void noFakeShipsInTheJar() {
        NO_FAKES.check(domain);
    }
}
