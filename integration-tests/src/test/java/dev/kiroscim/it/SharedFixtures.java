package dev.kiroscim.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files from the shared fixtures folder ({@code ${kiro.sharedDir}/fixtures}, by default {@code ../../shared}; when
 * that points nowhere, e.g. from a git worktree one level deeper, the nearest ancestor's {@code shared/}). A clone
 * of the repository alone has no such folder: tests that need a fixture skip with a message, and fail only under
 * {@code CI=true}, like tests that need PostgreSQL or moto.
 */
public final class SharedFixtures {

    private SharedFixtures() {}

    /** The fixture, when a shared folder holds it. */
    public static Optional<Path> find(String fileName) {
        Path relative = Path.of("fixtures", fileName);
        Path configured =
                Path.of(System.getProperty("kiro.sharedDir", "../../shared")).resolve(relative);
        if (Files.isRegularFile(configured)) {
            return Optional.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The fixture; skips the calling test when it is absent (fails under {@code CI=true}). */
    public static Path require(String fileName) {
        Optional<Path> found = find(fileName);
        dev.kiroscim.core.testsupport.ExternalComponent.require(
                "the shared fixture fixtures/" + fileName,
                found.isPresent(),
                "it is not in ${kiro.sharedDir}/fixtures (system property kiro.sharedDir, default "
                        + "../../shared) nor in a shared/ directory of any parent; check out the shared folder next to "
                        + "the repository or point -Dkiro.sharedDir at it");
        return found.orElseThrow();
    }
}
