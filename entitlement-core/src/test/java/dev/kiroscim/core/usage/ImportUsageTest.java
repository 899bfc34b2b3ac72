package dev.kiroscim.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ImportUsageTest {

    /** Files in memory, keyed as in S3; the fingerprint is the content's hash, as a re-delivery changes the ETag. */
    static final class FakeSource implements ReportSource {
        final Map<String, String> files = new TreeMap<>();
        final List<String> reads = new ArrayList<>();

        @Override
        public List<ReportObject> list(LocalDate from) {
            return files.entrySet().stream()
                    .filter(e -> ReportKeys.isUserReport(e.getKey()))
                    .map(e -> new ReportObject(
                            e.getKey(),
                            Integer.toHexString(e.getValue().hashCode()),
                            ReportKeys.dayOf(e.getKey()).orElseThrow()))
                    .filter(o -> !o.day().isBefore(from))
                    .toList();
        }

        @Override
        public String read(ReportObject file) throws IOException {
            reads.add(file.key());
            return files.get(file.key());
        }

        @Override
        public String describe() {
            return "fake";
        }
    }

    private static final String PREFIX = "kiro/AWSLogs/111122223333/KiroLogs/user_report/us-east-1/";
    private static final String HEADER = "Date,UserId,Client_Type,Credits_Used,User_Email\n";

    private final FakeSource source = new FakeSource();
    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final UserMapping mapping = new UserMapping(Map.of("idc-ann", "scim-ann"), Map.of("scim-ann", "idc-ann"));
    private final ImportUsage importer = new ImportUsage(
            source, store, () -> mapping, Clock.fixed(Instant.parse("2026-11-20T03:00:00Z"), ZoneOffset.UTC));

    @Test
    void importsEveryClientFileOfADayAndListsUnknownUsers() {
        source.files.put(
                PREFIX + "2026/11/14/00/KIRO_IDE_111122223333_user_report_202611140000.csv",
                HEADER
                        + "2026-11-14,idc-ann,KIRO_IDE,42.17,ann@example.com\n2026-11-14,d-1.idc-zed,KIRO_IDE,3,zed@example.com\n");
        source.files.put(
                PREFIX + "2026/11/14/00/KIRO_CLI_111122223333_user_report_202611140000.csv",
                HEADER + "2026-11-14,idc-ann,KIRO_CLI,10.00,ann@example.com\n");
        source.files.put(
                PREFIX + "2026/11/14/00/PLUGIN_111122223333_user_report_202611140000.csv",
                HEADER
                        + "2026-11-14,d-1.idc-zed,PLUGIN,1,zed@example.com\nbad-date,idc-ann,PLUGIN,1,ann@example.com\n");

        ImportReport r = importer.run(Optional.empty());

        assertThat(r.from()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(r.filesSeen()).isEqualTo(3);
        assertThat(r.filesImported()).isEqualTo(3);
        assertThat(r.rowsImported()).isEqualTo(4);
        assertThat(r.problems())
                .extracting(ImportProblem::toString)
                .containsExactly(
                        PREFIX
                                + "2026/11/14/00/PLUGIN_111122223333_user_report_202611140000.csv:3: Date must be an ISO date like 2026-07-10, got 'bad-date'");
        assertThat(r.unknownUsers())
                .extracting(
                        ImportReport.UnknownUser::kiroUserId,
                        ImportReport.UnknownUser::email,
                        ImportReport.UnknownUser::rows)
                .containsExactly(tuple("idc-zed", "zed@example.com", 2));
        assertThat(store.rowsOf("idc-ann", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)))
                .extracting(UsageRow::clientType)
                .containsExactly("KIRO_CLI", "KIRO_IDE");
    }

    @Test
    void importingTheSameFilesTwiceChangesNothingAndReadsNothing() {
        source.files.put(
                PREFIX + "2026/11/14/00/KIRO_IDE_111122223333_user_report_202611140000.csv",
                HEADER + "2026-11-14,idc-ann,KIRO_IDE,42.17,ann@example.com\n");
        importer.run(Optional.empty());
        List<UsageRow> before = store.rows(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));
        source.reads.clear();

        ImportReport again = importer.run(Optional.empty());

        assertThat(again.filesImported()).isZero();
        assertThat(again.filesUnchanged()).isEqualTo(1);
        assertThat(source.reads).isEmpty();
        assertThat(store.rows(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)))
                .isEqualTo(before);
    }

    @Test
    void aReDeliveredFileReplacesItsRows() {
        String key = PREFIX + "2026/11/14/00/KIRO_IDE_111122223333_user_report_202611140000.csv";
        source.files.put(
                key, HEADER + "2026-11-14,idc-ann,KIRO_IDE,42.17,ann@example.com\n2026-11-14,idc-bob,KIRO_IDE,5,\n");
        importer.run(Optional.empty());
        source.files.put(key, HEADER + "2026-11-14,idc-ann,KIRO_IDE,50,ann@example.com\n");

        ImportReport r = importer.run(Optional.empty());

        assertThat(r.filesImported()).isEqualTo(1);
        assertThat(store.rows(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)))
                .extracting(UsageRow::kiroUserId, row -> row.credits().toPlainString())
                .containsExactly(tuple("idc-ann", "50"));
    }

    @Test
    void fromSkipsEarlierDays() {
        source.files.put(
                PREFIX + "2026/09/30/00/KIRO_IDE_111122223333_user_report_202609300000.csv",
                HEADER + "2026-09-30,idc-ann,KIRO_IDE,1,\n");
        source.files.put(
                PREFIX + "2026/10/01/00/KIRO_IDE_111122223333_user_report_202610010000.csv",
                HEADER + "2026-10-01,idc-ann,KIRO_IDE,1,\n");
        assertThat(importer.run(Optional.empty()).filesSeen()).isEqualTo(1);
        assertThat(importer.run(Optional.of(LocalDate.of(2026, 9, 1))).filesImported())
                .isEqualTo(1);
    }
}
