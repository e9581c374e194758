package dev.shuttle.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A certificate, the chain that goes with it and its private key, as one PEM file (or a PEM file
 * and its {@code .key}) gives them: HAProxy's "ckch" (certificate, key, chain).
 *
 * @param name  what the configuration and the runtime API call it: the file's path, or a
 *              {@code crt-store} alias
 * @param chain the leaf first, then the intermediates in the file's order
 * @param notes what was found but cannot be used (an OCSP response file, DH parameters), for warnings
 */
public record CertificateKey(String name, List<X509Certificate> chain, PrivateKey key, List<String> notes) {
    public CertificateKey {
        chain = List.copyOf(chain);
        notes = List.copyOf(notes);
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /**
     * The key's type as JSSE asks for it when choosing a server certificate ({@code RSA}, {@code
     * EC}, {@code EdDSA}, {@code RSASSA-PSS}, {@code DSA}).
     */
    public String keyType() {
        return key.getAlgorithm();
    }

    /**
     * The host names the certificate is for, lower case: its subject's CN and its DNS subject
     * alternative names, as HAProxy indexes them for SNI (wildcards kept as {@code *.example.org}).
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        commonName(leaf()).ifPresent(cn -> names.add(cn.toLowerCase(Locale.ROOT)));
        names.addAll(dnsNames(leaf()));
        return names;
    }

    /** The DNS names of a certificate's subject alternative names, lower case. */
    public static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() >= 2 && Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String dns) {
                        names.add(dns.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate with an unreadable extension simply has no alternative names here
        }
        return names;
    }

    /** The last CN of a certificate's subject, which is the one OpenSSL reports. */
    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName());
            String cn = null;
            for (Rdn rdn : subject.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(cn);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
