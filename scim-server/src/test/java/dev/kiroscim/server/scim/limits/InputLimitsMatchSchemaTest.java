package dev.kiroscim.server.scim.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each input limit equals the size of the column that stores the value, as the Flyway migrations declare it
 * (after every later {@code alter table … alter column}), so widening or narrowing a column without the limit
 * (or the reverse) fails here instead of becoming a 500 in production.
 */
class InputLimitsMatchSchemaTest {

    private static final Path MIGRATIONS = Path.of("..", "persistence", "src", "main", "resources", "db", "migration");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("create\\s+table\\s+(\\w+)\\s*\\((.*?)\\);", Pattern.DOTALL);
    private static final Pattern COLUMN =
            Pattern.compile("^\\s*(\\w+)\\s+(?:varchar|character varying|char)\\s*\\((\\d+)\\)", Pattern.MULTILINE);
    private static final Pattern ALTER = Pattern.compile(
            "alter\\s+table\\s+(\\w+)\\s+(?:alter\\s+column\\s+(\\w+)\\s+(?:set\\s+data\\s+)?type|add\\s+(?:column\\s+)?(\\w+))\\s+varchar\\s*\\((\\d+)\\)");

    static List<InputLimits.ColumnLimit> limits() {
        return InputLimits.COLUMNS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void limitEqualsTheColumnSize(InputLimits.ColumnLimit limit) throws IOException {
        Map<String, Integer> sizes = declaredSizes();
        assertThat(sizes)
                .as("migrations declare %s.%s", limit.table(), limit.column())
                .containsKey(limit.table() + "." + limit.column());
        assertThat(sizes.get(limit.table() + "." + limit.column()))
                .as("%s.%s", limit.table(), limit.column())
                .isEqualTo(limit.maxLength());
    }

    /** table.column → declared character length, migrations applied in version order. */
    private static Map<String, Integer> declaredSizes() throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(MIGRATIONS)) {
            files = list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(InputLimitsMatchSchemaTest::version))
                    .toList();
        }
        assertThat(files).as("migrations in %s", MIGRATIONS.toAbsolutePath()).isNotEmpty();
        for (Path file : files) {
            String sql = Files.readString(file).toLowerCase(Locale.ROOT).replaceAll("--[^\\n]*", "");
            Matcher table = CREATE_TABLE.matcher(sql);
            while (table.find()) {
                Matcher column = COLUMN.matcher(table.group(2));
                while (column.find()) {
                    sizes.put(table.group(1) + "." + column.group(1), Integer.parseInt(column.group(2)));
                }
            }
            Matcher alter = ALTER.matcher(sql);
            while (alter.find()) {
                String column = alter.group(2) != null ? alter.group(2) : alter.group(3);
                sizes.put(alter.group(1) + "." + column, Integer.parseInt(alter.group(4)));
            }
        }
        return sizes;
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
