package dev.kiroscim.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.audit.ChainHash;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.CloudEventFormat;
import dev.kiroscim.core.notify.EventSelector;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import dev.kiroscim.core.notify.WebhookSignature;
import dev.kiroscim.core.testsupport.ExternalComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signature checks that docs/notifications.md ("Signature") tells receivers to copy, run as written against a
 * delivery this server really sent: the Python example in {@code python3}, the Java one in JShell. Each must accept
 * the delivery and refuse it with one byte of the body changed, or with another secret. If the docs or the signing
 * drift apart, this fails.
 */
class SignatureExamplesTest {

    private static final Path DOC = Path.of("..", "docs", "notifications.md");
    /** The secret file path the examples use; replaced by the test's own file. */
    private static final String DOC_SECRET_PATH = "/etc/kiro/itsm-webhook-secret";

    @TempDir
    Path dir;

    private Path secretFile;
    private byte[] body;
    private String header;

    /** One CloudEvents delivery (a name with a non-ASCII letter, so bytes and characters differ), as received. */
    @BeforeEach
    void receiveARealDelivery() throws Exception {
        secretFile = Files.writeString(dir.resolve("secret"), "wh-s3cret-ü\n");
        AuditEntry waitlisted = AuditEvents.seatWaitlisted(
                        AuditSubject.user("2819c223", "zoë@example.com"),
                        "Kiro-Platform",
                        "PRO_PLUS",
                        "the pool is full; position 3 in its queue")
                .with("position", 3);
        AuditEvent event = new AuditEvent(
                        7,
                        Instant.parse("2026-12-01T09:02:00Z"),
                        waitlisted.type(),
                        "okta",
                        waitlisted.subject(),
                        waitlisted.group(),
                        waitlisted.details(),
                        "r-1",
                        ChainHash.GENESIS,
                        null)
                .chainedTo(ChainHash.GENESIS);
        try (LoopbackReceiver receiver = new LoopbackReceiver(0)) {
            NotificationEndpoint endpoint = new NotificationEndpoint(
                    "itsm",
                    receiver.url(),
                    new EventSelector(List.of("seat.")),
                    NotificationFormat.CLOUDEVENTS,
                    AddressRanges.ANY);
            new HttpWebhookSender(new SecretFiles(Map.of("itsm", secretFile)))
                    .send(
                            endpoint,
                            CloudEventFormat.eventId(event),
                            CloudEventFormat.CONTENT_TYPE,
                            CloudEventFormat.write(event).getBytes(StandardCharsets.UTF_8));
            LoopbackReceiver.Received received = receiver.received().get(0);
            body = received.body();
            header = received.header(WebhookSignature.HEADER);
        }
        assertThat(header).startsWith("sha256=");
    }

    /** What the check is given, and whether it must accept it. */
    static Stream<Arguments> deliveries() {
        return Stream.of(
                Arguments.of("as received", false, false, true),
                Arguments.of("one body byte changed", true, false, false),
                Arguments.of("another secret", false, true, false));
    }

    @ParameterizedTest(name = "python: {0}")
    @MethodSource("deliveries")
    void thePythonExampleVerifiesARealDelivery(String what, boolean tamper, boolean otherSecret, boolean accepted)
            throws Exception {
        String python = System.getProperty("kiro.python", "python3");
        ExternalComponent.require(python, runs(python, "-c", "import hmac, hashlib"), "install python3");
        Path script = Files.writeString(
                dir.resolve("verify.py"),
                documented("python")
                                .replace(DOC_SECRET_PATH, secret(otherSecret).toString()) + """

                        import sys
                        print(verified(open(sys.argv[1], "rb").read(), sys.argv[2]))
                        """);
        Path received = Files.write(dir.resolve("body"), body(tamper));
        Process p = new ProcessBuilder(python, script.toString(), received.toString(), header)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).as("%s; python said:%n%s", what, out).isEqualTo(accepted ? "True" : "False");
    }

    @ParameterizedTest(name = "java: {0}")
    @MethodSource("deliveries")
    void theJavaExampleVerifiesARealDelivery(String what, boolean tamper, boolean otherSecret, boolean accepted)
            throws Exception {
        Path received = Files.write(dir.resolve("body"), body(tamper));
        List<String> snippets = List.of(
                "import java.nio.charset.StandardCharsets;",
                "import java.nio.file.*;",
                "import java.security.*;",
                "import java.util.HexFormat;",
                "import javax.crypto.Mac;",
                "import javax.crypto.spec.SecretKeySpec;",
                "import static java.nio.charset.StandardCharsets.UTF_8;",
                documented("java"),
                // the secret and body exactly as the example's closing comment says
                "verified(Files.readString(Path.of(\"%s\")).strip().getBytes(UTF_8), Files.readAllBytes(Path.of(\"%s\")), \"%s\")"
                        .formatted(secret(otherSecret), received, header));
        String value = null;
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String source : snippets) {
                for (SnippetEvent e : shell.eval(source)) {
                    assertThat(e.status())
                            .as(
                                    "%s%n%s",
                                    source,
                                    shell.diagnostics(e.snippet())
                                            .map(d -> d.getMessage(null))
                                            .toList())
                            .isEqualTo(Snippet.Status.VALID);
                    assertThat(e.exception()).as(source).isNull();
                    value = e.value();
                }
            }
        }
        assertThat(value).as(what).isEqualTo(Boolean.toString(accepted));
    }

    @Test
    void theDocumentedHeaderIsTheOneSent() throws Exception {
        assertThat(Files.readString(DOC)).contains(WebhookSignature.HEADER + ": sha256=<lower-case hex");
        assertThat(header).matches("sha256=[0-9a-f]{64}");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private byte[] body(boolean tamper) {
        byte[] copy = body.clone();
        if (tamper) {
            copy[copy.length / 2] ^= 1;
        }
        return copy;
    }

    private Path secret(boolean other) throws Exception {
        return other ? Files.writeString(dir.resolve("other-secret"), "not-the-secret\n") : secretFile;
    }

    /** The one fenced block of that language in the "### Signature" section. */
    private static String documented(String language) throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("### Signature");
        String section = doc.substring(start, doc.indexOf("\n## ", start));
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(section);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("```%s blocks under ### Signature", language).hasSize(1);
        if (language.equals("python")) {
            assertThat(blocks.get(0)).contains(DOC_SECRET_PATH);
        }
        return blocks.get(0);
    }
}
