package dev.kiroscim.server.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server certificate chain and its private key, read from PEM files as admins get them from their CA, certbot or
 * {@code openssl}: the chain (leaf first, intermediates after) and an unencrypted key in PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}).
 * PKCS#1 and SEC1 keys are rewrapped as PKCS#8 with a few bytes of DER, so the JDK alone reads all three (no
 * BouncyCastle at run time). The key must match the leaf certificate (checked by signing and verifying).
 */
public record PemKeyMaterial(PrivateKey key, X509Certificate[] chain) {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500"); // SEQ { rsaEncryption, NULL }
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201"); // id-ecPublicKey

    public static PemKeyMaterial read(Path certFile, Path keyFile) throws IOException {
        X509Certificate[] chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        requireMatch(key, chain[0], certFile, keyFile);
        return new PemKeyMaterial(key, chain);
    }

    static X509Certificate[] certificates(Path file) throws IOException {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certs.isEmpty()) {
                throw new IOException(file + ": no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
            }
            return certs.toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, file, "RSA", "EC");
                case "RSA PRIVATE KEY":
                    return pkcs8(sequence(integer0(), RSA_ALGORITHM, octetString(der)), file, "RSA");
                case "EC PRIVATE KEY":
                    byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, sec1CurveOid(der, file));
                    return pkcs8(sequence(integer0(), algorithm, octetString(der)), file, "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException(
                            file
                                    + ": the key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN) and protect the file with permissions");
                default:
                // e.g. "EC PARAMETERS" before the key, as openssl ecparam -genkey writes it
            }
        }
        throw new IOException(
                file + ": no PEM private key found (expected BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(byte[] der, Path file, String... algorithms) throws IOException {
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": unsupported private key (RSA and EC keys are supported)");
    }

    /** The named-curve OID in a SEC1 ECPrivateKey: {@code SEQUENCE { INTEGER 1, OCTET STRING, [0] OID, [1] BIT STRING }}. */
    private static byte[] sec1CurveOid(byte[] der, Path file) throws IOException {
        try {
            int[] seq = header(der, 0);
            int pos = seq[0];
            while (pos < der.length) {
                int[] element = header(der, pos);
                if ((der[pos] & 0xff) == 0xa0) {
                    int inner = element[0];
                    int[] oid = header(der, inner);
                    return java.util.Arrays.copyOfRange(der, inner, oid[0] + oid[1]);
                }
                pos = element[0] + element[1];
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // fall through
        }
        throw new IOException(
                file + ": EC PRIVATE KEY without a named curve; convert it with openssl pkcs8 -topk8 -nocrypt");
    }

    /** {contentStart, contentLength} of the DER element at {@code pos}. */
    private static int[] header(byte[] der, int pos) {
        int len = der[pos + 1] & 0xff;
        int start = pos + 2;
        if (len > 0x7f) {
            int bytes = len & 0x7f;
            len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += bytes;
        }
        return new int[] {start, len};
    }

    private static byte[] integer0() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        return tagged(0x30, content.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            byte[] len = java.math.BigInteger.valueOf(n).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void requireMatch(PrivateKey key, X509Certificate leaf, Path certFile, Path keyFile)
            throws IOException {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] nonce = new byte[32];
            new SecureRandom().nextBytes(nonce);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(nonce);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(nonce);
            if (verifier.verify(signer.sign())) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's: reported below
        }
        throw new IOException(keyFile + " is not the private key of the first certificate in " + certFile);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
