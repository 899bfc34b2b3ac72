package dev.kiroscim.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.notify.DerivedEventRules;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code notifications:} list and {@code notificationRules:}: a full example, defaults, and mistakes caught at start-up. */
class NotificationsSectionTest {

    @TempDir
    Path dir;

    private BridgeConfig load(String yaml) throws IOException {
        Files.writeString(dir.resolve("itsm-secret"), "s3cret\n");
        Path file = dir.resolve("kiro-scim.yaml");
        Files.writeString(
                file, yaml.replace("SECRET", dir.resolve("itsm-secret").toString()));
        return BridgeConfig.load(file);
    }

    @Test
    void withoutTheSectionNothingIsSentAndTheRulesAreTheDefaults() throws IOException {
        NotificationsSection n = load("scim:\n  maxResults: 100\n").notifications();
        assertThat(n.enabled()).isFalse();
        assertThat(n.rules()).isEqualTo(DerivedEventRules.DEFAULT);
        assertThat(n.retry().maxAttempts()).isEqualTo(10);
    }

    @Test
    void aSlackAndACloudEventsEndpoint() throws Exception {
        NotificationsSection n = load("""
                notifications:
                  - name: platform-slack
                    url: https://hooks.slack.com/services/T000/B000/XXXX
                    events: [seat.waitlisted, pool.nearlyFull]
                    format: slack
                  - name: itsm
                    url: https://itsm.example.com/hooks/kiro
                    secretFile: SECRET
                    events: [seat., sync.deadLettered, budget.exhausted]
                    allowPrivate: [10.20.0.0/16]
                notificationRules:
                  nearlyFullPercent: 95
                  rearmPercent: 85
                  grantExpiringDays: 3
                  tokenExpiringDays: 30
                  maxAttempts: 5
                """).notifications();
        assertThat(n.routing().endpoints())
                .extracting(NotificationEndpoint::name)
                .containsExactly("platform-slack", "itsm");
        NotificationEndpoint itsm = n.routing().endpoint("itsm").orElseThrow();
        assertThat(itsm.format()).isEqualTo(NotificationFormat.CLOUDEVENTS);
        assertThat(itsm.allowPrivate().contains(InetAddress.getByName("10.20.3.4")))
                .isTrue();
        assertThat(n.routing().endpointsFor("seat.waitlisted")).containsExactly("platform-slack", "itsm");
        assertThat(n.routing().endpointsFor("budget.exhausted")).containsExactly("itsm");
        assertThat(n.secretFiles()).containsOnlyKeys("itsm");
        assertThat(n.rules()).isEqualTo(new DerivedEventRules(95, 85, 3, 30));
        assertThat(n.retry().maxAttempts()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "notifications: {name: x}|notifications must be a list",
                "notifications: [{url: 'https://a.example/x', events: [seat.]}]|notifications[0].name is required",
                "notifications: [{name: a, url: 'http://a.example/x', events: [seat.], format: slack}]|notifications[0] (a): url must be https",
                "notifications: [{name: a, url: 'https://a.example/x', events: [seat.waitlistd], format: slack}]|'seat.waitlistd' names no event type",
                "notifications: [{name: a, url: 'https://a.example/x', events: [seat.], format: teams}]|format must be cloudevents or slack",
                "notifications: [{name: a, url: 'https://a.example/x', events: [seat.]}]|notifications[0] (a).secretFile is required for format cloudevents",
                "notifications: [{name: a, url: 'https://a.example/x', events: [seat.], secretFile: /nonexistent/s}]|secretFile /nonexistent/s cannot be read",
                "notifications: [{name: a, url: 'https://a.example/x', events: [seat.], format: slack, retries: 3}]|unknown key 'retries' in notifications[0]",
                "notifications: [{name: a, url: 'https://a.example/x', events: [seat.], format: slack}, {name: a, url: 'https://b.example/x', events: [pool.], format: slack}]|two notification endpoints are named 'a'",
                "notificationRules: {nearlyFullPercent: 80, rearmPercent: 90}|rearmPercent must be below",
                "notificationRules: {maxAttempts: many}|:1: notificationRules.maxAttempts must be a whole number",
            })
    void mistakesAreCaughtAtStartUpWithWhereTheyAre(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("kiro-scim.yaml");
    }

    @Test
    void theErrorNeverShowsASlackWebhookPath() {
        assertThatThrownBy(
                        () -> load(
                                "notifications: [{name: a, url: 'http://hooks.slack.com/services/T0/B0/SECRETPATH', events: [seat.], format: slack}]\n"))
                .hasMessageContaining("http://hooks.slack.com/…")
                .hasMessageNotContaining("SECRETPATH");
    }
}
