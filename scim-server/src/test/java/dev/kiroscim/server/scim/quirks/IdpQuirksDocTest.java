package dev.kiroscim.server.scim.quirks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/idp-quirks.md} equal to {@link IdpQuirks#all()}: the part between the two markers is generated
 * from the registry, so a quirk added, renamed or re-described without updating the doc fails this test. On a
 * mismatch the expected file is written to {@code target/idp-quirks.md}; copy it over {@code docs/idp-quirks.md}.
 */
class IdpQuirksDocTest {

    static final String BEGIN = "<!-- BEGIN generated from IdpQuirks.all() by IdpQuirksDocTest -->";
    static final String END = "<!-- END generated -->";
    private static final Path DOC = Path.of("..", "docs", "idp-quirks.md");

    /** The registry as a Markdown table, one row per quirk in registry order. */
    static String generatedTable() {
        StringBuilder table = new StringBuilder(BEGIN)
                .append('\n')
                .append("| # | Quirk (class in `scim/quirks`) | Sent by | What we accept and do | Source |\n")
                .append("|---|---|---|---|---|\n");
        int row = 1;
        for (IdpQuirk quirk : IdpQuirks.all()) {
            table.append("| ")
                    .append(row++)
                    .append(" | `")
                    .append(quirk.name())
                    .append("` | ")
                    .append(cell(quirk.idp()))
                    .append(" | ")
                    .append(cell(quirk.description()))
                    .append(" | ")
                    .append(cell(quirk.source()))
                    .append(" |\n");
        }
        return table.append(END).toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    @Test
    void docListsEveryRegisteredQuirkExactly() throws IOException {
        String doc = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        String expected = generatedTable();
        String actual = begin >= 0 && end > begin ? doc.substring(begin, end + END.length()) : "";
        if (!actual.equals(expected)) {
            Path target = Path.of("target", "idp-quirks.md");
            String fixed = begin >= 0 && end > begin
                    ? doc.substring(0, begin) + expected + doc.substring(end + END.length())
                    : doc + "\n" + expected + "\n";
            Files.createDirectories(target.getParent());
            Files.writeString(target, fixed, StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("docs/idp-quirks.md is out of date with IdpQuirks.all(); the corrected file is in "
                        + "scim-server/target/idp-quirks.md")
                .isEqualTo(expected);
    }

    @Test
    void everyQuirkNamesItsClientAndSource() {
        assertThat(IdpQuirks.all()).isNotEmpty().allSatisfy(quirk -> {
            assertThat(quirk.idp()).isNotBlank();
            assertThat(quirk.description()).isNotBlank();
            assertThat(quirk.source()).contains("docs/idp-quirks.md");
        });
        assertThat(IdpQuirks.all()).extracting(IdpQuirk::name).doesNotHaveDuplicates();
    }
}
