package dev.kiroscim.it;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A client-side TLS context that accepts any server certificate, for probing servers that present a certificate
 * the test made itself. Tests that care which certificate was served read it from the session instead of trusting
 * it blindly (see {@code TlsInJarTest}).
 */
final class TrustAnyCertificate {

    static final X509TrustManager TRUST_MANAGER = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    static final HttpClient HTTP_CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(context("TLS"))
            .build(); // includes the TLS handshake

    private TrustAnyCertificate() {}

    /** A fresh context (so no TLS session is resumed) for {@code protocol}, e.g. {@code TLS} or {@code TLSv1.2}. */
    static SSLContext context(String protocol) {
        try {
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(null, new TrustManager[] {TRUST_MANAGER}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
