package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.notify.Delivery;
import dev.kiroscim.core.notify.NotificationOutbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's levers: the Identity Center sync's state (mode and endpoint, never its token), its pending work, plan,
 * reconcile and retry; webhook backlogs and the retry of a dead letter; an online backup. One fixture for the class:
 * each test leaves the backlogs as it found them (a dead letter is retried back into the queue).
 */
class SyncNotificationsAndBackupApiTest extends OnSeededAdminApi {

    @Test
    void syncShowsModeEndpointAndTokenExpiryButNeverTheToken() {
        AdminApiFixture.Answer answer = api.get("admin/v1/sync");
        JsonNode body = answer.json();
        assertThat(body.path("mode").asText()).isEqualTo("live");
        assertThat(body.path("pending").asInt()).isPositive();
        assertThat(body.path("deadLetter").asInt()).isZero();
        assertThat(body.path("oldestPendingAgeSeconds").asLong())
                .as("from 1 Nov 08:00 to 15 Nov 12:00")
                .isEqualTo(14 * 86_400 + 4 * 3_600);
        JsonNode downstream = body.path("downstream");
        assertThat(downstream.path("kind").asText()).isEqualTo("scim");
        assertThat(downstream.path("endpoint").asText()).isEqualTo(AdminApiFixture.DOWNSTREAM_ENDPOINT);
        assertThat(downstream.path("tokenExpires").asText()).isEqualTo("2027-06-30T00:00:00Z");
        assertThat(answer.body()).doesNotContain(AdminApiFixture.DOWNSTREAM_SECRET);
    }

    @Test
    void pendingListsTheOldestWorkFirst() {
        JsonNode items = api.get("admin/v1/sync/pending?limit=2").json().path("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).path("userName").asText()).isEqualTo("ann@example.com");
        assertThat(items.get(0).path("enqueuedAt").asText()).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(items.get(0).path("attempts").asInt()).isZero();
        assertThat(items.get(0).path("id").asLong())
                .isLessThan(items.get(1).path("id").asLong());
        assertThat(api.get("admin/v1/sync/pending").json().path("items").size())
                .isEqualTo(api.get("admin/v1/sync").json().path("pending").asInt());
    }

    @Test
    void planAndReconcileAgainstAnUnreachableDownstreamSayWhyWithoutTheToken() {
        AdminApiFixture.Answer plan = api.get("admin/v1/sync/plan");
        assertThat(plan.status()).isEqualTo(502);
        assertThat(plan.message()).startsWith("the plan needs the downstream, which could not be read: ");
        assertThat(plan.body()).doesNotContain(AdminApiFixture.DOWNSTREAM_SECRET);

        AdminApiFixture.Answer reconcile = api.post("admin/v1/sync/reconcile", "");
        assertThat(reconcile.status()).as(reconcile.toString()).isEqualTo(502);
        assertThat(reconcile.message())
                .startsWith("reconcile failed: the downstream could not be read: ")
                .contains("ConnectException");
        assertThat(reconcile.body()).doesNotContain(AdminApiFixture.DOWNSTREAM_SECRET);
        assertThat(lastAdminAction()).isEqualTo("sync.reconcile by bootstrap");
    }

    @Test
    void syncRetryWithNoDeadLettersRequeuesNothingAndIsAudited() {
        AdminApiFixture.Answer retry = api.post("admin/v1/sync/retry", "");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("requeued").asInt()).isZero();
        assertThat(lastAdminAction()).isEqualTo("sync.retry by bootstrap");
    }

    @Test
    void notificationsShowEachEndpointsBacklogWithoutItsPath() {
        JsonNode ops =
                api.get("admin/v1/notifications").json().path("endpoints").get(0);
        assertThat(ops.path("name").asText()).isEqualTo("ops");
        assertThat(ops.path("target").asText())
                .startsWith("https://hooks.example.com")
                .doesNotContain("/kiro");
        assertThat(ops.path("format").asText()).isEqualTo("slack");
        assertThat(ops.path("events").get(0).asText()).isEqualTo("seat.");
        assertThat(ops.path("pending").asInt()).as("one per seat event").isEqualTo(4);
        assertThat(ops.path("deadLetters").asInt()).isZero();
        assertThat(ops.path("delivered").asLong()).isZero();
    }

    @Test
    void aDeadLetterIsListedWithItsErrorAndRetryRequeuesIt() {
        api.database().write(tx -> {
            NotificationOutbox outbox = tx.notifications();
            Delivery d = outbox.claim(1, AdminApiFixture.NOW, NotificationOutbox.DEFAULT_LEASE, "test-worker")
                    .get(0);
            outbox.deadLetter(d.id(), 10, "HTTP 500 from hooks.example.com", AdminApiFixture.NOW);
            return null;
        });
        JsonNode status = api.get("admin/v1/notifications").json();
        int dead = status.path("endpoints").get(0).path("deadLetters").asInt();
        assertThat(dead).isPositive();
        JsonNode letter = status.path("deadLetters").get(0);
        assertThat(letter.path("endpoint").asText()).isEqualTo("ops");
        assertThat(letter.path("type").asText()).startsWith("seat.");
        assertThat(letter.path("attempts").asInt()).isEqualTo(10);
        assertThat(letter.path("lastError").asText()).isEqualTo("HTTP 500 from hooks.example.com");
        assertThat(letter.path("failedAt").asText()).isEqualTo("2026-11-15T12:00:00Z");

        AdminApiFixture.Answer retry = api.post("admin/v1/notifications/retry?endpoint=ops", "");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("requeued").asInt()).isEqualTo(dead);
        JsonNode after = api.get("admin/v1/notifications").json();
        assertThat(after.path("deadLetters").size()).isZero();
        assertThat(after.path("endpoints").get(0).path("pending").asInt()).isEqualTo(4);
        assertThat(lastAdminAction()).isEqualTo("notifications.retry by bootstrap");
    }

    @Test
    void aBackupIsWrittenWhileServingAndReportsItsFileAndSize() throws IOException {
        AdminApiFixture.Answer answer = api.post("admin/v1/backup", "");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        Path zip = Path.of(answer.json().path("file").asText());
        assertThat(zip).exists().hasParent(dir.resolve("backups"));
        assertThat(zip.getFileName().toString()).isEqualTo("kiro-scim-20261115T120000Z.zip");
        assertThat(answer.json().path("bytes").asLong())
                .isEqualTo(Files.size(zip))
                .isPositive();
        Path second =
                Path.of(api.post("admin/v1/backup", "").json().path("file").asText());
        assertThat(second).as("never overwrites").isNotEqualTo(zip).exists();
    }

    private String lastAdminAction() {
        List<String> actions = new ArrayList<>();
        api.get("admin/v1/audit?type=admin.action")
                .json()
                .path("events")
                .forEach(e -> actions.add(e.path("details").path("action").asText() + " by "
                        + e.path("actor").asText()));
        assertThat(actions).isNotEmpty();
        return actions.get(actions.size() - 1);
    }
}
