package dev.kiroscim.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.testsupport.TestCertificates;
import dev.kiroscim.core.testsupport.TestCertificates.KeyFormat;
import dev.kiroscim.core.testsupport.TestCertificates.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PEM layouts admins have: RSA and EC, PKCS#8 and PKCS#1/SEC1; a key that is not the certificate's is refused. */
class PemKeyMaterialTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({
        "RSA, PKCS8, BEGIN PRIVATE KEY",
        "RSA, TRADITIONAL, BEGIN RSA PRIVATE KEY",
        "EC, PKCS8, BEGIN PRIVATE KEY",
        "EC, TRADITIONAL, BEGIN EC PRIVATE KEY"
    })
    void readsEveryLayout(KeyType type, KeyFormat format, String pemHeader) throws IOException {
        TestCertificates.Issued issued = TestCertificates.issue("localhost", type);
        issued.writeTo(dir.resolve("cert.pem"), dir.resolve("key.pem"), format);
        assertThat(Files.readString(dir.resolve("key.pem"))).contains(pemHeader);

        PemKeyMaterial material = PemKeyMaterial.read(dir.resolve("cert.pem"), dir.resolve("key.pem"));

        assertThat(material.chain()).containsExactly(issued.certificate());
        assertThat(secretValue(material.key()))
                .isEqualTo(secretValue(issued.keys().getPrivate()));
    }

    /** The private scalar or exponent: encodings may differ (SEC1 with or without the public point), the key may not. */
    private static java.math.BigInteger secretValue(java.security.PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec
                ? ec.getS()
                : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent();
    }

    @Test
    void readsAChainLeafFirst() throws IOException {
        TestCertificates.Issued leaf = TestCertificates.issue("localhost", KeyType.EC);
        TestCertificates.Issued other = TestCertificates.issue("intermediate", KeyType.RSA);
        leaf.writeTo(dir.resolve("cert.pem"), dir.resolve("key.pem"), KeyFormat.PKCS8);
        other.writeTo(dir.resolve("other.pem"), dir.resolve("other-key.pem"), KeyFormat.PKCS8);
        Files.writeString(
                dir.resolve("chain.pem"),
                Files.readString(dir.resolve("cert.pem")) + Files.readString(dir.resolve("other.pem")));

        assertThat(PemKeyMaterial.read(dir.resolve("chain.pem"), dir.resolve("key.pem"))
                        .chain())
                .containsExactly(leaf.certificate(), other.certificate());
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() {
        TestCertificates.issue("a", KeyType.RSA)
                .writeTo(dir.resolve("a.pem"), dir.resolve("a-key.pem"), KeyFormat.PKCS8);
        TestCertificates.issue("b", KeyType.RSA)
                .writeTo(dir.resolve("b.pem"), dir.resolve("b-key.pem"), KeyFormat.PKCS8);

        assertThatThrownBy(() -> PemKeyMaterial.read(dir.resolve("a.pem"), dir.resolve("b-key.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not the private key of the first certificate");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> unusableKeys() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n",
                        "the key is encrypted"),
                org.junit.jupiter.params.provider.Arguments.of("hello", "no PEM private key found"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "unsupported private key"));
    }

    @ParameterizedTest(name = "{1}")
    @org.junit.jupiter.params.provider.MethodSource("unusableKeys")
    void explainsKeysItCannotUse(String content, String message) throws IOException {
        TestCertificates.issue("a", KeyType.RSA)
                .writeTo(dir.resolve("a.pem"), dir.resolve("unused.pem"), KeyFormat.PKCS8);
        Files.writeString(dir.resolve("key.pem"), content);

        assertThatThrownBy(() -> PemKeyMaterial.read(dir.resolve("a.pem"), dir.resolve("key.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(message);
    }

    @Test
    void reloadsWhenTheFilesChangeAndKeepsTheOldPairWhenTheNewOneIsBroken() throws IOException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestCertificates.Issued first = TestCertificates.issue("first", KeyType.RSA);
        first.writeTo(cert, key, KeyFormat.TRADITIONAL);
        try (ReloadingKeyManager keys = new ReloadingKeyManager(cert, key)) {
            assertThat(keys.reloadIfChanged()).as("unchanged files").isFalse();

            Files.writeString(key, "half-written");
            assertThat(keys.reloadIfChanged()).as("a broken pair is not loaded").isFalse();
            assertThat(keys.getCertificateChain(ReloadingKeyManager.ALIAS)[0]).isEqualTo(first.certificate());

            TestCertificates.Issued second = TestCertificates.issue("second", KeyType.EC);
            second.writeTo(cert, key, KeyFormat.PKCS8);
            assertThat(keys.reloadIfChanged()).isTrue();
            assertThat(keys.getCertificateChain(ReloadingKeyManager.ALIAS)[0]).isEqualTo(second.certificate());
            assertThat(keys.getPrivateKey(ReloadingKeyManager.ALIAS).getAlgorithm())
                    .isEqualTo("EC");
        }
    }

    @Test
    void offersOnlyTls12AndLater() throws IOException {
        TestCertificates.issue("localhost", KeyType.RSA)
                .writeTo(dir.resolve("c.pem"), dir.resolve("k.pem"), KeyFormat.PKCS8);
        try (TlsSettings tls = TlsSettings.load(dir.resolve("c.pem"), dir.resolve("k.pem"))) {
            assertThat(tls.engine().getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }
}
