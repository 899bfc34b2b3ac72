package dev.kiroscim.server.admin;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the admin API tests that share one seeded {@link AdminApiFixture} per class: for tests that only read, or
 * whose writes (a token of their own) do not touch what the others read.
 */
abstract class OnSeededAdminApi {

    @TempDir
    static Path dir;

    static AdminApiFixture api;

    @BeforeAll
    static void startAdminApi() {
        api = AdminApiFixture.start(dir);
    }

    @AfterAll
    static void stopAdminApi() {
        api.close();
    }
}
