package dev.kiroscim.server.http;

import dev.kiroscim.server.scim.render.ScimJson;
import java.io.IOException;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * A request head beyond Grizzly's own limits ({@link RequestHeadLimits#TRANSPORT_MAX_HEAD_BYTES},
 * {@link RequestHeadLimits#TRANSPORT_MAX_HEADER_COUNT}) never reaches Jersey: Grizzly's HTTP codec answers it
 * with a bare 400 and closes the connection. This codec subclass answers 414 (request line too long) or 431
 * (headers too large or too many) instead, with an RFC 7644 §3.12 error body.
 *
 * <p>Installed by {@link #install} after the server started, in place of the codec filter Grizzly built, with the
 * same settings ({@code HttpServer.configureListener} passes no executor and no default content type either).
 */
public final class OversizedHeadResponses extends HttpServerFilter {

    private OversizedHeadResponses(NetworkListener listener) {
        super(
                listener.isChunkingEnabled(),
                listener.getMaxHttpHeaderSize(),
                null,
                listener.getKeepAlive(),
                null,
                listener.getMaxRequestHeaders(),
                listener.getMaxResponseHeaders());
    }

    /** Replaces the listener's HTTP codec filter; call after {@code HttpServer.start()}. */
    public static void install(NetworkListener listener, ServerConfiguration config) {
        FilterChain chain = listener.getFilterChain();
        for (int i = 0; i < chain.size(); i++) {
            Filter filter = chain.get(i);
            if (filter.getClass() == HttpServerFilter.class) {
                HttpServerFilter original = (HttpServerFilter) filter;
                OversizedHeadResponses replacement = new OversizedHeadResponses(listener);
                replacement.setAllowPayloadForUndefinedHttpMethods(config.isAllowPayloadForUndefinedHttpMethods());
                replacement.setMaxPayloadRemainderToSkip(config.getMaxPayloadRemainderToSkip());
                replacement
                        .getMonitoringConfig()
                        .addProbes(original.getMonitoringConfig().getProbes());
                chain.set(i, replacement);
                return;
            }
        }
        throw new IllegalStateException("no Grizzly HTTP codec filter in " + chain);
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable error) throws IOException {
        HttpResponsePacket response = ((HttpRequestPacket) header).getResponse();
        String message = String.valueOf(error.getMessage());
        if (message.contains("intial line is too large") || message.contains("initial line is too large")) {
            response.setStatus(414);
            response.setReasonPhrase("URI Too Long");
        } else if (message.contains("header is too large")
                || error instanceof MimeHeaders.MaxHeaderCountExceededException) {
            response.setStatus(431);
            response.setReasonPhrase("Request Header Fields Too Large");
        } else {
            response.setStatus(400);
        }
        super.onHttpHeaderError(header, ctx, error);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        String detail = switch (response.getStatus()) {
            case 414 -> "the request line is longer than " + RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES + " bytes";
            case 431 ->
                "the request headers exceed " + RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES + " bytes or "
                        + RequestHeadLimits.TRANSPORT_MAX_HEADER_COUNT + " fields";
            default -> "the request is not valid HTTP/1.1";
        };
        byte[] body = ScimJson.bytes(ScimErrors.body(response.getStatus(), null, detail));
        // A header, not setContentType: when the request line itself was too long, Grizzly does not encode the
        // content type it was given (the request never became HTTP/1.1), but it does write plain headers.
        response.getHeaders().setValue("Content-Type").setString(ScimJson.CONTENT_TYPE);
        response.setContentLength(body.length);
        return HttpContent.builder(response)
                .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                .last(true)
                .build();
    }
}
