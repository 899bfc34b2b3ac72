package dev.kiroscim.server.http;

import dev.kiroscim.server.scim.render.ScimJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.internal.ContainerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of Jersey's Grizzly container. Jersey turns the request target into a {@link URI} before any filter
 * runs; a target that is no URI ({@code /scim/v2/Users/%zz}, {@code ?%}) made it throw, and Grizzly answered with
 * its own HTML 500 page naming the exception. Such a request is a client error: 400 with an RFC 7644 §3.12 body.
 * Anything else escaping Jersey becomes a SCIM 500 body rather than Grizzly's HTML page (and is logged).
 */
public final class MalformedUriGuard extends HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedUriGuard.class);

    private final HttpHandler jersey;

    private MalformedUriGuard(HttpHandler jersey) {
        this.jersey = jersey;
    }

    /** Puts the guard in place of Jersey's container on every mapping; call before {@code HttpServer.start()}. */
    public static void install(HttpServer http) {
        ServerConfiguration config = http.getServerConfiguration();
        for (Map.Entry<HttpHandler, HttpHandlerRegistration[]> entry :
                config.getHttpHandlersWithMapping().entrySet()) {
            if (entry.getKey() instanceof GrizzlyHttpContainer container) {
                config.removeHttpHandler(container);
                config.addHttpHandler(new MalformedUriGuard(container), entry.getValue());
                return;
            }
        }
        throw new IllegalStateException("no Jersey container registered on the Grizzly server");
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String problem = uriProblem(request);
        if (problem != null) {
            write(response, 400, "the request target is not a valid URI: " + problem);
            return;
        }
        try {
            jersey.service(request, response);
        } catch (Exception | Error e) {
            LOG.error("request failed outside Jersey's error handling", e);
            if (!response.isCommitted()) {
                response.reset();
                write(response, 500, "internal error; see the server log");
            }
        }
    }

    /** The same construction as {@code GrizzlyHttpContainer.getRequestUri}; null when it succeeds. */
    static String uriProblem(Request request) {
        String query = request.getQueryString();
        String target = ContainerUtils.reduceLeadingSlashes(request.getRequestURI())
                + (query == null ? "" : "?" + ContainerUtils.encodeUnsafeCharacters(query));
        try {
            new URI("http://localhost" + target);
            return null;
        } catch (URISyntaxException e) {
            return e.getReason() + " at index " + Math.max(0, e.getIndex() - "http://localhost".length());
        }
    }

    private static void write(Response response, int status, String detail) throws java.io.IOException {
        byte[] body = ScimJson.bytes(ScimErrors.body(status, null, detail));
        response.setStatus(status);
        response.setContentType(ScimJson.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }
}
