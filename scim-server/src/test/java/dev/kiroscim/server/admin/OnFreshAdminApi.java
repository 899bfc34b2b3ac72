package dev.kiroscim.server.admin;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the admin API tests that change shared state (the policy, the outboxes): a new fixture per test. */
abstract class OnFreshAdminApi {

    @TempDir
    Path dir;

    AdminApiFixture api;

    @BeforeEach
    void startAdminApi() {
        api = AdminApiFixture.start(dir);
    }

    @AfterEach
    void stopAdminApi() {
        api.close();
    }
}
