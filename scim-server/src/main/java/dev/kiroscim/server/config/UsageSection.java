package dev.kiroscim.server.config;

import dev.kiroscim.adapter.aws.s3.S3ReportLocation;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
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
public record UsageSection(
        String accountId,
        Optional<S3ReportLocation> s3,
        Optional<Path> directory,
        LocalTime importAt,
        boolean creditsIncludeOverage) {

    public static final ConfigSection<UsageSection> SECTION = ConfigSection.of("usage", UsageSection::read);

    public static final LocalTime DEFAULT_IMPORT_AT = LocalTime.of(3, 0);
    private static final Set<String> KEYS = Set.of("accountId", "s3", "directory", "importAt", "creditsIncludeOverage");
    private static final Set<String> S3_KEYS = Set.of("bucket", "prefix", "region", "endpoint");

    public static UsageSection off() {
        return new UsageSection("", Optional.empty(), Optional.empty(), DEFAULT_IMPORT_AT, true);
    }

    public boolean enabled() {
        return s3.isPresent() || directory.isPresent();
    }

    static UsageSection read(ConfigNode usage, ConfigProblems problems) {
        if (!usage.mapping(problems, KEYS)) {
            return off();
        }
        String account = usage.get("accountId").text(problems, "");
        LocalTime at = DEFAULT_IMPORT_AT;
        ConfigNode importAt = usage.get("importAt");
        if (importAt.isSet()) {
            try {
                at = LocalTime.parse(importAt.text(problems, ""));
            } catch (DateTimeParseException e) {
                problems.add(importAt, "usage.importAt must be a UTC time like \"03:00\", not " + importAt.describe());
            }
        }
        boolean includes = usage.get("creditsIncludeOverage").flag(problems, true);
        String dir = usage.get("directory").text(problems, "");
        Optional<Path> directory = dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
        Optional<S3ReportLocation> s3 = Optional.empty();
        ConfigNode s3Node = usage.get("s3");
        if (s3Node.mapping(problems, S3_KEYS)) {
            for (String required : new String[] {"bucket", "prefix", "region"}) {
                if (s3Node.get(required).text(problems, "").isBlank()) {
                    problems.add(
                            s3Node.get(required),
                            "usage.s3." + required + " is required"
                                    + (required.equals("prefix")
                                            ? " (Kiro does not write reports to the bucket root)"
                                            : ""));
                }
            }
            if (!account.matches("\\d{12}")) {
                problems.add(
                        usage.get("accountId"),
                        "usage.accountId must be the 12-digit AWS account of the Kiro subscriptions, not '" + account
                                + "'");
            }
            String endpoint = s3Node.get("endpoint").text(problems, "");
            s3 = Optional.of(new S3ReportLocation(
                    s3Node.get("bucket").text(problems, ""),
                    s3Node.get("prefix").text(problems, ""),
                    s3Node.get("region").text(problems, ""),
                    endpoint.isEmpty() ? null : URI.create(endpoint)));
        }
        if (s3.isPresent() && directory.isPresent()) {
            problems.add(usage, "usage: give either s3 or directory, not both");
        }
        return new UsageSection(account, s3, directory, at, includes);
    }
}
