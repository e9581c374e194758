package dev.shuttle.tls;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Private keys from PEM blocks, in the three layouts OpenSSL writes: PKCS#8 ({@code PRIVATE KEY},
 * RFC 5208, which the JDK reads itself), PKCS#1 ({@code RSA PRIVATE KEY}, RFC 8017 A.1.2) and SEC 1
 * ({@code EC PRIVATE KEY}, RFC 5915). The last two are wrapped into PKCS#8 first:
 *
 * <pre>
 *   PrivateKeyInfo ::= SEQUENCE {
 *       version                   INTEGER (0),
 *       privateKeyAlgorithm       SEQUENCE { algorithm OID, parameters ANY OPTIONAL },
 *       privateKey                OCTET STRING (the PKCS#1 or SEC 1 structure) }
 *
 *   ECPrivateKey ::= SEQUENCE {
 *       version        INTEGER (1),
 *       privateKey     OCTET STRING,
 *       parameters [0] OID of the named curve OPTIONAL,
 *       publicKey  [1] BIT STRING OPTIONAL }
 * </pre>
 *
 * Encrypted keys are refused: Shuttle has no terminal to ask a passphrase on (HAProxy asks on its
 * own, or runs {@code ssl-passphrase-cmd}).
 */
final class PrivateKeys {
    /** The JDK key factory for each key algorithm OID of a PKCS#8 key. */
    private static final Map<String, String> FACTORY_BY_OID = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA");
    private static final byte[] RSA_ALGORITHM = Der.write(Der.SEQUENCE,
            Der.write(Der.OBJECT_IDENTIFIER, oid(1, 2, 840, 113549, 1, 1, 1)), Der.write(Der.NULL));
    private static final byte[] EC_PUBLIC_KEY_OID = Der.write(Der.OBJECT_IDENTIFIER, oid(1, 2, 840, 10045, 2, 1));
    private static final byte[] VERSION_0 = Der.write(Der.INTEGER, new byte[] {0});

    private PrivateKeys() {}

    /** The block's private key, or empty when the block is not a private key at all. */
    static Optional<PrivateKey> from(PemBlocks.Block block) throws TlsException {
        if (block.encrypted() || block.label().equals("ENCRYPTED PRIVATE KEY")) {
            throw new TlsException("the private key is encrypted, and Shuttle cannot ask for its passphrase "
                    + "(decrypt it with 'openssl pkey -in <file>')");
        }
        return switch (block.label()) {
            case "PRIVATE KEY" -> Optional.of(pkcs8(block.der()));
            case "RSA PRIVATE KEY" -> Optional.of(pkcs8(Der.write(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM,
                    Der.write(Der.OCTET_STRING, block.der()))));
            case "EC PRIVATE KEY" -> Optional.of(pkcs8(wrapSec1(block.der())));
            case "DSA PRIVATE KEY" -> throw new TlsException("DSA keys in OpenSSL's traditional format are not "
                    + "supported (convert the key to PKCS#8 with 'openssl pkey')");
            default -> Optional.empty();
        };
    }

    private static byte[] wrapSec1(byte[] sec1) throws TlsException {
        Der.Element key = Der.read(sec1);
        if (key.tag() != Der.SEQUENCE) {
            throw new TlsException("malformed EC private key");
        }
        byte[] curve = null;
        for (Der.Element element : Der.elements(key.value())) {
            if (element.isContext(0)) {
                curve = element.value();
            }
        }
        if (curve == null) {
            throw new TlsException("EC private key without a named curve");
        }
        byte[] algorithm = Der.write(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curve);
        return Der.write(Der.SEQUENCE, VERSION_0, algorithm, Der.write(Der.OCTET_STRING, sec1));
    }

    private static PrivateKey pkcs8(byte[] der) throws TlsException {
        String algorithm = FACTORY_BY_OID.get(algorithmOid(der));
        if (algorithm == null) {
            throw new TlsException("unsupported private key algorithm " + algorithmOid(der));
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsException("unreadable " + algorithm + " private key (" + e.getMessage() + ")");
        }
    }

    /** The dotted OID of a PKCS#8 key's algorithm. */
    private static String algorithmOid(byte[] der) throws TlsException {
        Der.Element info = Der.read(der);
        List<Der.Element> fields = Der.elements(info.value());
        if (info.tag() != Der.SEQUENCE || fields.size() < 3 || fields.get(1).tag() != Der.SEQUENCE) {
            throw new TlsException("malformed PKCS#8 private key");
        }
        Der.Element oid = Der.elements(fields.get(1).value()).getFirst();
        if (oid.tag() != Der.OBJECT_IDENTIFIER) {
            throw new TlsException("malformed PKCS#8 private key");
        }
        return dotted(oid.value());
    }

    static String dotted(byte[] oid) {
        StringBuilder text = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : oid) {
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) != 0) {
                continue;
            }
            if (first) {
                long head = Math.min(value / 40, 2);
                text.append(head).append('.').append(value - head * 40);
                first = false;
            } else {
                text.append('.').append(value);
            }
            value = 0;
        }
        return text.toString();
    }

    private static byte[] oid(long... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeArc(out, arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            writeArc(out, arcs[i]);
        }
        return out.toByteArray();
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        int groups = 1;
        for (long rest = arc >>> 7; rest != 0; rest >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int bits = (int) ((arc >>> (7 * g)) & 0x7F);
            out.write(g == 0 ? bits : bits | 0x80);
        }
    }
}
