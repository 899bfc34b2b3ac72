package dev.kiroscim.adapter.aws.s3;

import java.net.URI;

/**
 * Where Kiro writes its per-user activity reports. Mirrors the {@code usage.s3} config block, e.g. bucket
 * {@code my-kiro-reports}, prefix {@code kiro} and region {@code us-east-1} for files under
 * {@code kiro/AWSLogs/<accountId>/KiroLogs/user_report/}. The server's config reader builds it, so this adapter knows
 * nothing of the config file.
 *
 * @param bucket   the bucket named in the Kiro console
 * @param prefix   the prefix set in the Kiro console (Kiro never writes reports to the bucket root)
 * @param region   the bucket's Region
 * @param endpoint an endpoint override (an emulator), or {@code null} for AWS itself
 */
public record S3ReportLocation(String bucket, String prefix, String region, URI endpoint) {}
