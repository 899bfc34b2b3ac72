package dev.kiroscim.adapter.aws.s3;

import dev.kiroscim.core.usage.ReportKeys;
import dev.kiroscim.core.usage.ReportObject;
import dev.kiroscim.core.usage.ReportSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Kiro's reports in the customer's bucket, read with {@code s3:ListBucket} on the prefix and {@code s3:GetObject} on
 * the objects (docs/usage-and-cost.md). Lists {@code prefix/AWSLogs/<accountId>/KiroLogs/user_report/} (every region
 * folder below it), keeps {@code *.csv} files whose day is on or after {@code from}; the ETag is the fingerprint, so an
 * unchanged file is never downloaded again. Credentials: the SDK's default chain.
 */
public final class S3ReportSource implements ReportSource, AutoCloseable {

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    S3ReportSource(S3Client client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    public static S3ReportSource create(S3ReportLocation location, String accountId) {
        return create(location, accountId, DefaultCredentialsProvider.builder().build());
    }

    public static S3ReportSource create(
            S3ReportLocation location, String accountId, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint()).forcePathStyle(true);
        }
        return new S3ReportSource(
                builder.build(), location.bucket(), ReportKeys.userReportPrefix(location.prefix(), accountId));
    }

    @Override
    public List<ReportObject> list(LocalDate from) throws IOException {
        try {
            List<ReportObject> files = new ArrayList<>();
            for (S3Object o : client.listObjectsV2Paginator(
                            r -> r.bucket(bucket).prefix(prefix))
                    .contents()) {
                Optional<LocalDate> day = ReportKeys.dayOf(o.key());
                if (ReportKeys.isUserReport(o.key())
                        && day.isPresent()
                        && !day.get().isBefore(from)) {
                    files.add(new ReportObject(o.key(), o.eTag() == null ? "" : o.eTag(), day.get()));
                }
            }
            files.sort(Comparator.comparing(ReportObject::key));
            return files;
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String read(ReportObject file) throws IOException {
        try {
            return client.getObjectAsBytes(r -> r.bucket(bucket).key(file.key()))
                    .asString(StandardCharsets.UTF_8);
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        client.close();
    }
}
