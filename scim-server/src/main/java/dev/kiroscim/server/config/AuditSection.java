package dev.kiroscim.server.config;

import dev.kiroscim.core.audit.AuditRetention;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code audit:} section:
 * <pre>
 * audit:
 *   retention: P400D     # or P1Y (one calendar year), PT12H, forever (the default)
 * </pre>
 *
 * @param retention how long events are kept (see {@link AuditRetention} for what {@code P1Y} and {@code P1M} mean);
 *                  empty: forever
 */
public record AuditSection(Optional<AuditRetention> retention) {

    public static final ConfigSection<AuditSection> SECTION = ConfigSection.of("audit", AuditSection::read);

    static AuditSection read(ConfigNode audit, ConfigProblems problems) {
        if (!audit.mapping(problems, Set.of("retention"))) {
            return new AuditSection(Optional.empty());
        }
        ConfigNode node = audit.get("retention");
        String text = node.text(problems, "forever");
        if (text.equalsIgnoreCase("forever")) {
            return new AuditSection(Optional.empty());
        }
        try {
            return new AuditSection(Optional.of(AuditRetention.parse(text)));
        } catch (IllegalArgumentException e) {
            problems.add(
                    node,
                    "audit.retention must be a positive ISO-8601 duration like P400D, P1Y (one calendar year) "
                            + "or PT12H, or 'forever', not '" + text + "'");
            return new AuditSection(Optional.empty());
        }
    }
}
