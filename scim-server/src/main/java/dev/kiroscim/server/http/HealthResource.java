package dev.kiroscim.server.http;

import dev.kiroscim.core.transaction.Transactions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Liveness and readiness for load balancers and orchestrators, without authentication: {@code /healthz} is 200
 * while the process serves HTTP; {@code /readyz} is 200 only while the database answers, 503 otherwise.
 */
@Path("")
public final class HealthResource {

    private final Transactions transactions;

    public HealthResource(Transactions transactions) {
        this.transactions = transactions;
    }

    @GET
    @Path("healthz")
    public Response health() {
        return Response.ok("{\"status\":\"UP\"}").type("application/json").build();
    }

    @GET
    @Path("readyz")
    public Response ready() {
        return transactions.ping()
                ? Response.ok("{\"status\":\"READY\",\"database\":\"UP\"}")
                        .type("application/json")
                        .build()
                : Response.status(503)
                        .entity("{\"status\":\"NOT_READY\",\"database\":\"DOWN\"}")
                        .type("application/json")
                        .build();
    }
}
