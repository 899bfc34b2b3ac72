package dev.kiroscim.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading user_report CSVs by header (shared/docs/kiro-usage-and-billing.md §1.2, §1.3, §1.6). */
class ReportCsvTest {

    /** The shared doc's constructed example lines (§1.6), 2026-09 header with Usage_Limit. */
    static final String EXAMPLE = """
            Date,UserId,Client_Type,Chat_Conversations,Credits_Used,Overage_Cap,Overage_Credits_Used,Overage_Enabled,ProfileId,Subscription_Tier,Total_Messages,New_User,User_Email,Usage_Limit,auto_messages,claude_sonnet_4.5_messages
            2026-09-14,"0a1b2c3d-1111-7000-8000-00000000a001",KIRO_IDE,6,42.17,1000.0,0.0,false,"arn:aws:codewhisperer:us-east-1:111122223333:profile/EXAMPLE1",PRO,58,false,"alice@example.com",1000,40,18
            2026-09-14,"0a1b2c3d-1111-7000-8000-00000000b002",KIRO_CLI,3,310.5,500.0,110.5,true,"arn:aws:codewhisperer:us-east-1:111122223333:profile/EXAMPLE1",PRO_PLUS,95,false,"bob@example.com",2000,0,95
            2026-09-14,"0a1b2c3d-1111-7000-8000-00000000c003",PLUGIN,1,0.85,10000.0,0.0,false,"arn:aws:codewhisperer:us-east-1:111122223333:profile/EXAMPLE1",POWER,2,true,"carol@example.com",10000,2,0
            """;

    @Test
    void readsTheDocumentedExample() {
        ReportCsv.Parsed p = ReportCsv.parse("k.csv", EXAMPLE);
        assertThat(p.problems()).isEmpty();
        assertThat(p.rows())
                .extracting(
                        UsageRow::kiroUserId,
                        UsageRow::clientType,
                        r -> r.credits().toPlainString(),
                        r -> r.overageCredits().toPlainString(),
                        UsageRow::overageEnabled,
                        UsageRow::tier,
                        UsageRow::messages,
                        UsageRow::email)
                .containsExactly(
                        tuple(
                                "0a1b2c3d-1111-7000-8000-00000000a001",
                                "KIRO_IDE",
                                "42.17",
                                "0.0",
                                false,
                                "PRO",
                                58L,
                                "alice@example.com"),
                        tuple(
                                "0a1b2c3d-1111-7000-8000-00000000b002",
                                "KIRO_CLI",
                                "310.5",
                                "110.5",
                                true,
                                "PRO_PLUS",
                                95L,
                                "bob@example.com"),
                        tuple(
                                "0a1b2c3d-1111-7000-8000-00000000c003",
                                "PLUGIN",
                                "0.85",
                                "0.0",
                                false,
                                "POWER",
                                2L,
                                "carol@example.com"));
        assertThat(p.rows().get(0).day()).isEqualTo(LocalDate.of(2026, 9, 14));
        assertThat(p.rows().get(0).extra())
                .containsEntry("Usage_Limit", "1000")
                .containsEntry("claude_sonnet_4.5_messages", "18")
                .containsEntry("New_User", "false");
    }

    @Test
    void headerMatchesWithoutCaseOrSpacesInAnyOrderWithBomAndCrlf() {
        String csv = "\uFEFF credits_used , DATE,userid,Client_Type,some_future_column\r\n"
                + "12.5,2026-07-10,\"d-9067c98495.1408e438-aaaa\",KIRO_CLI,whatever\r\n";
        ReportCsv.Parsed p = ReportCsv.parse("k.csv", csv);
        assertThat(p.problems()).isEmpty();
        assertThat(p.rows()).singleElement().satisfies(r -> {
            assertThat(r.kiroUserId()).as("normalised after the last dot").isEqualTo("1408e438-aaaa");
            assertThat(r.credits()).isEqualByComparingTo("12.5");
            assertThat(r.overageCredits()).isEqualByComparingTo("0");
            assertThat(r.profileId()).isEmpty();
            assertThat(r.extra()).containsEntry("some_future_column", "whatever");
        });
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        String csv = "Date,UserId,Client_Type,Credits_Used,User_Email\n"
                + "2026-07-10,u1,KIRO_IDE,1,\"a,\"\"b\"\"\nc@example.com\"\n"
                + "2026-07-10,u2,KIRO_IDE,x,b@example.com\n";
        ReportCsv.Parsed p = ReportCsv.parse("f.csv", csv);
        assertThat(p.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.email()).isEqualTo("a,\"b\"\nc@example.com"));
        assertThat(p.problems())
                .extracting(ImportProblem::toString)
                .containsExactly("f.csv:4: Credits_Used must be a number, got 'x'");
    }

    static Stream<Arguments> malformedRows() {
        String header = "Date,UserId,Client_Type,Credits_Used,Overage_Enabled,Total_Messages\n";
        return Stream.of(
                        Arguments.of(
                                "bad date",
                                "07-10-2026,u1,KIRO_IDE,1,false,3",
                                "Date must be an ISO date like 2026-07-10, got '07-10-2026'"),
                        Arguments.of(
                                "negative credits",
                                "2026-07-10,u1,KIRO_IDE,-1,false,3",
                                "Credits_Used must not be negative, got '-1'"),
                        Arguments.of(
                                "boolean",
                                "2026-07-10,u1,KIRO_IDE,1,yes,3",
                                "Overage_Enabled must be true or false, got 'yes'"),
                        Arguments.of(
                                "count",
                                "2026-07-10,u1,KIRO_IDE,1,false,3.5",
                                "Total_Messages must be a whole number, got '3.5'"),
                        Arguments.of("no user", "2026-07-10,,KIRO_IDE,1,false,3", "UserId is empty"),
                        Arguments.of(
                                "too few fields",
                                "2026-07-10,u1,KIRO_IDE",
                                "expected 6 fields as in the header, got 3"),
                        Arguments.of(
                                "unclosed quote", "2026-07-10,\"u1,KIRO_IDE,1,false,3", "a quoted field is not closed"))
                .map(a -> Arguments.of(
                        a.get()[0], header + "2026-07-09,ok,KIRO_CLI,2,true,1\n" + a.get()[1] + "\n", a.get()[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRows")
    void aMalformedRowIsReportedWithItsLineAndTheRestImports(String why, String csv, String message) {
        ReportCsv.Parsed p = ReportCsv.parse("r.csv", csv);
        assertThat(p.rows()).extracting(UsageRow::kiroUserId).containsExactly("ok");
        assertThat(p.problems()).extracting(ImportProblem::toString).containsExactly("r.csv:3: " + message);
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsOneProblem() {
        ReportCsv.Parsed p = ReportCsv.parse("legacy.csv", "UserId,Chat_AICodeLines,Date\nu1,4,07-10-2026\n");
        assertThat(p.rows()).isEmpty();
        assertThat(p.problems())
                .extracting(ImportProblem::toString)
                .containsExactly(
                        "legacy.csv:1: the header lacks Client_Type, Credits_Used; the file is not a user_report");
    }

    @Test
    void aRepeatedRowKeepsTheLastOne() {
        ReportCsv.Parsed p = ReportCsv.parse(
                "k.csv", "Date,UserId,Client_Type,Credits_Used\n2026-07-10,u1,KIRO_IDE,1\n2026-07-10,u1,KIRO_IDE,7\n");
        assertThat(p.rows()).extracting(UsageRow::credits).containsExactly(new BigDecimal("7"));
    }

    @Test
    void keysSelectUserReportCsvsAndGiveTheirDay() {
        assertThat(ReportKeys.userReportPrefix("kiro/", "111122223333"))
                .isEqualTo("kiro/AWSLogs/111122223333/KiroLogs/user_report/");
        List.of(
                        "kiro/AWSLogs/111122223333/KiroLogs/user_report/us-east-1/2026/07/10/00/KIRO_CLI_111122223333_user_report_202607100000.csv",
                        "kiro/AWSLogs/111122223333/KiroLogs/user_report/us-east-1/2026/07/10/00/KIRO_WEB_111122223333_user_report_202607100000.csv")
                .forEach(k -> {
                    assertThat(ReportKeys.isUserReport(k)).isTrue();
                    assertThat(ReportKeys.dayOf(k)).contains(LocalDate.of(2026, 7, 10));
                });
        assertThat(ReportKeys.dayOf("copied/PLUGIN_111122223333_user_report_202609140000.csv"))
                .contains(LocalDate.of(2026, 9, 14));
        assertThat(
                        ReportKeys.isUserReport(
                                "kiro/AWSLogs/1/KiroLogs/by_user_analytic/us-east-1/2026/07/10/00/1_by_user_analytic_202607100000_report.csv"))
                .isFalse();
        assertThat(ReportKeys.isUserReport("kiro/AWSLogs/1/KiroLogs/0f8fad5b-d9cb-469f-a165-70867728950e"))
                .isFalse();
    }
}
