package dev.kiroscim.server.admin;

import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.seats.SeatsRendering;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/v1/seats} (admin scope): seat use and monthly cost under the policy in force, as
 * {@link SeatsRendering#json} shows it. {@code waitlisted} counts users waiting in the pool, including
 * those who hold a lower seat meanwhile (rule 5).
 */
@Path("admin/v1/seats")
public final class SeatsResource {

    private final ManageSeats seats;

    public SeatsResource(ManageSeats seats) {
        this.seats = seats;
    }

    @GET
    public Response overview() {
        return Response.ok(ScimJson.bytes(SeatsRendering.json(seats.overview())))
                .type("application/json")
                .build();
    }
}
