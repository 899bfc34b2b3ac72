package dev.kiroscim.server.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the console's files from the jar ({@code /console-web/} on the classpath): {@code /console} (with or
 * without the slash) is the page, {@code /console/assets/…} its scripts, styles and icons. Only plain names with a
 * known extension are served, so no path can climb out of the folder. No authentication: these files hold no
 * data; everything they show comes from the admin API, which checks the session.
 */
@Path("console")
public final class ConsoleAssets {

    private static final String ROOT = "/console-web/";
    private static final Pattern SAFE = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*\\.(js|css|svg|png)");
    private static final Map<String, String> TYPES = Map.of(
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "svg",
            "image/svg+xml",
            "png",
            "image/png");

    @GET
    public Response page() {
        return file("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("assets/{file: .+}")
    public Response asset(@PathParam("file") String file) {
        if (!SAFE.matcher(file).matches()) {
            return Response.status(404).type("text/plain").entity("not found").build();
        }
        String ext = file.substring(file.lastIndexOf('.') + 1);
        return file("assets/" + file, TYPES.get(ext));
    }

    private static Response file(String name, String type) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Response.status(404)
                        .type("text/plain")
                        .entity("not found")
                        .build();
            }
            return Response.ok(in.readAllBytes())
                    .type(type)
                    .header("Cache-Control", "no-cache")
                    .build();
        } catch (IOException e) {
            return Response.serverError()
                    .type("text/plain")
                    .entity("could not read " + name)
                    .build();
        }
    }
}
