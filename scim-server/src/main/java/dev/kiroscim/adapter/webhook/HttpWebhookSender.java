package dev.kiroscim.adapter.webhook;

import dev.kiroscim.core.net.RetryAfterHeader;
import dev.kiroscim.core.notify.DeliveryOutcome;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.TargetRules;
import dev.kiroscim.core.notify.WebhookSender;
import dev.kiroscim.core.notify.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link WebhookSender} over {@link HttpURLConnection}: one POST, no proxy, no redirects followed (a 3xx is a failed
 * attempt), connect and read timeouts of a few seconds, at most 64 KiB of the answer read. Before connecting, every
 * address the host resolves to is checked with {@link TargetRules}; for {@code https} the address actually connected
 * to is checked again ({@link ConnectedAddressCheck}). Error texts name the endpoint by scheme and host only.
 *
 * <p>Headers: {@code Content-Type}, {@value WebhookSignature#EVENT_ID_HEADER} (the CloudEvents id) and, when the endpoint
 * has a secret file, {@value WebhookSignature#HEADER}.
 */
public final class HttpWebhookSender implements WebhookSender {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ANSWER = 64 * 1024;

    private final SecretFiles secrets;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public HttpWebhookSender(SecretFiles secrets) {
        this(secrets, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    public HttpWebhookSender(SecretFiles secrets, Duration connectTimeout, Duration readTimeout) {
        this.secrets = secrets;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    public DeliveryOutcome send(NotificationEndpoint endpoint, String eventId, String contentType, byte[] body) {
        URI url = endpoint.url();
        String target = TargetRules.describe(url);
        Optional<byte[]> secret;
        try {
            secret = secrets.secretOf(endpoint.name());
        } catch (UncheckedIOException e) {
            return DeliveryOutcome.refused(e.getMessage());
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                Optional<String> refusal = TargetRules.refusal(url, address, endpoint.allowPrivate());
                if (refusal.isPresent()) {
                    return DeliveryOutcome.refused("refused to send to " + target + ": " + refusal.get());
                }
            }
            HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            if (http instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(new ConnectedAddressCheck(
                        (SSLSocketFactory) SSLSocketFactory.getDefault(), url, endpoint.allowPrivate()));
            }
            http.setInstanceFollowRedirects(false);
            http.setUseCaches(false);
            http.setConnectTimeout((int) connectTimeout.toMillis());
            http.setReadTimeout((int) readTimeout.toMillis());
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setFixedLengthStreamingMode(body.length);
            http.setRequestProperty("Content-Type", contentType);
            http.setRequestProperty("User-Agent", "kiro-scim-bridge-webhooks");
            http.setRequestProperty(WebhookSignature.EVENT_ID_HEADER, eventId);
            secret.ifPresent(key -> http.setRequestProperty(WebhookSignature.HEADER, WebhookSignature.sign(key, body)));
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
            int status = http.getResponseCode();
            drain(http, status);
            if (status >= 200 && status < 300) {
                return DeliveryOutcome.ok(status);
            }
            String error = status >= 300 && status < 400
                    ? "redirect not followed (a webhook URL must answer itself)"
                    : "receiver answered " + status;
            return DeliveryOutcome.failed(
                    status, error, RetryAfterHeader.parse(http.getHeaderField("Retry-After"), Instant.now()));
        } catch (ConnectedAddressCheck.Refused e) {
            return DeliveryOutcome.refused(e.getMessage());
        } catch (IOException | RuntimeException e) {
            Throwable refused = e.getCause();
            if (refused instanceof ConnectedAddressCheck.Refused) {
                return DeliveryOutcome.refused(refused.getMessage());
            }
            return DeliveryOutcome.failed(
                    0,
                    target + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null
                                    ? ""
                                    : " " + e.getMessage().replace(url.toString(), target)),
                    Optional.empty());
        }
    }

    private static void drain(HttpURLConnection http, int status) {
        try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
            if (in != null) {
                in.readNBytes(MAX_ANSWER);
            }
        } catch (IOException ignored) {
            // the status is what counts; a broken body does not change it
        }
    }
}
