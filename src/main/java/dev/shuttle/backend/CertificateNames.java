package dev.shuttle.backend;

import dev.shuttle.sample.CertificateFields;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
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
        return Optional.of(CertificateFields.signatureAlgorithm(certificate));
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
