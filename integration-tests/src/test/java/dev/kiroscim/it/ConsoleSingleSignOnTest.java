package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Console single sign-on against a real OpenID Connect provider on loopback (mock-oauth2-server): the code flow with
 * PKCE through the browser, roles from the {@code groups} claim, and the read-only role enforced by the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSingleSignOnTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ISSUER_ID = "kiro";
    private static final String CLIENT_ID = "kiro-console";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MockOAuth2Server idp;
    private KiroServer server;
    private ConsoleBrowser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        ConsoleBrowser.require();
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getLoopbackAddress(), 0);
        Path secret = dir.resolve("console-oidc-secret");
        Files.writeString(secret, "not-so-secret\n");
        String issuer = "http://127.0.0.1:" + idp.baseUrl().port() + "/" + ISSUER_ID;
        String config = """
                console:
                  idleTimeout: PT15M
                  oidc:
                    issuer: %s
                    clientId: %s
                    clientSecretFile: %s
                    adminGroups: [Kiro-Console-Admins]
                    readOnlyGroups: [Kiro-Console-Viewers, Kiro-Auditors]
                    scopes: [openid, profile, email, groups]
                """.formatted(issuer, CLIENT_ID, secret);
        server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml(config));
        browser = ConsoleBrowser.open();
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (idp != null) {
                idp.shutdown();
            }
        }
    }

    @BeforeEach
    void signedOut() {
        if (browser != null) {
            browser.driver.get(server.baseUri() + "/console/");
            browser.driver.manage().deleteAllCookies();
        }
    }

    @Test
    void anAdminSignsInThroughTheIdp_andTheirChangesAreAuditedAsThem() {
        signInAs("ann.admin@example.com", List.of("Everyone", "Kiro-Console-Admins"));
        assertThat(who()).isEqualTo("ann.admin@example.com · admin");
        browser.driver.get(server.baseUri() + "/console/#/tokens");
        browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(By.id("token-name")))
                .sendKeys("sso-made");
        browser.driver.findElement(By.id("token-create")).click();
        assertThat(browser.waiting(WAIT)
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret")))
                        .getAttribute("value"))
                .startsWith("kiro_");
        JsonNode events = admin("/admin/v1/audit?type=token.created").path("events");
        assertThat(events.findValuesAsText("actor")).contains("ann.admin@example.com (console)");
        JsonNode signIns = admin("/admin/v1/audit?type=console.signed-in").path("events");
        assertThat(signIns.toString()).contains("ann.admin@example.com").contains("\"via\":\"oidc\"");
    }

    @Test
    void aReadOnlyUserSeesEverything_butEveryChangeIsRefusedByThePageAndTheApi() {
        signInAs("vera.viewer@example.com", List.of("Kiro-Auditors"));
        assertThat(who()).isEqualTo("vera.viewer@example.com · read-only");

        browser.driver.get(server.baseUri() + "/console/#/tokens");
        WebElement create =
                browser.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("token-create")));
        assertThat(create.isEnabled())
                .as("Create is disabled for a read-only user")
                .isFalse();
        assertThat(browser.driver.findElement(By.id("read-only-note")).getText())
                .contains("read-only");
        browser.driver.get(server.baseUri() + "/console/#/sync");
        WebElement retry = browser.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("retry")));
        assertThat(retry.isEnabled()).isFalse();
        browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=sync-pending]")));
        browser.screenshot("read-only");

        // The same requests from the page's own script, with a valid CSRF token: the API refuses them.
        for (String call : List.of(
                "fetch('/admin/v1/sync/retry', {method: 'POST', headers: h})",
                "fetch('/admin/v1/tokens', {method: 'POST', headers: {...h, 'Content-Type': 'application/json'}, body: '{\"name\":\"vera-made\",\"scope\":\"admin\"}'})",
                "fetch('/admin/v1/policy/reload', {method: 'POST', headers: h})")) {
            Object answer = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/console/session').then(r => r.json()).then(s => {
                      const h = {'X-CSRF-Token': s.csrfToken};
                      return %s;
                    }).then(r => r.text().then(t => done(r.status + ' ' + t)));
                    """.formatted(call));
            assertThat(String.valueOf(answer)).startsWith("403").contains("read-only");
        }
        assertThat(admin("/admin/v1/tokens").findValuesAsText("name")).doesNotContain("vera-made");
        JsonNode refused = admin("/admin/v1/audit?type=console.action").path("events");
        assertThat(refused.toString()).contains("vera.viewer@example.com").contains("\"status\":403");
    }

    @Test
    void someoneInNeitherGroupIsTurnedAway() {
        idp.enqueueCallback(callback("nick.nobody@example.com", List.of("Everyone")));
        browser.driver.get(server.baseUri() + "/console/");
        browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(By.id("sso")))
                .click();
        WebElement problem =
                browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-problem")));
        assertThat(problem.getText()).contains("neither of the console");
        assertThat(browser.driver.manage().getCookieNamed("kiro_console")).isNull();
        JsonNode refused = admin("/admin/v1/audit?type=console.sign-in-refused").path("events");
        assertThat(refused.toString()).contains("nick.nobody@example.com");
    }

    @Test
    void aCallbackWithAnUnknownStateSignsNobodyIn() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(server.baseUri() + "/console/oidc/callback?code=forged&state=made-up"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/console/?error=expired");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void signInAs(String userName, List<String> groups) {
        idp.enqueueCallback(callback(userName, groups));
        browser.driver.get(server.baseUri() + "/console/");
        browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(By.id("sso")))
                .click();
        browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=who]")));
    }

    private String who() {
        return browser.waiting(WAIT).until(d -> {
            String text = d.findElement(By.cssSelector("[data-test=who]")).getText();
            return text.isBlank() ? null : text;
        });
    }

    private static DefaultOAuth2TokenCallback callback(String userName, List<String> groups) {
        return new DefaultOAuth2TokenCallback(
                ISSUER_ID,
                userName,
                "JWT",
                List.of(CLIENT_ID),
                Map.of("preferred_username", userName, "email", userName, "groups", groups),
                3600);
    }

    private JsonNode admin(String path) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(server.baseUri().resolve(path))
                            .header("Authorization", "Bearer " + server.token())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return Json.parse(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
