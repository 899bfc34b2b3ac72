package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.sync.state.IdentityCenterLink.Origin;
import dev.kiroscim.core.sync.state.IdentityCenterLinkStore;
import dev.kiroscim.core.sync.state.ReconcileReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link JdbcIdentityCenterLinkStore} keeps the {@link IdentityCenterLinkStore} port's promises on H2 and PostgreSQL:
 * a link reads back as saved (profile, memberships with unknown ids and {@link IdentityCenterLink#ADDING}), a save
 * replaces the whole link, a delete takes its memberships along, and the last reconcile is one shared row.
 * Each test starts with no links.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class IdentityCenterLinkStoreContract extends OnBothDatabases {

    private static final IdentityCenterUserProfile ANN =
            new IdentityCenterUserProfile("ann@example.com", "Ann Example", "Ann", "Example", "ann@example.com");

    @BeforeEach
    void noLinks() {
        links(store -> {
            store.all().forEach(link -> store.delete(link.scimUserId()));
            return null;
        });
    }

    private <T> T links(Function<IdentityCenterLinkStore, T> work) {
        return db.write(tx -> work.apply(tx.identityCenterLinks()));
    }

    private Optional<IdentityCenterLink> find(String scimUserId) {
        return links(store -> store.find(scimUserId));
    }

    private List<IdentityCenterLink> all() {
        return links(IdentityCenterLinkStore::all);
    }

    private Optional<ReconcileReport> lastReconcile() {
        return links(IdentityCenterLinkStore::lastReconcile);
    }

    private void save(IdentityCenterLink link) {
        links(store -> {
            store.save(link);
            return null;
        });
    }

    @Test
    void aLinkReadsBackAsSaved() {
        Map<String, String> memberships = new HashMap<>();
        memberships.put("kiro-pro", "m-1");
        memberships.put("kiro-power", null); // AlreadyMember: the service gave no id
        memberships.put("kiro-pro-plus", IdentityCenterLink.ADDING);
        IdentityCenterLink link = new IdentityCenterLink("scim-ann", "idc-ann", Origin.CREATED, ANN, memberships);

        save(link);

        assertThat(find("scim-ann")).contains(link);
    }

    @Test
    void aLinkBeingCreatedHasNoUserIdNorProfile() {
        save(IdentityCenterLink.creating("scim-bob"));

        assertThat(find("scim-bob")).hasValueSatisfying(l -> {
            assertThat(l.origin()).isEqualTo(Origin.CREATING);
            assertThat(l.identityCenterUserId()).isNull();
            assertThat(l.memberships()).isEmpty();
        });
    }

    @Test
    void aSaveReplacesTheWholeLink() {
        save(new IdentityCenterLink("scim-ann", "idc-ann", Origin.ADOPTED, ANN, Map.of("kiro-pro", "m-1")));
        IdentityCenterUserProfile renamed =
                new IdentityCenterUserProfile("ann@example.com", "Ann Other", "Ann", "Other", "ann@example.com");
        IdentityCenterLink replaced =
                new IdentityCenterLink("scim-ann", "idc-ann", Origin.ADOPTED, renamed, Map.of("kiro-power", "m-2"));

        save(replaced);

        assertThat(find("scim-ann")).contains(replaced);
    }

    @Test
    void aDeleteTakesTheMembershipsAlong() {
        save(new IdentityCenterLink("scim-ann", "idc-ann", Origin.CREATED, ANN, Map.of("kiro-pro", "m-1")));

        links(store -> {
            store.delete("scim-ann");
            return null;
        });
        save(new IdentityCenterLink("scim-ann", "idc-ann-2", Origin.CREATED, ANN, Map.of()));

        assertThat(find("scim-ann"))
                .hasValueSatisfying(l -> assertThat(l.memberships())
                        .as("memberships of the deleted link")
                        .isEmpty());
    }

    @Test
    void allListsTheLinksBySCIMUserId() {
        save(new IdentityCenterLink("scim-c", "idc-c", Origin.CREATED, ANN, Map.of()));
        save(new IdentityCenterLink("scim-a", "idc-a", Origin.CREATED, ANN, Map.of()));
        save(IdentityCenterLink.creating("scim-b"));

        assertThat(all()).extracting(IdentityCenterLink::scimUserId).containsExactly("scim-a", "scim-b", "scim-c");
    }

    @Test
    void theLastReconcileIsOneRowThatEachReconcileReplaces() {
        Instant at = Instant.parse("2026-10-01T12:00:00.123Z");
        ReconcileReport failed = new ReconcileReport(at, 0, 0, "ThrottlingException");
        ReconcileReport next = new ReconcileReport(at.plusSeconds(3600), 4, 1, null);

        links(store -> {
            store.saveLastReconcile(failed);
            return null;
        });
        assertThat(lastReconcile()).contains(failed);
        links(store -> {
            store.saveLastReconcile(next);
            return null;
        });

        assertThat(lastReconcile()).contains(next);
    }
}
