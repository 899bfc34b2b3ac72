package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/v1/policy/reload}: a bad policy file is refused with every problem on its line and the policy
 * in force stays; a good one applies at once (a raised cap promotes the first in line) and is audited.
 */
class PolicyReloadApiTest extends OnFreshAdminApi {

    @Test
    void aBadPolicyIsRefusedWithLineNumberedProblemsAndTheOldOneStays() throws IOException {
        String before = api.seats().policyInForce().contentSha256();
        writePolicy(
                AdminApiFixture.POLICY.replace("seats: 1\n", "seats: -1\n").replace("tier: POWER\n", "tier: POWR\n"));

        AdminApiFixture.Answer answer = api.post("admin/v1/policy/reload", "");
        assertThat(answer.status()).isEqualTo(400);
        JsonNode body = answer.json();
        assertThat(body.path("message").asText()).isEqualTo("policy rejected; the previous policy stays in force");
        List<String> problems = new ArrayList<>();
        body.path("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).matches(".*kiro-scim\\.yaml:13: seats must not be negative, got -1"))
                .anySatisfy(p -> assertThat(p).matches(".*kiro-scim\\.yaml:15: .*POWR.*"));

        assertThat(api.seats().policyInForce().contentSha256()).isEqualTo(before);
        assertThat(api.get("admin/v1/pools/Dev-Team").json().path("seats").asInt())
                .isEqualTo(1);
        assertThat(lastAdminAction()
                        .path("details")
                        .path("outcome")
                        .path("applied")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aGoodPolicyAppliesAtOnceAndTheFirstInLineGetsTheNewSeat() throws IOException {
        writePolicy(AdminApiFixture.POLICY.replace("seats: 1\n", "seats: 2\n"));

        AdminApiFixture.Answer answer = api.post("admin/v1/policy/reload", "");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("status").asText()).isEqualTo("loaded");
        assertThat(body.path("source").asText()).endsWith("kiro-scim.yaml");
        assertThat(body.path("seatChanges").asInt()).isPositive();
        assertThat(body.path("contentSha256").asText())
                .isEqualTo(api.seats().policyInForce().contentSha256());

        JsonNode dev = api.get("admin/v1/pools/Dev-Team").json();
        List<String> holders = new ArrayList<>();
        dev.path("holders").forEach(h -> holders.add(h.path("userName").asText()));
        assertThat(holders).containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
        assertThat(dev.path("waitlist").get(0).path("userName").asText()).isEqualTo("cara@example.com");
        assertThat(dev.path("waitlist").get(0).path("position").asInt()).isEqualTo(1);
        assertThat(api.get("admin/v1/cluster").json().path("activePolicySha256").asText())
                .isEqualTo(body.path("contentSha256").asText());
        assertThat(lastAdminAction().path("actor").asText()).isEqualTo("bootstrap");
    }

    private void writePolicy(String policy) throws IOException {
        Files.writeString(api.configFile(), AdminApiFixture.configText(policy, dir));
    }

    private JsonNode lastAdminAction() {
        JsonNode events = api.get("admin/v1/audit?type=admin.action").json().path("events");
        assertThat(events.size()).isPositive();
        return events.get(events.size() - 1);
    }
}
