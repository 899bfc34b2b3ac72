package dev.kiroscim.server.seats;

import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -HUP <pid>} reloads the policy, the Unix convention for "re-read your configuration". Uses
 * {@code sun.misc.Signal} (module jdk.unsupported), which works on Java 17; platforms without SIGHUP (Windows) just
 * have the admin endpoint. The reload runs on its own thread so the signal handler returns at once.
 */
public final class ReloadOnSighup {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadOnSighup.class);

    private ReloadOnSighup() {}

    public static void install(PolicyReloader reloader, Clock clock) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                Thread t = new Thread(
                        () -> {
                            try {
                                reloader.reload(new ChangeContext(
                                        "signal:SIGHUP", "sighup-" + UUID.randomUUID(), clock.instant()));
                            } catch (RuntimeException e) {
                                LOG.error("policy reload on SIGHUP failed: {}", e.toString());
                            }
                        },
                        "kiro-policy-reload");
                t.start();
            });
        } catch (IllegalArgumentException e) {
            LOG.info(
                    "SIGHUP is not available here ({}); reload the policy with POST /admin/v1/policy/reload",
                    e.getMessage());
        }
    }
}
