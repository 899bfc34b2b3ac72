package dev.kiroscim.server.admin;

import dev.kiroscim.core.directory.UserLookup;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.core.usage.UserUsage;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.usage.UsageComposition;
import dev.kiroscim.server.usage.UsageRendering;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@code GET /admin/v1/users/{userName or id}/usage[?month=2026-11]} (admin scope): one user's usage in a month
 * (default: the current UTC month). 404 for an unknown user; {@code "mapped": false} when the user has no
 * Identity Center link, so the report cannot name them (no data is not zero use).
 */
@Path("admin/v1/users/{user}/usage")
public final class UserUsageResource {

    private final UsageComposition usage;
    private final Transactions transactions;

    public UserUsageResource(UsageComposition usage, Transactions transactions) {
        this.usage = usage;
        this.transactions = transactions;
    }

    @GET
    public Response user(@PathParam("user") String user, @QueryParam("month") String month) {
        YearMonth m;
        try {
            m = month == null || month.isBlank()
                    ? YearMonth.from(LocalDate.now(ZoneOffset.UTC))
                    : TimeArguments.month(month);
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
        Optional<UserRecord> found = transactions.read(tx -> UserLookup.byIdOrUserName(tx.users(), user));
        if (found.isEmpty()) {
            return AdminErrors.of(404, "no user '" + user + "'");
        }
        Optional<UserUsage> u =
                usage.reports().user(found.get().id(), found.get().userName(), m);
        var out = ScimJson.MAPPER
                .createObjectNode()
                .put("month", m.toString())
                .put("userId", found.get().id())
                .put("userName", found.get().userName())
                .put("mapped", u.isPresent())
                .put("reportConfigured", usage.section().enabled());
        u.ifPresent(x -> out.set("usage", UsageRendering.userJson(x)));
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }
}
