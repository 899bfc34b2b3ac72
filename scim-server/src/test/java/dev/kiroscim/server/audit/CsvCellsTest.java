package dev.kiroscim.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cells that a spreadsheet would evaluate are exported as text; everything else is unchanged. */
class CsvCellsTest {

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
                Arguments.of("+1+cmd", "'+1+cmd"),
                Arguments.of("-2+3", "'-2+3"),
                Arguments.of("@SUM(A1:A9)", "'@SUM(A1:A9)"),
                Arguments.of("\t=1+1", "'\t=1+1"),
                Arguments.of("\r=1+1", "'\r=1+1"),
                Arguments.of("ann@example.com", "ann@example.com"),
                Arguments.of("a=b", "a=b"),
                Arguments.of("Kiro-Developers", "Kiro-Developers"),
                Arguments.of(" =x", " =x"),
                Arguments.of("'already quoted", "'already quoted"),
                Arguments.of("", ""),
                Arguments.of(null, null));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("cells")
    void neutralises(String cell, String expected) {
        assertThat(CsvCells.neutralise(cell)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void theCsvRenderingUsesIt() {
        AuditRendering.Table table =
                new AuditRendering.Table(List.of("userName", "n"), List.of(List.of("=cmd|' /C calc'!A0", "-5")));
        assertThat(table.csv()).isEqualTo("userName,n\r\n'=cmd|' /C calc'!A0,'-5\r\n");
    }
}
