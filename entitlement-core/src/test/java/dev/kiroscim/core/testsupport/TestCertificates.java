package dev.kiroscim.core.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed server certificates made in the test, as PEM files in the layouts admins get from a CA or openssl:
 * RSA or EC keys, written as PKCS#8 ({@code BEGIN PRIVATE KEY}) or the traditional form (PKCS#1
 * {@code BEGIN RSA PRIVATE KEY}, SEC1 {@code BEGIN EC PRIVATE KEY}).
 *
 * <pre>{@code
 * TestCertificates.Issued cert = TestCertificates.issue("localhost", TestCertificates.KeyType.RSA);
 * cert.writeTo(certFile, keyFile, TestCertificates.KeyFormat.PKCS1);
 * }</pre>
 */
public final class TestCertificates {

    public enum KeyType {
        RSA,
        EC
    }

    public enum KeyFormat {
        PKCS8,
        TRADITIONAL
    }

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        /** Writes both files atomically (temp file + move), as a certificate renewal tool would. */
        public void writeTo(Path certFile, Path keyFile, KeyFormat format) {
            try {
                writeAtomically(
                        keyFile,
                        pem(
                                format == KeyFormat.PKCS8
                                        ? new JcaPKCS8Generator(keys.getPrivate(), null)
                                        : traditional(keys)));
                writeAtomically(certFile, pem(certificate));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private TestCertificates() {}

    public static Issued issue(String commonName, KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
            if (type == KeyType.EC) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + commonName);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(64, new java.security.SecureRandom()).abs(),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    name,
                    keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, commonName), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
            String algorithm = type == KeyType.EC ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
            return new Issued(certificate, keys);
        } catch (Exception e) {
            throw new IllegalStateException("could not issue a test certificate", e);
        }
    }

    /**
     * PKCS#1 for RSA; for EC the SEC1 structure as {@code openssl ec} writes it, with the named curve in its
     * parameters (BouncyCastle's own writer leaves them out for JDK keys).
     */
    private static Object traditional(KeyPair keys) throws IOException {
        if (!(keys.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec)) {
            return keys.getPrivate();
        }
        var publicKey = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                keys.getPublic().getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                256, ec.getS(), publicKey.getPublicKeyData(), org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
        return new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".pem");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
