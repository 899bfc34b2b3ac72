package dev.kiroscim.server.scim.quirks;

import java.util.Locale;
import java.util.Set;

/**
 * Read-only keys inside a path-less PATCH {@code value} ({@code id}, {@code meta}, {@code schemas},
 * {@code groups}) are skipped instead of failing with 400 mutability.
 *
 * <p>Okta renames a group (and does so on every membership push) with
 * <pre>
 * sent:       {"op":"replace","value":{"id":"abf4dd94-…","displayName":"Test SCIMv2"}}
 * normalised: {"op":"replace","path":"displayName","value":"Test SCIMv2"}
 * </pre>
 * The {@code id} equals the URL's id; RFC 7644 §3.5.2 would make it a mutability error. A {@code path} that names a
 * read-only attribute still gets 400 mutability: only the path-less form is lenient.
 *
 * <p>Source: docs/idp-quirks.md §I10; https://github.com/simpleidserver/SimpleIdServer/issues/697.
 */
public final class ReadOnlyKeysInPathlessValue implements IdpQuirk {

    private static final Set<String> IGNORED = Set.of("id", "meta", "schemas", "groups");

    ReadOnlyKeysInPathlessValue() {}

    public boolean ignore(String key) {
        return IGNORED.contains(key.toLowerCase(Locale.ROOT));
    }

    @Override
    public String idp() {
        return "Okta";
    }

    @Override
    public String description() {
        return "id, meta, schemas, groups inside a path-less PATCH value are ignored (Okta group rename sends id)";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I10; https://github.com/simpleidserver/SimpleIdServer/issues/697";
    }
}
