package dev.kiroscim.server.cli;

import dev.kiroscim.server.logging.LogFormat;
import dev.kiroscim.server.logging.LogbackSetup;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code serve}'s logging options: the line format and per-logger levels. */
final class LoggingOptions {

    @Option(
            names = "--log-format",
            defaultValue = "${env:KIRO_SCIM_LOG_FORMAT:-plain}",
            description =
                    "plain (default) or json: one JSON object per line with time, level, logger, message, requestId and actor (env KIRO_SCIM_LOG_FORMAT).")
    String format;

    @Option(
            names = "--log-level",
            split = ",",
            defaultValue = "${env:KIRO_SCIM_LOG_LEVELS}",
            description =
                    "Per-logger levels, e.g. org.hibernate.SQL=debug,dev.kiroscim.access=warn (root=… for all; env KIRO_SCIM_LOG_LEVELS).")
    List<String> levels;

    void apply() {
        LogbackSetup.apply(LogFormat.parse(format), levels);
    }
}
