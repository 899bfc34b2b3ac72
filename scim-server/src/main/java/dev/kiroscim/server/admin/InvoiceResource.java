package dev.kiroscim.server.admin;

import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.costs.Invoices;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.usage.InvoiceRendering;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/v1/invoice[?month=2026-11][&format=csv]} (admin scope): the month's bill by Kiro's rules, one line
 * per user with the tier billed and why, overage, totals per tier, the naive "holders × price" figure beside it, and
 * for the current month (the default) the cost so far and a forecast.
 */
@Path("admin/v1/invoice")
public final class InvoiceResource {

    private final Invoices invoices;

    public InvoiceResource(Invoices invoices) {
        this.invoices = invoices;
    }

    @GET
    public Response invoice(
            @QueryParam("month") String month,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Invoice inv;
        try {
            inv = invoices.month(
                    month == null || month.isBlank() ? invoices.currentMonth() : TimeArguments.month(month));
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
        return Formats.wantsCsv(format, accept)
                ? Formats.csv(InvoiceRendering.table(inv)).build()
                : Response.ok(ScimJson.bytes(InvoiceRendering.json(inv)))
                        .type("application/json")
                        .build();
    }
}
