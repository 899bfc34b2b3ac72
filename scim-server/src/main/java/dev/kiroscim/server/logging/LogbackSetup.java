package dev.kiroscim.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code serve}'s logging options to Logback once the command line is parsed: the format (the jar's
 * {@code logback.xml} picks its appender from the system property {@value #FORMAT_PROPERTY}) and per-logger levels
 * such as {@code org.hibernate.SQL=debug,dev.kiroscim.access=warn} ({@code root=debug} for the root logger).
 * An operator's own {@code -Dlogback.configurationFile} wins over the format; the levels still apply on top of it.
 */
public final class LogbackSetup {

    public static final String FORMAT_PROPERTY = "kiro.log.format";

    private LogbackSetup() {}

    /**
     * @param levels {@code logger=level} entries; the level is one of trace, debug, info, warn, error, off
     * @throws IllegalArgumentException for an entry without {@code =} or an unknown level, naming the entry
     */
    public static void apply(LogFormat format, List<String> levels) {
        Map<String, Level> parsed = parseLevels(levels);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding (e.g. in a test JVM): leave it alone
        }
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty(FORMAT_PROPERTY, format.wireName());
            URL config = LogbackSetup.class.getResource("/logback.xml");
            if (config != null) {
                context.reset();
                JoranConfigurator configurator = new JoranConfigurator();
                configurator.setContext(context);
                try {
                    configurator.doConfigure(config);
                } catch (JoranException e) {
                    throw new IllegalStateException("the jar's logback.xml is broken", e);
                }
            }
        }
        parsed.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    static Map<String, Level> parseLevels(List<String> entries) {
        Map<String, Level> levels = new LinkedHashMap<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException(
                        "log level '" + entry + "' is not logger=level (e.g. org.hibernate.SQL=debug)");
            }
            String name = e.substring(0, eq).trim();
            String level = e.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
            if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level)) {
                throw new IllegalArgumentException(
                        "log level '" + entry + "': use trace, debug, info, warn, error or off");
            }
            levels.put(name.equalsIgnoreCase("root") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name, Level.toLevel(level));
        }
        return levels;
    }
}
