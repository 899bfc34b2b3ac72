package dev.kiroscim.server.scim.quirks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The document reader and the PATCH engine implement the RFCs only: nothing in {@code scim/document} or
 * {@code scim/patch} refers to a {@code scim.quirks} type, so there is no package cycle and every leniency stays in
 * the normaliser (docs/idp-quirks.md, "How a request flows").
 */
class QuirksStayOutsideTheEngineTest {

    private static final Path SCIM = Path.of("src", "main", "java", "dev", "kiroscim", "server", "scim");

    @ParameterizedTest
    @ValueSource(strings = {"document", "patch"})
    void packageDoesNotUseTheQuirks(String pkg) throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.list(SCIM.resolve(pkg))) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).lines()
                            .anyMatch(line ->
                                    !line.trim().startsWith("*") && line.contains("dev.kiroscim.server.scim.quirks")))
                    .map(f -> f.getFileName().toString())
                    .toList();
        }
        assertThat(offenders)
                .as("classes in scim/" + pkg + " that use scim.quirks")
                .isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
