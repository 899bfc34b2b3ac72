package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 11 in a real browser: the real jar, 10,000 users provisioned over SCIM as Okta would, the Identity Store
 * emulator behind it (for a dead letter), and headless Chromium signing in with a token and using every page. Also
 * checks the session cookie's flags, the CSRF guard and the Content-Security-Policy from inside the browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final int BULK_USERS = Integer.getInteger("kiro.console.users", 10_000);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Dora's item is queued behind the 10,000 bulk users' outbox items, which the worker must converge first. */
    private static final Duration DRAIN_WAIT = Duration.ofMinutes(5);

    private static final String CONFIG = """
            %s
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
              - name: PRO_PLUS
                identityCenterGroup: kiro-pro-plus
                monthlyPriceUsd: 40
              - name: POWER
                identityCenterGroup: kiro-power
                monthlyPriceUsd: 200
            pools:
              - group: Kiro-Developers
                tier: PRO
                seats: 50
              - group: Kiro-Platform
                tier: PRO_PLUS
                seats: 2
              - group: Kiro-Contractors
                tier: PRO
            """;

    private Emulator moto;
    private IdentityStoreView store;
    private KiroServer server;
    private ScimClient scim;
    private ConsoleBrowser browser;
    private String wendyId;
    private String doraId;
    private String squatterId;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        ConsoleBrowser.require();
        moto = Emulator.start();
        String identityCenter = "";
        String storeId = null;
        if (moto.running()) {
            storeId = Emulator.newStoreId();
            identityCenter =
                    "identityCenter:\n  identityStoreId: %s\n  region: us-east-1\n  endpoint: %s\n  maxRequestsPerSecond: 20"
                            .formatted(storeId, moto.endpoint());
            store = IdentityStoreView.of(moto.endpoint(), storeId);
        }
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, CONFIG.formatted(identityCenter));
        server = KiroServer.start(
                ServerOptions.on(Backend.H2).withConfigPath(config).withStaticAwsCredentials());
        scim = ScimClient.bearer(server);

        List<String> developers = ScimBulk.users(
                server,
                BULK_USERS,
                i -> ScimBulk.person("user%05d@bulk.example.com".formatted(i), "Bulk", "User %05d".formatted(i)));
        scim.createGroup("Kiro-Developers", developers.subList(0, 40).toArray(String[]::new));
        // Kiro-Platform has 2 seats: Pat and Sam take them, Wendy joins third and waits.
        String pat = scim.createUser(ScimBulk.person("pat.holder@example.com", "Pat", "Holder"));
        String sam = scim.createUser(ScimBulk.person("sam.holder@example.com", "Sam", "Holder"));
        wendyId = scim.createUser(ScimBulk.person("wendy.waiting@example.com", "Wendy", "Waiting"));
        String platform = scim.createGroup("Kiro-Platform", pat, sam);
        scim.patch(
                        "/Groups/" + platform,
                        Bodies.patch(
                                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + wendyId + "\"}]}"))
                .expectStatus(200);
        if (moto.running()) {
            // Someone created a user in Identity Center with Dora's email: creating Dora there fails for good.
            squatterId = store.createUserWithEmail("dora-squatter", "dora.dead@example.com");
            doraId = scim.createUser(ScimBulk.person("dora.dead@example.com", "Dora", "Dead"));
            scim.createGroup("Kiro-Contractors", doraId);
        }
        browser = ConsoleBrowser.open();
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (store != null) {
                store.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (moto != null) {
                moto.close();
            }
        }
    }

    @Test
    @Order(1)
    void signInWithAToken_theOverviewShowsWhatTheSeatsApiSays() {
        signIn();
        WebElement main = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=pool-card]")));
        assertThat(main.isDisplayed()).isTrue();
        JsonNode seats = admin("GET", "/admin/v1/seats", null).body();
        for (JsonNode pool : seats.path("pools")) {
            WebElement card = driverFind(
                    "[data-test=pool-card][data-pool='" + pool.path("group").asText() + "']");
            assertThat(card.findElement(By.cssSelector("[data-test=pool-assigned]"))
                            .getText())
                    .isEqualTo(pool.path("assigned").asText());
            assertThat(card.findElement(By.cssSelector("[data-test=pool-waitlisted]"))
                            .getText())
                    .isEqualTo(pool.path("waitlisted").asText());
            assertThat(card.findElement(By.cssSelector("[data-test=pool-seats]"))
                            .getText())
                    .isEqualTo(
                            pool.path("seats").isNull()
                                    ? "unlimited"
                                    : pool.path("seats").asText());
        }
        for (JsonNode tier : seats.path("tiers")) {
            WebElement card = driverFind(
                    "[data-test=tier-card][data-tier='" + tier.path("tier").asText() + "']");
            assertThat(card.findElement(By.cssSelector("[data-test=tier-assigned]"))
                            .getText())
                    .isEqualTo(tier.path("assigned").asText());
        }
        assertThat(seats.at("/pools/1/waitlisted").asInt())
                .as("Wendy waits in Kiro-Platform")
                .isEqualTo(1);
        assertThat(driverFind("[data-test=total-cost]").getText())
                .contains(seats.path("monthlyCostUsd").asText().replace(".0", ""));
        browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-slot svg.chart")));
        browser.screenshot("overview");
    }

    @Test
    @Order(2)
    void theSessionCookieIsHttpOnlyAndStrict_andStateChangesWithoutTheCsrfHeaderAreRefused() {
        signIn();
        Cookie cookie = browser.driver.manage().getCookieNamed("kiro_console");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat((String) browser.driver.executeScript("return document.cookie"))
                .doesNotContain("kiro_console");
        Object status = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/admin/v1/sync/retry', {method: 'POST', credentials: 'same-origin'}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        JsonNode refused = admin("GET", "/admin/v1/audit?type=console.action&limit=1000", null)
                .body()
                .path("events");
        assertThat(refused.findValuesAsText("status")).contains("403");
    }

    @Test
    @Order(3)
    void contentSecurityPolicyForbidsInlineScripts_andThePageHasNone() throws Exception {
        HttpResponse<String> page = send(
                HttpRequest.newBuilder(server.baseUri().resolve("/console/")).build());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=");
        // An inline script injected into the page is blocked by the browser.
        signIn();
        Object ran = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.inlineRan = false;"
                        + "document.addEventListener('securitypolicyviolation', () => done('blocked'), {once: true});"
                        + "const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.append(s);"
                        + "setTimeout(() => done(window.inlineRan ? 'ran' : 'blocked'), 2000);");
        assertThat(ran).isEqualTo("blocked");
    }

    @Test
    @Order(4)
    void findAWaitingUserAmongTenThousand_andSeeTheirBrokenLink() {
        signIn();
        browser.driver.get(server.baseUri() + "/console/#/people");
        WebElement search = browser.waiting(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("people-q")));
        browser.screenshot("people");
        search.sendKeys("WENDY");
        browser.driver.findElement(By.id("people-search")).click();
        WebElement link = browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//a[@data-test='person-link' and text()='wendy.waiting@example.com']")));
        assertThat(browser.driver.findElements(By.cssSelector("[data-test=person-link]")))
                .hasSize(1);
        link.click();
        WebElement broken = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".check.first-broken")));
        assertThat(broken.getAttribute("data-outcome")).isEqualTo("BROKEN");
        assertThat(broken.getAttribute("data-step")).isEqualTo("3");
        assertThat(broken.getText()).contains("Kiro-Platform").contains("What to do");
        List<WebElement> checks = browser.driver.findElements(By.cssSelector("[data-test=check]"));
        assertThat(checks.get(0).getAttribute("data-outcome")).isEqualTo("OK");
        assertThat(checks.get(1).getAttribute("data-outcome")).isEqualTo("OK");
        assertThat(driverFind("[data-test=waitlist]").getText())
                .contains("Kiro-Platform")
                .contains("position 1");
        assertThat(driverFind("[data-test=timeline]").getText()).contains("waitlisted");
        browser.screenshot("person");

        // Search by email and by family name find her too, case-insensitively.
        for (String q : List.of("Wendy.Waiting@Example", "waiting")) {
            JsonNode found = admin("GET", "/admin/v1/people?q=" + q.replace("@", "%40"), null)
                    .body()
                    .path("people");
            assertThat(found.findValuesAsText("userName")).contains("wendy.waiting@example.com");
        }
    }

    @Test
    @Order(5)
    void thePoolsPageListsTheWaitlistInOrder() {
        signIn();
        browser.driver.get(server.baseUri() + "/console/#/pools/Kiro-Platform");
        WebElement table = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=waitlist-table]")));
        assertThat(table.getText()).contains("wendy.waiting@example.com");
        assertThat(driverFind("[data-test=roster-holders]").getText()).isEqualTo("2");
        assertThat(driverFind("[data-test=holders-table]").getText())
                .contains("pat.holder@example.com")
                .contains("sam.holder@example.com");
        browser.screenshot("pools");
    }

    @Test
    @Order(6)
    void retryADeadLetter_andWatchItDrain() {
        moto.require();
        signIn();
        JsonNode dead = Poll.until(
                "Dora's sync to become a dead letter",
                DRAIN_WAIT,
                Duration.ofMillis(200),
                () -> admin("GET", "/admin/v1/sync", null).body(),
                s -> s.path("deadLetter").asInt() > 0 && s.path("pending").asInt() == 0);
        assertThat(dead.path("deadLetters").findValuesAsText("userId")).containsOnly(doraId);
        browser.driver.get(server.baseUri() + "/console/#/sync");
        WebElement table = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=dead-letters]")));
        assertThat(table.getText()).contains(doraId).contains("Duplicate Email");
        browser.screenshot("sync");
        store.deleteUser(squatterId); // the admin removed the stray user in Identity Center
        browser.driver.findElement(By.id("retry")).click();
        // The page re-renders while it polls: an element found a moment ago may be gone, so look again.
        browser.waiting(WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("[data-test=no-dead-letters]"))
                                        .size()
                                == 1
                        && d.findElement(By.cssSelector("#sync-status [data-test=sync-pending]"))
                                .getText()
                                .equals("0"));
        assertThat(browser.driver.findElements(By.cssSelector("[data-test=no-pending]")))
                .hasSize(1);
        assertThat(admin("GET", "/admin/v1/sync", null)
                        .body()
                        .path("deadLetter")
                        .asInt())
                .isZero();
        JsonNode actions = admin("GET", "/admin/v1/audit?type=console.action&limit=1000", null)
                .body()
                .path("events");
        assertThat(actions.toString()).contains("/admin/v1/sync/retry").contains("bootstrap (console)");
    }

    @Test
    @Order(7)
    void filterTheAuditLog_andDownloadTheCsv() throws Exception {
        signIn();
        browser.driver.get(server.baseUri() + "/console/#/audit");
        WebElement type = browser.waiting(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("f-type")));
        type.sendKeys("seat.");
        browser.driver.findElement(By.id("f-userName")).sendKeys("wendy.waiting@example.com");
        browser.driver.findElement(By.id("audit-apply")).click();
        browser.waiting(WAIT).until(ExpectedConditions.urlContains("type=seat."));
        WebElement table = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=audit-table]")));
        assertThat(table.getText()).contains("seat.waitlisted").doesNotContain("scim.user.created");
        assertThat(browser.waiting(WAIT)
                        .until(ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("[data-test=chain-status]")))
                        .getText())
                .startsWith("Intact");
        browser.screenshot("audit");
        browser.driver.findElement(By.id("audit-csv")).click();
        Path csv =
                Poll.until("the CSV download", WAIT, Duration.ofMillis(200), () -> downloaded(".csv"), p -> p != null);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).contains("type");
        assertThat(lines.subList(1, lines.size()))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("seat.").contains("wendy.waiting@example.com"));
        String api = admin(
                        "GET",
                        "/admin/v1/audit?type=seat.&userName=wendy.waiting@example.com&format=csv&limit=1000",
                        null)
                .text();
        assertThat(lines).isEqualTo(api.lines().toList());
    }

    @Test
    @Order(8)
    void createATokenSeeItsSecretOnce_thenRevokeIt() {
        signIn();
        browser.driver.get(server.baseUri() + "/console/#/tokens");
        browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(By.id("token-name")))
                .sendKeys("console-made");
        browser.driver.findElement(By.id("token-scope")).sendKeys("admin");
        browser.driver.findElement(By.id("token-create")).click();
        WebElement secret =
                browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret")));
        String value = secret.getAttribute("value");
        assertThat(value).startsWith("kiro_");
        assertThat(admin("GET", "/admin/v1/seats", null, value).status())
                .as("the shown secret works")
                .isEqualTo(200);
        browser.driver.findElement(By.id("copy-secret")).click();
        browser.screenshot("tokens");
        JsonNode created = admin("GET", "/admin/v1/audit?type=token.created&limit=1000", null)
                .body()
                .path("events");
        assertThat(created.toString())
                .contains("console-made")
                .contains("bootstrap (console)")
                .doesNotContain(value);

        browser.driver.get(server.baseUri() + "/console/#/tokens");
        WebElement revoke = browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[aria-label='Revoke console-made']")));
        revoke.click();
        browser.waiting(WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.xpath("//*[@data-test='token-name' and text()='console-made']"))
                        .isEmpty());
        assertThat(admin("GET", "/admin/v1/tokens", null).body().findValuesAsText("name"))
                .doesNotContain("console-made");
        assertThat(admin("GET", "/admin/v1/seats", null, value).status())
                .as("the revoked secret is refused")
                .isEqualTo(401);
    }

    @Test
    @Order(9)
    void rotateIsHandledWhetherOrNotTheServerHasIt() {
        signIn();
        int status = admin("POST", "/admin/v1/tokens", "{\"name\":\"to-rotate\",\"scope\":\"scim\"}")
                .status();
        assertThat(status).isEqualTo(201);
        browser.driver.get(server.baseUri() + "/console/#/tokens");
        browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[aria-label='Rotate to-rotate']")))
                .click();
        Answer probe = admin("POST", "/admin/v1/tokens/no-such-token-xyz/rotate", "{}");
        boolean routeExists =
                (probe.status() != 404 && probe.status() != 405) || probe.text().contains("no-such-token-xyz");
        if (routeExists) {
            assertThat(browser.waiting(WAIT)
                            .until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret")))
                            .getAttribute("value"))
                    .startsWith("kiro_");
        } else {
            assertThat(browser.waiting(WAIT)
                            .until(ExpectedConditions.visibilityOfElementLocated(
                                    By.cssSelector("#token-message .error")))
                            .getText())
                    .contains("Rotation is not available");
        }
    }

    @Test
    @Order(10)
    void readableAtPhoneWidth() {
        signIn();
        browser.viewport(390, 844);
        try {
            browser.driver.get(server.baseUri() + "/console/#/overview");
            browser.waiting(WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=pool-card]")));
            Number scrollWidth = (Number) browser.driver.executeScript("return document.documentElement.scrollWidth");
            Number clientWidth = (Number) browser.driver.executeScript("return document.documentElement.clientWidth");
            assertThat(scrollWidth.intValue())
                    .as("no sideways scrolling of the page")
                    .isLessThanOrEqualTo(clientWidth.intValue());
            browser.screenshot("overview-phone");
        } finally {
            browser.viewport(1280, 800);
        }
    }

    @Test
    @Order(11)
    void signOut_endsTheSessionOnTheServer() {
        signIn();
        String cookie = browser.driver.manage().getCookieNamed("kiro_console").getValue();
        browser.driver.findElement(By.id("sign-out")).click();
        browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        HttpResponse<String> after =
                send(HttpRequest.newBuilder(server.baseUri().resolve("/admin/v1/seats"))
                        .header("Cookie", "kiro_console=" + cookie)
                        .GET()
                        .build());
        assertThat(after.statusCode()).isEqualTo(401);
        browser.screenshot("sign-in");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void signIn() {
        browser.driver.get(server.baseUri() + "/console/");
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.id("token")).isEmpty()
                        || d.findElement(By.id("top")).isDisplayed());
        if (browser.driver.findElement(By.id("top")).isDisplayed()) {
            return;
        }
        browser.driver.findElement(By.id("token")).sendKeys(server.token());
        browser.driver.findElement(By.id("sign-in")).click();
        browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=who]")));
    }

    private WebElement driverFind(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private Path downloaded(String suffix) {
        try (Stream<Path> files = Files.list(browser.downloads)) {
            return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    record Answer(int status, String text) {
        JsonNode body() {
            return Json.parse(text);
        }
    }

    private Answer admin(String method, String path, String body) {
        return admin(method, path, body, server.token());
    }

    private Answer admin(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = send(b.build());
        return new Answer(r.statusCode(), r.body());
    }

    /** HTTP/1.1: the JDK client's h2c upgrade on a POST would leave Grizzly waiting for the body. */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
