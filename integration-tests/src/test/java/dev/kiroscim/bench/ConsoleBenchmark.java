package dev.kiroscim.bench;

import dev.kiroscim.it.Backend;
import dev.kiroscim.it.Bodies;
import dev.kiroscim.it.ConsoleBrowser;
import dev.kiroscim.it.KiroServer;
import dev.kiroscim.it.ScimBulk;
import dev.kiroscim.it.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Time to first render of the console's Overview and People pages at {@code -Dbench.users} (default 100,000) users,
 * in headless Chromium against the real jar ({@code -Dbench.mode=console}). "First render" is the page's own
 * {@code performance.mark} (cards on the Overview; the result table on People) measured from navigation start, over
 * {@code -Dbench.loads} full page loads each; the admin calls behind them are timed too. A measuring tool: it asserts
 * nothing and prints a Markdown table for {@code docs/benchmarks.md}.
 */
final class ConsoleBenchmark {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ConsoleBenchmark() {}

    static void main(Backend backend) throws Exception {
        int users = Integer.getInteger("bench.users", 100_000);
        int loads = Integer.getInteger("bench.loads", 10);
        int developers = users / 2;
        String config = """
                server:
                  maxInFlight: 256
                scim:
                  patchResponse: no-content   # set-up only: a PATCH must not stream a 50,000-member group back
                tiers:
                  - name: PRO
                    identityCenterGroup: kiro-pro
                    monthlyPriceUsd: 20
                  - name: PRO_PLUS
                    identityCenterGroup: kiro-pro-plus
                    monthlyPriceUsd: 40
                pools:
                  - group: Kiro-Developers
                    tier: PRO
                    seats: %d
                  - group: Kiro-Platform
                    tier: PRO_PLUS
                    seats: 500
                  - group: Kiro-Contractors
                    tier: PRO
                """.formatted(developers * 4 / 5);
        try (KiroServer server = KiroServer.start(ServerOptions.on(backend).withConfigYaml(config))) {
            long t0 = System.nanoTime();
            List<String> ids = ScimBulk.users(
                    server,
                    users,
                    i -> ScimBulk.person("user%06d@bulk.example.com".formatted(i), "Bulk", "User %06d".formatted(i)));
            System.out.printf("provisioned %,d users in %.0f s%n", users, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            join(server, "Kiro-Developers", ids.subList(0, developers));
            join(server, "Kiro-Platform", ids.subList(developers, developers + 1000));
            System.out.printf("%,d seat decisions in %.0f s%n", developers + 1000, (System.nanoTime() - t0) / 1e9);

            Map<String, Latencies> api = new LinkedHashMap<>();
            String needle = "user%06d".formatted(users * 42 / 100);
            for (String path : List.of(
                    "/admin/v1/seats",
                    "/admin/v1/pools/expiring?days=7",
                    "/admin/v1/sync",
                    "/admin/v1/seats/history?days=90",
                    "/admin/v1/people?limit=25",
                    "/admin/v1/people?limit=25&q=" + needle,
                    "/admin/v1/people?limit=25&q=bulk")) {
                Latencies l = new Latencies();
                for (int i = 0; i < 20; i++) {
                    long s = System.nanoTime();
                    get(server, path);
                    l.add(System.nanoTime() - s);
                }
                api.put(path, l);
            }

            Map<String, Latencies> pages = new LinkedHashMap<>();
            try (ConsoleBrowser browser = ConsoleBrowser.open()) {
                browser.driver.get(server.baseUri() + "/console/");
                browser.waiting(Duration.ofSeconds(60))
                        .until(ExpectedConditions.elementToBeClickable(By.id("token")))
                        .sendKeys(server.token());
                browser.driver.findElement(By.id("sign-in")).click();
                browser.waiting(Duration.ofSeconds(60))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=who]")));
                pages.put("Overview: cards", new Latencies());
                pages.put("Overview: 90-day chart", new Latencies());
                pages.put("People: first page (no search)", new Latencies());
                pages.put("People: search `" + needle + "`", new Latencies());
                pages.put("People: search `bulk` (matches everyone)", new Latencies());
                for (int i = 0; i < loads; i++) {
                    load(
                            browser,
                            server.baseUri() + "/console/#/overview",
                            "kiro:overview",
                            pages.get("Overview: cards"));
                    mark(browser, "kiro:overview-chart", pages.get("Overview: 90-day chart"));
                    load(
                            browser,
                            server.baseUri() + "/console/#/people",
                            "kiro:people",
                            pages.get("People: first page (no search)"));
                    load(
                            browser,
                            server.baseUri() + "/console/#/people?q=" + needle,
                            "kiro:people",
                            pages.get("People: search `" + needle + "`"));
                    load(
                            browser,
                            server.baseUri() + "/console/#/people?q=bulk",
                            "kiro:people",
                            pages.get("People: search `bulk` (matches everyone)"));
                }
            }

            System.out.printf(
                    "%n### Console at %,d users (%s, %d full page loads each, headless Chromium)%n%n",
                    users, backend, loads);
            System.out.println("| page: time to first render from navigation start | median | p90 |");
            System.out.println("|---|---|---|");
            pages.forEach((name, l) ->
                    System.out.printf("| %s | %.0f ms | %.0f ms |%n", name, l.medianMs(), l.percentileMs(90)));
            System.out.println();
            System.out.println("| admin call behind it (20 calls) | median | p90 |");
            System.out.println("|---|---|---|");
            api.forEach((path, l) ->
                    System.out.printf("| `GET %s` | %.1f ms | %.1f ms |%n", path, l.medianMs(), l.percentileMs(90)));
        }
    }

    /** A full page load (not a hash change), then the page's mark, from navigation start. */
    private static void load(ConsoleBrowser browser, String url, String markName, Latencies into) {
        browser.driver.get("about:blank");
        browser.driver.get(url);
        mark(browser, markName, into);
    }

    private static void mark(ConsoleBrowser browser, String markName, Latencies into) {
        Number ms = browser.waiting(Duration.ofSeconds(120)).until(d -> (Number) browser.driver.executeScript(
                "const m = performance.getEntriesByName(arguments[0]); return m.length ? m[m.length - 1].startTime : null;",
                markName));
        into.add((long) (ms.doubleValue() * 1_000_000));
    }

    /** Adds members 1,000 per PATCH, as Okta pushes a big group. */
    private static void join(KiroServer server, String group, List<String> members) throws Exception {
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.scimUri() + "/Groups"))
                        .header("Authorization", "Bearer " + server.token())
                        .header("Content-Type", "application/scim+json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Bodies.group(group).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String id = created.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        for (int from = 0; from < members.size(); from += 1000) {
            List<String> values = new ArrayList<>();
            members.subList(from, Math.min(members.size(), from + 1000))
                    .forEach(m -> values.add("{\"value\":\"" + m + "\"}"));
            String patch = Bodies.patch(
                            "{\"op\":\"add\",\"path\":\"members\",\"value\":[" + String.join(",", values) + "]}")
                    .toString();
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.scimUri() + "/Groups/" + id))
                            .header("Authorization", "Bearer " + server.token())
                            .header("Content-Type", "application/scim+json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PATCH " + group + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    private static void get(KiroServer server, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve(path))
                        .header("Authorization", "Bearer " + server.token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
