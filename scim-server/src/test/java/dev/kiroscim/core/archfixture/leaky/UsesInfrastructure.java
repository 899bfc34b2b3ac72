package dev.kiroscim.core.archfixture.leaky;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import org.glassfish.grizzly.http.server.HttpServer;
import org.hibernate.Session;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * Deliberately bad layout for ArchitectureRulesOnInfrastructureTest: a "domain" class (its package is under
 * {@code dev.kiroscim.core}) that touches each kind of infrastructure the domain must not know. Test code only.
 */
public final class UsesInfrastructure {

    public Object[] everything(
            IdentitystoreClient aws,
            Response http,
            Session hibernate,
            EntityManager jpa,
            HttpServer grizzly,
            HikariDataSource pool) {
        return new Object[] {aws, http, hibernate, jpa, grizzly, pool};
    }
}
