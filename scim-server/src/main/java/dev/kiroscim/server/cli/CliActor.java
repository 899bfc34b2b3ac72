package dev.kiroscim.server.cli;

import dev.kiroscim.core.directory.events.Actor;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Instant;
import java.util.UUID;

/**
 * The actor of changes made from the command line: {@code cli:<OS user>}, so the audit log tells a token created
 * with {@code token create} on the host apart from one created through the admin API.
 */
final class CliActor {

    private CliActor() {}

    static ChangeContext context() {
        return ChangeContext.of(
                Actor.cli(System.getProperty("user.name", "unknown")), "cli-" + UUID.randomUUID(), Instant.now());
    }
}
