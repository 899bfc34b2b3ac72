package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiroscim.core.usage.ImportedFile;
import dev.kiroscim.core.usage.InMemoryUsageStore;
import dev.kiroscim.core.usage.UsageRow;
import dev.kiroscim.core.usage.UsageStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JdbcUsageStore} answers as {@link InMemoryUsageStore} does, on H2 and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class UsageStoreContract extends OnBothDatabases {

    private static UsageRow row(String day, String user, String client, String credits, String file) {
        return new UsageRow(
                LocalDate.parse(day),
                user,
                client,
                "arn:profile/1",
                new BigDecimal(credits),
                new BigDecimal("0.5"),
                true,
                "PRO",
                12,
                3,
                user + "@example.com",
                Map.of("auto_messages", "7", "Usage_Limit", "1000"),
                file);
    }

    private static ImportedFile file(String key, String fingerprint, int rows) {
        return new ImportedFile(
                key, fingerprint, LocalDate.parse("2026-11-14"), Instant.parse("2026-11-15T03:00:00Z"), rows, 0);
    }

    @Test
    void storesFilesAndRowsLikeTheInMemoryStore() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String u1 = "u1-" + run;
        String u2 = "u2-" + run;
        String ide = "ide-" + run + ".csv";
        String cli = "cli-" + run + ".csv";
        for (UsageStore store : List.of(new JdbcUsageStore(db.dataSource()), new InMemoryUsageStore())) {
            assertThat(store.imported(ide)).isEmpty();
            store.saveFile(
                    file(ide, "etag-1", 2),
                    List.of(
                            row("2026-11-14", u1, "KIRO_IDE", "114.45787414", ide),
                            row("2026-11-14", u2, "KIRO_IDE", "3", ide)));
            store.saveFile(file(cli, "etag-2", 1), List.of(row("2026-11-16", u1, "KIRO_CLI", "10", cli)));

            assertThat(store.imported(ide)).hasValueSatisfying(f -> {
                assertThat(f.fingerprint()).isEqualTo("etag-1");
                assertThat(f.rows()).isEqualTo(2);
            });
            assertThat(store.rowsOf(u1, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-01")))
                    .extracting(
                            UsageRow::day,
                            UsageRow::clientType,
                            r -> r.credits().toPlainString())
                    .containsExactly(
                            tuple(LocalDate.parse("2026-11-14"), "KIRO_IDE", "114.45787414"),
                            tuple(LocalDate.parse("2026-11-16"), "KIRO_CLI", "10"));
            UsageRow first = store.rowsOf(u1, LocalDate.parse("2026-11-14"), LocalDate.parse("2026-11-15"))
                    .get(0);
            assertThat(first.extra())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("auto_messages", "7", "Usage_Limit", "1000"));
            assertThat(first.overageEnabled()).isTrue();
            assertThat(first.email()).isEqualTo(u1 + "@example.com");
            assertThat(store.lastActivity().get(u1))
                    .isEqualTo(new UsageStore.UsageActivity(LocalDate.parse("2026-11-16"), "KIRO_CLI"));

            // re-delivery of the IDE file: its old rows go, the new ones replace them
            store.saveFile(file(ide, "etag-3", 1), List.of(row("2026-11-14", u1, "KIRO_IDE", "120", ide)));
            assertThat(store.rowsOf(u2, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-01")))
                    .isEmpty();
            assertThat(store.rowsOf(u1, LocalDate.parse("2026-11-14"), LocalDate.parse("2026-11-15")))
                    .extracting(r -> r.credits().toPlainString())
                    .containsExactly("120");
            assertThat(store.imported(ide)).map(ImportedFile::fingerprint).contains("etag-3");
            assertThat(store.latestDay())
                    .hasValueSatisfying(d -> assertThat(d).isAfterOrEqualTo(LocalDate.parse("2026-11-16")));
            assertThat(store.earliestDay())
                    .hasValueSatisfying(d -> assertThat(d).isBeforeOrEqualTo(LocalDate.parse("2026-11-14")));
        }
    }
}
