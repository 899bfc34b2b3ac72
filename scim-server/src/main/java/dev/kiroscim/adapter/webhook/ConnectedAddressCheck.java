package dev.kiroscim.adapter.webhook;

import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.TargetRules;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} that checks the address a TLS connection actually reached before the handshake, so a
 * host name that resolved to a public address when checked and to 169.254.169.254 when connecting (DNS rebinding) is
 * still refused.
 *
 * <p>How: it declines to make unconnected sockets (a {@link SocketException} caused by
 * {@link UnsupportedOperationException}, the JDK's documented signal), so {@code HttpsURLConnection} connects a plain
 * socket itself and then layers TLS over it with {@link #createSocket(Socket, String, int, boolean)} — where the
 * connected peer address is known and checked with {@link TargetRules#refusal}.
 */
final class ConnectedAddressCheck extends SSLSocketFactory {

    /** The connection went to an address the SSRF rules refuse. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final SSLSocketFactory tls;
    private final URI url;
    private final AddressRanges allowPrivate;

    ConnectedAddressCheck(SSLSocketFactory tls, URI url, AddressRanges allowPrivate) {
        this.tls = tls;
        this.url = url;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public Socket createSocket() throws IOException {
        throw unsupported("unconnected sockets are not offered");
    }

    @Override
    public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
        InetAddress peer = connected.getInetAddress();
        Optional<String> refusal =
                peer == null ? Optional.of("not connected") : TargetRules.refusal(url, peer, allowPrivate);
        if (refusal.isPresent()) {
            connected.close();
            throw new Refused("refused to send to " + TargetRules.describe(url) + ": " + refusal.get());
        }
        return tls.createSocket(connected, host, port, autoClose);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unsupported("only layered sockets are offered");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unsupported("only layered sockets are offered");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unsupported("only layered sockets are offered");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw unsupported("only layered sockets are offered");
    }

    /** The JDK's signal for "no unconnected sockets": a SocketException caused by UnsupportedOperationException. */
    private static SocketException unsupported(String message) {
        SocketException e = new SocketException(message);
        e.initCause(new UnsupportedOperationException(message));
        return e;
    }
}
