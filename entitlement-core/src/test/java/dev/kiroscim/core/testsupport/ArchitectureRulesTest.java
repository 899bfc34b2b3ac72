package dev.kiroscim.core.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.kiroscim.core.archfixture.CallsTheJdkHttpClient;
import dev.kiroscim.core.archfixture.InMemoryExampleStore;
import dev.kiroscim.core.archfixture.cycle.a.Left;
import dev.kiroscim.core.archfixture.cycle.b.Right;
import org.junit.jupiter.api.Test;

/**
 * Each rule fails on the layout it forbids, shown on deliberately bad classes in {@code core.archfixture} (test
 * code, never part of a module's main classes). The rules that need AWS, JAX-RS, Hibernate or an adapter on the
 * classpath are shown failing in scim-server's {@code ArchitectureRulesOnInfrastructureTest}.
 */
class ArchitectureRulesTest {

    @Test
    void aCycleBetweenTwoPackagesFails() {
        JavaClasses cycle = new ClassFileImporter().importClasses(Left.class, Right.class);
        assertThatThrownBy(() ->
                        ArchitectureRules.noPackageCycles("dev.kiroscim.core").check(cycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("archfixture.cycle.a")
                .hasMessageContaining("archfixture.cycle.b");
    }

    @Test
    void aFakeInMainCodeFails() {
        JavaClasses fake = new ClassFileImporter().importClasses(InMemoryExampleStore.class);
        assertThatThrownBy(() -> ArchitectureRules.NO_FAKES.check(fake))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(InMemoryExampleStore.class.getName());
    }

    @Test
    void aDomainClassUsingTheJdkHttpClientFails() {
        JavaClasses leaky = new ClassFileImporter().importClasses(CallsTheJdkHttpClient.class);
        assertThatThrownBy(() -> ArchitectureRules.DOMAIN_FREE_OF_INFRASTRUCTURE.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.net.http.HttpClient");
    }
}
