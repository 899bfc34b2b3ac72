package dev.kiroscim.server.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.kiroscim.adapter.archfixture.UsesTheServer;
import dev.kiroscim.core.archfixture.leaky.UsesAnAdapter;
import dev.kiroscim.core.archfixture.leaky.UsesInfrastructure;
import dev.kiroscim.core.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The domain and adapter rules fail on the layout they forbid. Shown here because this module has AWS, JAX-RS, Grizzly,
 * Hibernate and the adapters on its class path; the classes in {@code core.archfixture.leaky} are test code.
 */
class ArchitectureRulesOnInfrastructureTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "software.amazon.awssdk",
                "jakarta.ws.rs",
                "org.hibernate",
                "jakarta.persistence",
                "org.glassfish",
                "com.zaxxer"
            })
    void aDomainClassUsingInfrastructureFails(String forbidden) {
        JavaClasses leaky = new ClassFileImporter().importClasses(UsesInfrastructure.class);
        assertThatThrownBy(() -> ArchitectureRules.DOMAIN_FREE_OF_INFRASTRUCTURE.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<" + forbidden + ".");
    }

    @Test
    void aDomainClassUsingAnAdapterFails() {
        JavaClasses leaky = new ClassFileImporter().importClasses(UsesAnAdapter.class);
        assertThatThrownBy(() -> ArchitectureRules.DOMAIN_USES_NO_ADAPTER.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiDirectory");
    }

    @Test
    void anAdapterUsingTheServerFails() {
        JavaClasses leaky = new ClassFileImporter().importClasses(UsesTheServer.class);
        assertThatThrownBy(() -> ArchitectureRules.ADAPTERS_USE_NO_SERVER.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.kiroscim.server.config.UsageSection");
    }
}
