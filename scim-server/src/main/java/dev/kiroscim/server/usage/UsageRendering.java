package dev.kiroscim.server.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.usage.ImportReport;
import dev.kiroscim.core.usage.UsageReports;
import dev.kiroscim.core.usage.UserUsage;
import dev.kiroscim.server.audit.AuditRendering;
import dev.kiroscim.server.scim.render.ScimJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** JSON and table (CSV, text) forms of usage reports and import results; the API and the CLI print the same. */
public final class UsageRendering {

    private UsageRendering() {}

    public static ObjectNode importJson(ImportReport r) {
        ObjectNode out = ScimJson.MAPPER
                .createObjectNode()
                .put("source", r.source())
                .put("from", r.from().toString())
                .put("filesSeen", r.filesSeen())
                .put("filesImported", r.filesImported())
                .put("filesUnchanged", r.filesUnchanged())
                .put("rowsImported", r.rowsImported());
        ArrayNode problems = out.putArray("problems");
        r.problems()
                .forEach(p -> problems.addObject()
                        .put("file", p.file())
                        .put("line", p.line())
                        .put("message", p.message()));
        out.put("unknownUsers", r.unknownUsers().size());
        ArrayNode unknown = out.putArray("unknownUserList");
        r.unknownUsers()
                .forEach(u -> unknown.addObject()
                        .put("kiroUserId", u.kiroUserId())
                        .put("email", u.email())
                        .put("rows", u.rows()));
        return out;
    }

    public static ObjectNode userJson(UserUsage u) {
        ObjectNode n = ScimJson.MAPPER.createObjectNode();
        n.put("userId", u.scimUserId())
                .put("userName", u.userName())
                .put("kiroUserId", u.kiroUserId())
                .put("known", u.scimUserId() != null)
                .put("credits", u.credits().stripTrailingZeros().toPlainString())
                .put("overageCredits", u.overageCredits().stripTrailingZeros().toPlainString())
                .put("activeDays", u.activeDays());
        ObjectNode clients = n.putObject("activeDaysByClient");
        u.activeDaysByClient().forEach(clients::put);
        n.put("lastActive", u.lastActive() == null ? null : u.lastActive().toString())
                .put("lastClient", u.lastClient());
        return n;
    }

    public static ObjectNode monthJson(UsageReports.Month m) {
        ObjectNode out = ScimJson.MAPPER
                .createObjectNode()
                .put("month", m.month().toString())
                .put("dataThrough", m.dataThrough().map(Object::toString).orElse(null));
        ArrayNode users = out.putArray("users");
        m.users().forEach(u -> users.add(userJson(u)));
        ObjectNode totals = out.putObject("totals");
        totals.put("users", m.users().size())
                .put("unknownUsers", m.unknownUsers())
                .put("credits", m.credits().stripTrailingZeros().toPlainString())
                .put("overageCredits", m.overageCredits().stripTrailingZeros().toPlainString());
        ObjectNode byClient = totals.putObject("activeUsersByClient");
        m.activeUsersByClient().forEach(byClient::put);
        return out;
    }

    public static AuditRendering.Table monthTable(UsageReports.Month m) {
        List<String> clients =
                m.activeUsersByClient().keySet().stream().sorted().toList();
        List<String> header =
                new ArrayList<>(List.of("userName", "userId", "kiroUserId", "credits", "overageCredits", "activeDays"));
        clients.forEach(c -> header.add("days" + "_" + c));
        header.add("lastActive");
        List<List<String>> rows = new ArrayList<>();
        for (UserUsage u : m.users()) {
            List<String> row = new ArrayList<>(Arrays.asList(
                    u.userName(),
                    u.scimUserId(),
                    u.kiroUserId(),
                    u.credits().stripTrailingZeros().toPlainString(),
                    u.overageCredits().stripTrailingZeros().toPlainString(),
                    Integer.toString(u.activeDays())));
            clients.forEach(c -> row.add(Integer.toString(u.activeDaysByClient().getOrDefault(c, 0))));
            row.add(u.lastActive() == null ? null : u.lastActive().toString());
            rows.add(row);
        }
        List<String> total = new ArrayList<>(Arrays.asList(
                "TOTAL",
                null,
                null,
                m.credits().stripTrailingZeros().toPlainString(),
                m.overageCredits().stripTrailingZeros().toPlainString(),
                null));
        clients.forEach(c -> total.add(Integer.toString(m.activeUsersByClient().get(c))));
        total.add(null);
        rows.add(total);
        return new AuditRendering.Table(header, rows);
    }
}
