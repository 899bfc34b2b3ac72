package dev.kiroscim.core.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;

/**
 * The layout rules of docs/decisions.md ("The domain free of infrastructure, packages without cycles"), shared by
 * each module's {@code ArchitectureTest} through entitlement-core's test-jar.
 *
 * <p>Each rule is checked against a module's main classes ({@link #mainClasses}); {@code ArchitectureRulesTest}
 * shows each one failing on a deliberately bad class set, so a rule that can never fail does not pass unnoticed.
 * Example: a class in {@code dev.kiroscim.core.sync} that calls {@code software.amazon.awssdk} breaks
 * {@link #DOMAIN_FREE_OF_INFRASTRUCTURE}, which names the class, the call and the line.
 */
public final class ArchitectureRules {

    /** The domain: entitlement-core's packages. */
    public static final String DOMAIN = "dev.kiroscim.core..";

    /**
     * What the domain must not touch: AWS, JAX-RS and the HTTP server, JPA and Hibernate, JDBC and the pool, the
     * JDK's HTTP client, and SnakeYAML (YAML is read through the declared Jackson YAML module; see YamlTreeReader).
     */
    public static final ArchRule DOMAIN_FREE_OF_INFRASTRUCTURE = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..",
                    "jakarta.ws.rs..",
                    "jakarta.persistence..",
                    "org.hibernate..",
                    "org.glassfish..",
                    "java.net.http..",
                    "java.sql..",
                    "javax.sql..",
                    "com.zaxxer..",
                    "org.flywaydb..",
                    "org.h2..",
                    "org.postgresql..",
                    "org.yaml.snakeyaml..")
            .because("the domain holds the ports; adapters live outside it (docs/decisions.md)");

    /** The domain knows no module above it: adapters, the server and persistence depend on it, never back. */
    public static final ArchRule DOMAIN_USES_NO_ADAPTER = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.kiroscim.adapter..", "dev.kiroscim.server..", "dev.kiroscim.persistence..")
            .because("adapters implement the domain's ports, not the other way round");

    /**
     * Adapters know no server package: each takes its own small config record (e.g. {@code S3ReportLocation} for
     * {@code usage.s3}, {@code IdentityStoreApiConfig} for {@code identityCenter}) that the server's config reader
     * builds, so the dependency runs server → adapter only.
     */
    public static final ArchRule ADAPTERS_USE_NO_SERVER = noClasses()
            .that()
            .resideInAPackage("dev.kiroscim.adapter..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.kiroscim.server..")
            .because("the server wires the adapters; an adapter reading the server's config would close a cycle");

    /**
     * Fakes are test code: no main class is named {@code InMemory*} or {@code Fake*}, or lives in a {@code fake}
     * package. They ship in the test-jars (entitlement-core's {@code InMemoryIdentityCenter}, {@code
     * InMemorySeatLedger}, {@code InMemoryUsageStore}).
     */
    public static final ArchRule NO_FAKES = noClasses()
            .should()
            .haveSimpleNameStartingWith("InMemory")
            .orShould()
            .haveSimpleNameStartingWith("Fake")
            .orShould()
            .resideInAPackage("..fake..")
            .because("fakes belong in the test-jars, not in the production jar");

    private ArchitectureRules() {}

    /**
     * No two packages under {@code root} depend on each other, directly or through others. Every package is its
     * own slice ({@code root.(**)}), so {@code core.seats} and {@code core.seats.service} are two slices.
     */
    public static SliceRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** A module's production classes under the given packages (test classes left out). */
    public static JavaClasses mainClasses(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }
}
