package dev.shuttle.tls;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every TLS file a configuration named, read once while it loaded (so that a bad file is reported
 * with the line that named it): certificates by name (a path or a {@code crt-store} alias), CA
 * files and CRL files by path. Immutable once the load is over; the runtime's {@link
 * CertificateStore} starts from its certificates.
 */
public final class TlsFiles {
    private final Map<String, CertificateKey> certificates;
    private final Map<String, List<X509Certificate>> caFiles;
    private final Map<String, List<X509CRL>> crlFiles;

    private TlsFiles(Map<String, CertificateKey> certificates, Map<String, List<X509Certificate>> caFiles,
                     Map<String, List<X509CRL>> crlFiles) {
        this.certificates = Map.copyOf(certificates);
        this.caFiles = Map.copyOf(caFiles);
        this.crlFiles = Map.copyOf(crlFiles);
    }

    /** A configuration without TLS. */
    public static final TlsFiles NONE = new TlsFiles(Map.of(), Map.of(), Map.of());

    public Optional<CertificateKey> certificate(String name) {
        return Optional.ofNullable(certificates.get(name));
    }

    public Map<String, CertificateKey> certificates() {
        return certificates;
    }

    public List<X509Certificate> caFile(String path) {
        return caFiles.getOrDefault(path, List.of());
    }

    public List<X509CRL> crlFile(String path) {
        return crlFiles.getOrDefault(path, List.of());
    }

    /**
     * Collects the files while a configuration loads; each is read once, however many lines name it
     * (HAProxy's "the files are loaded only once in the certificate storage").
     */
    public static final class Builder {
        private final Map<String, CertificateKey> certificates = new LinkedHashMap<>();
        private final Map<String, List<X509Certificate>> caFiles = new LinkedHashMap<>();
        private final Map<String, List<X509CRL>> crlFiles = new LinkedHashMap<>();

        public boolean hasCertificate(String name) {
            return certificates.containsKey(name);
        }

        public Optional<CertificateKey> certificate(String name) {
            return Optional.ofNullable(certificates.get(name));
        }

        public void addCertificate(CertificateKey certificate) {
            certificates.putIfAbsent(certificate.name(), certificate);
        }

        /** Reads a CA file unless it was read already. */
        public List<X509Certificate> caFile(String path) throws TlsException {
            List<X509Certificate> known = caFiles.get(path);
            if (known == null) {
                known = TrustFiles.certificates(path);
                caFiles.put(path, known);
            }
            return known;
        }

        /** Reads a CRL file unless it was read already. */
        public List<X509CRL> crlFile(String path) throws TlsException {
            List<X509CRL> known = crlFiles.get(path);
            if (known == null) {
                known = TrustFiles.revocations(path);
                crlFiles.put(path, known);
            }
            return known;
        }

        public TlsFiles build() {
            return new TlsFiles(certificates, caFiles, crlFiles);
        }
    }
}
