package dev.shuttle.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * CA certificates and revocation lists, as {@code ca-file}, {@code ca-verify-file} and {@code
 * crl-file} name them: a PEM file of any number of certificates (and CRLs), or a directory whose
 * {@code .pem}, {@code .crt}, {@code .cer} and {@code .crl} files are read (dot files skipped).
 * {@code @system-ca} is the system's trusted CAs: {@code SSL_CERT_FILE}, else Debian's
 * {@code /etc/ssl/certs/ca-certificates.crt}, else the JDK's own {@code cacerts}.
 */
public final class TrustFiles {
    /** The special {@code ca-file} value for the system's trusted CAs. */
    public static final String SYSTEM_CA = "@system-ca";
    private static final Path DEBIAN_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    /** What a file held. */
    public record Contents(List<X509Certificate> certificates, List<X509CRL> revocations) {
        public Contents {
            certificates = List.copyOf(certificates);
            revocations = List.copyOf(revocations);
        }
    }

    private TrustFiles() {}

    /** The CA certificates of a {@code ca-file} argument; fails when there is none. */
    public static List<X509Certificate> certificates(String argument) throws TlsException {
        if (argument.equals(SYSTEM_CA)) {
            return systemCertificates();
        }
        Contents contents = read(Path.of(argument));
        if (contents.certificates().isEmpty()) {
            throw new TlsException("unable to load " + argument + ".");
        }
        return contents.certificates();
    }

    /** The revocation lists of a {@code crl-file} argument; fails when there is none. */
    public static List<X509CRL> revocations(String argument) throws TlsException {
        Contents contents = read(Path.of(argument));
        if (contents.revocations().isEmpty()) {
            throw new TlsException("unable to load " + argument + ".");
        }
        return contents.revocations();
    }

    /** Everything a file or directory holds. */
    public static Contents read(Path path) throws TlsException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> revocations = new ArrayList<>();
        if (Files.isDirectory(path)) {
            for (Path file : trustFilesIn(path)) {
                readInto(file, certificates, revocations);
            }
        } else {
            readInto(path, certificates, revocations);
        }
        return new Contents(certificates, revocations);
    }

    private static List<Path> trustFilesIn(Path directory) throws TlsException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> {
                        String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return lower.endsWith(".pem") || lower.endsWith(".crt") || lower.endsWith(".cer")
                                || lower.endsWith(".crl");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TlsException("unable to scan directory '" + directory + "' : " + CertificateFiles.reason(e) + ".");
        }
    }

    private static void readInto(Path file, List<X509Certificate> certificates, List<X509CRL> revocations)
            throws TlsException {
        String text = CertificateFiles.read(file, "Couldn't open the ca-file '" + file + "' (");
        for (PemBlocks.Block block : PemBlocks.parse(text)) {
            switch (block.label()) {
                case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" ->
                        certificates.add(CertificateFiles.certificate(block.der(), file.toString()));
                case "X509 CRL" -> revocations.add(crl(block.der(), file));
                default -> { }
            }
        }
    }

    private static X509CRL crl(byte[] der, Path file) throws TlsException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new TlsException("unable to load CRL from file '" + file + "': " + e.getMessage() + ".");
        }
    }

    private static List<X509Certificate> systemCertificates() throws TlsException {
        String file = System.getenv("SSL_CERT_FILE");
        if (file != null && Files.isRegularFile(Path.of(file))) {
            return read(Path.of(file)).certificates();
        }
        if (Files.isRegularFile(DEBIAN_BUNDLE)) {
            return read(DEBIAN_BUNDLE).certificates();
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsException("unable to load the system's CA certificates: " + e.getMessage());
        }
        throw new TlsException("unable to load the system's CA certificates.");
    }
}
