package dev.kiroscim.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/notifications.md's event catalogue: each event a person is meant to hear about (the ones issue 16 names, and
 * every {@code seat.*}) has a row, each row names a type an endpoint can select, and its example {@code details} is
 * JSON a receiver could parse.
 */
class EventCatalogueDocTest {

    private static final Path DOC = Path.of("..", "docs", "notifications.md");
    /** A catalogue row: | `type` | when | [subject] `{details}` | */
    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-zA-Z.]+)` \\|[^|]*\\| \\[[^\\]]+\\] `(\\{.*\\})`.*\\|$");

    static Stream<String> eventsForPeople() {
        return Stream.of(
                AuditEvents.SEAT_WAITLISTED,
                AuditEvents.SEAT_ASSIGNED,
                AuditEvents.SEAT_PROMOTED,
                AuditEvents.SEAT_RELEASED,
                AuditEvents.SEAT_EXPIRED,
                AuditEvents.SEAT_RECLAIMED,
                AuditEvents.POOL_NEARLY_FULL,
                AuditEvents.GRANT_EXPIRING_SOON,
                AuditEvents.TOKEN_EXPIRING_SOON,
                AuditEvents.SYNC_DEAD_LETTERED,
                EventSelector.BUDGET_EXHAUSTED);
    }

    @ParameterizedTest
    @MethodSource("eventsForPeople")
    void hasACatalogueRowWithAnExamplePayload(String type) throws IOException {
        Map<String, String> rows = catalogue();
        assertThat(rows).containsKey(type);
        assertThat(CanonicalJson.parseObject(rows.get(type)))
                .as("%s example details", type)
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("documentedTypes")
    void everyDocumentedTypeCanBeSelected(String type) {
        assertThat(EventSelector.subscribableTypes()).contains(type);
    }

    static Stream<String> documentedTypes() throws IOException {
        return catalogue().keySet().stream();
    }

    /** Type to its first example's details, in the order of the table. */
    private static Map<String, String> catalogue() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return rows;
    }
}
