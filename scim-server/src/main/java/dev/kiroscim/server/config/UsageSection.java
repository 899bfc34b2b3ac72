package dev.kiroscim.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code usage:} config section: where Kiro's per-user activity reports are, and when to import them.
 * <pre>
 * usage:
 *   accountId: "111122223333"          # the AWS account of the Kiro subscriptions (12 digits)
 *   s3:
 *     bucket: my-kiro-reports
 *     prefix: kiro                     # the prefix set in the Kiro console (files under prefix/AWSLogs/…/user_report/)
 *     region: us-east-1
 *     endpoint: http://127.0.0.1:5000  # optional, for emulators
 *   importAt: "03:00"                  # UTC; Kiro writes yesterday's files at 02:00 UTC
 *   creditsIncludeOverage: true        # assumption A-5 (docs/usage-and-cost.md)
 * # or, for reports copied to disk:
 *   directory: /var/lib/kiro/reports
 * </pre>
 * Without {@code s3} or {@code directory} the import is off (and usage-based figures say "no report data").
 */
public record UsageSection(String accountId, Optional<S3Location> s3, Optional<Path> directory, LocalTime importAt,
                           boolean creditsIncludeOverage) {

    /** @param endpoint null for AWS itself */
    public record S3Location(String bucket, String prefix, String region, URI endpoint) {
    }

    public static final LocalTime DEFAULT_IMPORT_AT = LocalTime.of(3, 0);
    private static final Set<String> KEYS = Set.of("accountId", "s3", "directory", "importAt", "creditsIncludeOverage");
    private static final Set<String> S3_KEYS = Set.of("bucket", "prefix", "region", "endpoint");

    public static UsageSection off() {
        return new UsageSection("", Optional.empty(), Optional.empty(), DEFAULT_IMPORT_AT, true);
    }

    public boolean enabled() {
        return s3.isPresent() || directory.isPresent();
    }

    static UsageSection from(Path file, JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return off();
        }
        if (!node.isObject()) {
            throw new ConfigException(file + ": usage must be a mapping");
        }
        unknownKeys(file, node, KEYS, "usage.");
        String account = node.path("accountId").asText("").trim();
        LocalTime at = DEFAULT_IMPORT_AT;
        if (node.hasNonNull("importAt")) {
            try {
                at = LocalTime.parse(node.get("importAt").asText().trim());
            } catch (DateTimeParseException e) {
                throw new ConfigException(file + ": usage.importAt must be a UTC time like \"03:00\", not '" + node.get("importAt").asText() + "'");
            }
        }
        JsonNode include = node.path("creditsIncludeOverage");
        if (!include.isMissingNode() && !include.isNull() && !include.isBoolean()) {
            throw new ConfigException(file + ": usage.creditsIncludeOverage must be true or false");
        }
        boolean includes = include.isMissingNode() || include.isNull() || include.asBoolean();
        Optional<Path> directory = node.hasNonNull("directory") ? Optional.of(Path.of(node.get("directory").asText().trim())) : Optional.empty();
        Optional<S3Location> s3 = Optional.empty();
        JsonNode s3Node = node.path("s3");
        if (!s3Node.isMissingNode() && !s3Node.isNull()) {
            if (!s3Node.isObject()) {
                throw new ConfigException(file + ": usage.s3 must be a mapping with bucket, prefix and region");
            }
            unknownKeys(file, s3Node, S3_KEYS, "usage.s3.");
            for (String required : new String[] {"bucket", "prefix", "region"}) {
                if (s3Node.path(required).asText("").isBlank()) {
                    throw new ConfigException(file + ": usage.s3." + required + " is required"
                            + (required.equals("prefix") ? " (Kiro does not write reports to the bucket root)" : ""));
                }
            }
            if (!account.matches("\\d{12}")) {
                throw new ConfigException(file + ": usage.accountId must be the 12-digit AWS account of the Kiro subscriptions, not '" + account + "'");
            }
            URI endpoint = s3Node.hasNonNull("endpoint") ? URI.create(s3Node.get("endpoint").asText().trim()) : null;
            s3 = Optional.of(new S3Location(s3Node.get("bucket").asText().trim(), s3Node.get("prefix").asText().trim(),
                    s3Node.get("region").asText().trim(), endpoint));
        }
        if (s3.isPresent() && directory.isPresent()) {
            throw new ConfigException(file + ": usage: give either s3 or directory, not both");
        }
        return new UsageSection(account, s3, directory, at, includes);
    }

    private static void unknownKeys(Path file, JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(file + ": unknown key " + prefix + key + " (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
