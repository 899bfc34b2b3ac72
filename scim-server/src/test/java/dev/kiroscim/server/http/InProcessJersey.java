package dev.kiroscim.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Runs filters through Jersey's real request pipeline (priorities, {@code @PreMatching}, {@code abortWith}, exception
 * mappers, response filters) with no container and no socket: {@link ApplicationHandler#apply} on a
 * {@link ContainerRequest} built here. The application holds the given components and {@link Echo}, a resource that
 * answers on the paths the filters care about, so a test needs no real endpoint.
 */
final class InProcessJersey {

    private static final URI BASE = URI.create("http://localhost:8080/");

    private final ApplicationHandler handler;

    private InProcessJersey(ResourceConfig config) {
        this.handler = new ApplicationHandler(config);
    }

    /** An application of {@code components} (filters, mappers, resources) plus {@link Echo}. */
    static InProcessJersey of(Object... components) {
        ResourceConfig config = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(new Echo(r -> Response.ok("{}", "application/json").build()));
        for (Object component : components) {
            config.register(component);
        }
        return new InProcessJersey(config);
    }

    /** Like {@link #of} with an {@link Echo} whose answer comes from {@code handler} (e.g. to block or throw). */
    static InProcessJersey withHandler(Function<String, Response> handler, Object... components) {
        ResourceConfig config = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(new Echo(handler));
        for (Object component : components) {
            config.register(component);
        }
        return new InProcessJersey(config);
    }

    Call get(String target) {
        return new Call("GET", target);
    }

    Call post(String target) {
        return new Call("POST", target);
    }

    Call request(String method, String target) {
        return new Call(method, target);
    }

    /** One request, built fluently; {@link #send} runs it. */
    final class Call {
        private final String method;
        private final String target;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private InputStream body;

        private Call(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call body(String contentType, InputStream entity) {
            headers.put("Content-Type", contentType);
            this.body = entity;
            return this;
        }

        Call body(String contentType, byte[] entity) {
            headers.put("Content-Length", Integer.toString(entity.length));
            return body(contentType, new ByteArrayInputStream(entity));
        }

        Answer send() {
            ContainerRequest request =
                    new ContainerRequest(BASE, BASE.resolve(target), method, null, new MapPropertiesDelegate(), null);
            headers.forEach(request::header);
            if (body != null) {
                request.setEntityStream(body);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ContainerResponse response = handler.apply(request, out).get();
                return new Answer(response.getStatus(), response.getStringHeaders(), out.toByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the request escaped Jersey", e.getCause());
            }
        }
    }

    /** What came back: status, headers as sent, and the body bytes as written. */
    record Answer(int status, MultivaluedMap<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return ScimJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }
    }

    /** The test application's only resource: every path a filter treats specially, answered by one function. */
    @Path("")
    public static final class Echo {
        private final Function<String, Response> handler;

        Echo(Function<String, Response> handler) {
            this.handler = handler;
        }

        @GET
        @Path("{path: .*}")
        public Response get(@PathParam("path") String path) {
            return handler.apply(path);
        }

        @POST
        @Path("{path: .*}")
        public Response post(@PathParam("path") String path, byte[] body) {
            return handler.apply(path);
        }
    }
}
