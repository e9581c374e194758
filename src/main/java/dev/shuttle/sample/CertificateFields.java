package dev.shuttle.sample;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate's fields as the {@code ssl_c_*}, {@code ssl_f_*} and {@code ssl_s_*} fetches print
 * them, in OpenSSL's forms: distinguished names one-line ({@code /C=FR/O=Example/CN=www}, entries in
 * encoding order) or RFC 2253, dates as {@code YYMMDDhhmmssZ}, algorithms by OpenSSL's short names,
 * the serial number as its bytes.
 */
public final class CertificateFields {
    /** OpenSSL's short names for the attribute types the JDK writes as OIDs. */
    private static final Map<String, String> ATTRIBUTE_NAMES = Map.of(
            "1.2.840.113549.1.9.1", "emailAddress", "2.5.4.5", "serialNumber", "0.9.2342.19200300.100.1.25", "DC",
            "0.9.2342.19200300.100.1.1", "UID", "2.5.4.42", "GN", "2.5.4.4", "SN", "2.5.4.12", "title",
            "2.5.4.17", "postalCode", "2.5.4.9", "street");
    /** OpenSSL's short names of signature algorithms, by OID. */
    private static final Map<String, String> SIGNATURE_NAMES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.4", "RSA-MD5"), Map.entry("1.2.840.113549.1.1.5", "RSA-SHA1"),
            Map.entry("1.2.840.113549.1.1.11", "RSA-SHA256"), Map.entry("1.2.840.113549.1.1.12", "RSA-SHA384"),
            Map.entry("1.2.840.113549.1.1.13", "RSA-SHA512"), Map.entry("1.2.840.113549.1.1.14", "RSA-SHA224"),
            Map.entry("1.2.840.113549.1.1.10", "RSASSA-PSS"), Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"), Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"), Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.3.101.112", "ED25519"), Map.entry("1.3.101.113", "ED448"),
            Map.entry("2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"), Map.entry("1.2.840.10040.4.3", "DSA-SHA1"));
    /** OpenSSL's short names of public key algorithms, by the JDK's name. */
    private static final Map<String, String> KEY_NAMES = Map.of("RSA", "rsaEncryption", "EC", "id-ecPublicKey",
            "EdDSA", "ED25519", "Ed25519", "ED25519", "Ed448", "ED448", "RSASSA-PSS", "RSASSA-PSS",
            "DSA", "dsaEncryption");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private CertificateFields() {}

    /**
     * A DN as the {@code *_dn([entry[,occ[,format]]])} fetches give it: whole (one-line, or RFC 2253
     * with {@code format} {@code rfc2253}), or the value of {@code entry}'s {@code occ}-th occurrence
     * (from the start, or from the end when negative; the first by default).
     */
    static Optional<String> dn(X500Principal principal, String entry, long occurrence, String format) {
        List<Rdn> rdns = rdns(principal);
        if (entry.isEmpty()) {
            if (format.equals("rfc2253")) {
                return Optional.of(principal.getName(X500Principal.RFC2253, ATTRIBUTE_NAMES));
            }
            StringBuilder line = new StringBuilder();
            for (Rdn rdn : rdns) {
                line.append('/').append(shortName(rdn.getType())).append('=').append(rdn.getValue());
            }
            return Optional.of(line.toString());
        }
        List<String> values = new ArrayList<>();
        for (Rdn rdn : rdns) {
            if (shortName(rdn.getType()).equalsIgnoreCase(entry)) {
                values.add(String.valueOf(rdn.getValue()));
            }
        }
        long index = occurrence == 0 ? 0 : occurrence > 0 ? occurrence - 1 : values.size() + occurrence;
        return index >= 0 && index < values.size() ? Optional.of(values.get((int) index)) : Optional.empty();
    }

    /** The name's RDNs in encoding order (the JDK's LdapName lists them so). */
    private static List<Rdn> rdns(X500Principal principal) {
        try {
            return new LdapName(principal.getName(X500Principal.RFC2253, ATTRIBUTE_NAMES)).getRdns();
        } catch (InvalidNameException e) {
            return List.of();
        }
    }

    private static String shortName(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "EMAILADDRESS" -> "emailAddress";
            case "SERIALNUMBER" -> "serialNumber";
            default -> type;
        };
    }

    static String date(Date date) {
        return DATE.format(date.toInstant());
    }

    /** The serial number's bytes, without the sign byte DER may add. */
    static byte[] serial(X509Certificate certificate) {
        byte[] bytes = certificate.getSerialNumber().toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            return Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return bytes;
    }

    static byte[] sha1(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            return new byte[0];
        }
    }

    /** The signature algorithm by OpenSSL's short name ({@code RSA-SHA256}, {@code ecdsa-with-SHA256}). */
    public static String signatureAlgorithm(X509Certificate certificate) {
        return SIGNATURE_NAMES.getOrDefault(certificate.getSigAlgOID(), certificate.getSigAlgName());
    }

    static String keyAlgorithm(X509Certificate certificate) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        return KEY_NAMES.getOrDefault(algorithm, algorithm);
    }

    /** The subject alternative names, {@code DNS:a, IP Address:1.2.3.4, URI:...}, as OpenSSL prints them. */
    static Optional<String> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null || names.isEmpty()) {
                return Optional.empty();
            }
            List<String> printed = new ArrayList<>();
            for (List<?> name : names) {
                String label = switch ((Integer) name.get(0)) {
                    case 1 -> "email";
                    case 2 -> "DNS";
                    case 6 -> "URI";
                    case 7 -> "IP Address";
                    case 8 -> "Registered ID";
                    default -> "othername";
                };
                printed.add(label + ":" + name.get(1));
            }
            return Optional.of(String.join(", ", printed));
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }

    /** The certificate's version, 1 to 3. */
    static long version(X509Certificate certificate) {
        return certificate.getVersion();
    }
}
