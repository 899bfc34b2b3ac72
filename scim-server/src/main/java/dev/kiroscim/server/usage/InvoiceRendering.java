package dev.kiroscim.server.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.billing.UserBill;
import dev.kiroscim.server.audit.AuditRendering;
import dev.kiroscim.server.scim.render.ScimJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** JSON and table forms of an {@link Invoice}; the API and the CLI print the same. */
public final class InvoiceRendering {

    private InvoiceRendering() {}

    public static ObjectNode json(Invoice inv) {
        ObjectNode out = ScimJson.MAPPER
                .createObjectNode()
                .put("month", inv.month().toString())
                .put("asOf", inv.asOf().toString())
                .put("complete", inv.complete());
        ArrayNode lines = out.putArray("lines");
        for (Invoice.Line l : inv.lines()) {
            UserBill b = l.bill();
            ObjectNode n = lines.addObject()
                    .put("userId", l.userId())
                    .put("userName", l.userName())
                    .put("tier", b.billedTier())
                    .put("reason", b.reason())
                    .put("basePriceUsd", b.basePriceUsd())
                    .put("creditsUsed", b.creditsUsed());
            if (b.includedCredits().isPresent()) {
                n.put("includedCredits", b.includedCredits().get());
            } else {
                n.putNull("includedCredits");
            }
            n.put("overageCredits", b.overageCredits())
                    .put("overageUsd", b.overageUsd())
                    .put("totalUsd", b.totalUsd())
                    .put("heldAllMonth", b.heldAllMonth())
                    .put("tierAtEnd", b.tierAtEnd().orElse(null));
        }
        ArrayNode tiers = out.putArray("tiers");
        inv.tiers()
                .forEach(t -> tiers.addObject()
                        .put("tier", t.tier())
                        .put("users", t.users())
                        .put("baseUsd", t.baseUsd())
                        .put("overageCredits", t.overageCredits())
                        .put("overageUsd", t.overageUsd())
                        .put("totalUsd", t.totalUsd()));
        out.put("totalUsd", inv.totalUsd());
        out.putObject("naive")
                .put("holders", inv.naiveHolders())
                .put("costUsd", inv.naiveUsd())
                .put("basis", "seat holders at " + inv.asOf() + " × list price (what GET /admin/v1/seats shows)")
                .put("differenceUsd", inv.totalUsd().subtract(inv.naiveUsd()));
        inv.forecast()
                .ifPresent(
                        f -> out.putObject("forecast")
                                .put("costSoFarUsd", f.costSoFarUsd())
                                .put("forecastUsd", f.forecastUsd())
                                .put("daysElapsed", f.daysElapsed())
                                .put(
                                        "basis",
                                        "seats held so far are charged in full; each user's credits so far extrapolated to the month's end"));
        return out;
    }

    public static AuditRendering.Table table(Invoice inv) {
        List<List<String>> rows = new ArrayList<>();
        for (Invoice.Line l : inv.lines()) {
            UserBill b = l.bill();
            rows.add(cells(
                    l.userName(),
                    b.billedTier(),
                    text(b.basePriceUsd()),
                    text(b.creditsUsed()),
                    text(b.overageCredits()),
                    text(b.overageUsd()),
                    text(b.totalUsd()),
                    b.reason()));
        }
        for (Invoice.TierTotal t : inv.tiers()) {
            rows.add(cells(
                    "TIER " + t.tier(),
                    t.users() + " users",
                    text(t.baseUsd()),
                    null,
                    text(t.overageCredits()),
                    text(t.overageUsd()),
                    text(t.totalUsd()),
                    null));
        }
        rows.add(cells(
                "TOTAL",
                null,
                null,
                null,
                null,
                null,
                text(inv.totalUsd()),
                inv.complete() ? "month complete" : "as of " + inv.asOf()));
        inv.forecast()
                .ifPresent(f -> rows.add(cells(
                        "FORECAST",
                        null,
                        null,
                        null,
                        null,
                        null,
                        text(f.forecastUsd()),
                        "credits so far extrapolated over " + f.daysElapsed() + " days")));
        rows.add(cells(
                "NAIVE",
                inv.naiveHolders() + " holders",
                null,
                null,
                null,
                null,
                text(inv.naiveUsd()),
                "holders at " + inv.asOf() + " × list price"));
        return new AuditRendering.Table(
                List.of("user", "tier", "baseUsd", "credits", "overageCredits", "overageUsd", "totalUsd", "why"), rows);
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static List<String> cells(String... values) {
        return Arrays.asList(values);
    }
}
