package dev.shuttle.backend;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A certificate's facts as the PROXY header's SSL sub-TLVs spell them in HAProxy 3.5 (checked
 * live): the key algorithm as OpenSSL's type and size ({@code RSA2048}, {@code EC256}), the
 * signature algorithm by OpenSSL's short name ({@code RSA-SHA256}, {@code ecdsa-with-SHA256}), the
 * subject's Common Name.
 */
final class CertificateNames {
    /** OpenSSL's short names (OBJ_nid2sn) of the usual signature algorithm OIDs. */
    private static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.4", "RSA-MD5"), Map.entry("1.2.840.113549.1.1.5", "RSA-SHA1"),
            Map.entry("1.2.840.113549.1.1.14", "RSA-SHA224"), Map.entry("1.2.840.113549.1.1.11", "RSA-SHA256"),
            Map.entry("1.2.840.113549.1.1.12", "RSA-SHA384"), Map.entry("1.2.840.113549.1.1.13", "RSA-SHA512"),
            Map.entry("1.2.840.113549.1.1.10", "RSASSA-PSS"), Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"), Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"), Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.3.101.112", "ED25519"), Map.entry("1.3.101.113", "ED448"));

    private CertificateNames() {}

    static Optional<String> keyAlgorithm(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        return switch (key) {
            case RSAPublicKey rsa -> Optional.of("RSA" + rsa.getModulus().bitLength());
            case ECPublicKey ec -> Optional.of("EC" + ec.getParams().getCurve().getField().getFieldSize());
            default -> Optional.of(key.getAlgorithm());
        };
    }

    static Optional<String> signatureAlgorithm(X509Certificate certificate) {
        return Optional.of(SIGNATURES.getOrDefault(certificate.getSigAlgOID(), certificate.getSigAlgName()));
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns().reversed()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
