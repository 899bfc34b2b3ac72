package dev.kiroscim.server.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every section of {@code kiro-scim.yaml}; a top-level key no section owns is reported as a typo. */
public final class ConfigSections {

    /** Adding a section: one record with a {@code SECTION} constant (see {@link ConfigSection}), and one line here. */
    public static final List<ConfigSection<?>> ALL = List.of(
            ScimSection.SECTION,
            ServerSection.SECTION,
            AuditSection.SECTION,
            PolicySection.SECTION,
            IdentityCenterSection.SECTION,
            UsageSection.SECTION,
            ConsoleSection.SECTION,
            NotificationsSection.SECTION);

    private ConfigSections() {}

    /** The top-level keys, in the order of {@link #ALL}, for "allowed: …" in messages. */
    static Set<String> topLevelKeys(List<ConfigSection<?>> sections) {
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigSection<?> section : sections) {
            keys.addAll(section.keys()); // one key, or the policy's keys in their documented order
        }
        return keys;
    }
}
