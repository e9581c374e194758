package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.tls.CertificateKey;
import dev.shuttle.tls.CertificateStore;
import dev.shuttle.tls.SniIndex;
import dev.shuttle.tls.TlsException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The runtime API's certificate commands (management.txt §9.3): {@code show ssl cert}, the hot
 * update of a certificate ({@code set ssl cert} with a PEM payload, then {@code commit ssl cert} or
 * {@code abort ssl cert}), and {@code show ssl sni}. Answers and errors read as HAProxy 3.5's; the
 * OCSP and SCTL lines of its {@code show ssl cert} are left out, Shuttle having neither.
 */
final class SslCommands {
    private static final DateTimeFormatter OPENSSL_DATE =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private SslCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "ssl", "cert"), "show ssl cert [<certfile>]",
                "display the SSL certificates used in memory, or the details of a file", CliLevel.OPERATOR,
                (args, session, out) -> showCert(args, process.certificates(), out)));
        table.register(new CliCommand(List.of("set", "ssl", "cert"), "set ssl cert <certfile> <payload>",
                "replace a certificate file", CliLevel.ADMIN, (args, session, out) -> {
                    String name = args.isEmpty() ? "" : args.getFirst();
                    if (args.size() < 2) {
                        throw new CliException("'set ssl cert' expects a filename and a certificate as a payload");
                    }
                    try {
                        out.append(process.certificates().set(name, args.get(1)));
                    } catch (TlsException e) {
                        throw new CliException(e.getMessage().stripTrailing() + (e.getMessage().startsWith("unable")
                                ? "\nCan't load the payload" : "") + "\nCan't update " + name + "!");
                    }
                }));
        table.register(new CliCommand(List.of("commit", "ssl", "cert"), "commit ssl cert <certfile>",
                "commit a certificate file", CliLevel.ADMIN, (args, session, out) -> {
                    String name = single(args, "'commit ssl cert' expects a filename");
                    try {
                        out.append(process.certificates().commit(name));
                    } catch (TlsException e) {
                        throw new CliException(e.getMessage() + "Can't commit " + name + "!");
                    }
                }));
        table.register(new CliCommand(List.of("abort", "ssl", "cert"), "abort ssl cert <certfile>",
                "abort a transaction for a certificate file", CliLevel.ADMIN, (args, session, out) -> {
                    String name = single(args, "'abort ssl cert' expects a filename");
                    try {
                        out.append(process.certificates().abort(name));
                    } catch (TlsException e) {
                        throw new CliException(e.getMessage().stripTrailing());
                    }
                }));
        table.register(new CliCommand(List.of("show", "ssl", "sni"), "show ssl sni [-f <frontend>]",
                "display the list of SNI and their corresponding filename", CliLevel.OPERATOR,
                (args, session, out) -> showSni(args, process, out)));
    }

    private static String single(List<String> args, String usage) throws CliException {
        if (args.size() != 1) {
            throw new CliException(usage);
        }
        return args.getFirst();
    }

    private static void showCert(List<String> args, CertificateStore store, StringBuilder out) throws CliException {
        Optional<CertificateStore.Transaction> transaction = store.transaction();
        if (args.isEmpty()) {
            transaction.ifPresent(t -> out.append("# transaction\n*").append(t.name()).append('\n'));
            out.append("# filename\n");
            new TreeSet<>(store.names()).forEach(name -> out.append(name).append('\n'));
            return;
        }
        String asked = args.getFirst();
        boolean pending = asked.startsWith("*");
        String name = pending ? asked.substring(1) : asked.startsWith("\\*") ? asked.substring(1) : asked;
        Optional<CertificateKey> certificate = pending
                ? transaction.filter(t -> t.name().equals(name)).map(CertificateStore.Transaction::replacement)
                : store.get(name).map(CertificateStore.Version::certificate);
        if (certificate.isEmpty()) {
            throw new CliException("Can't display the certificate: Not found or the certificate is a bundle!");
        }
        CertificateKey key = certificate.get();
        out.append("Filename: ").append(pending ? "*" : "").append(name).append('\n');
        if (!name.startsWith("@")) {
            out.append("Crt filename: ").append(name).append('\n');
            out.append("Key filename: ").append(name).append('\n');
        }
        out.append("Status: ").append(pending ? "Uncommitted" : "Used").append('\n');
        X509Certificate leaf = key.leaf();
        out.append("Serial: ").append(UPPER_HEX.formatHex(serial(leaf))).append('\n');
        out.append("notBefore: ").append(date(leaf.getNotBefore())).append('\n');
        out.append("notAfter: ").append(date(leaf.getNotAfter())).append('\n');
        out.append("Subject Alternative Name: ").append(String.join(", ",
                CertificateKey.dnsNames(leaf).stream().map(n -> "DNS:" + n).toList())).append('\n');
        out.append("Algorithm: ").append(algorithm(leaf)).append('\n');
        out.append("SHA1 FingerPrint: ").append(UPPER_HEX.formatHex(sha1(leaf))).append('\n');
        out.append("Subject: ").append(oneLine(leaf.getSubjectX500Principal().getName())).append('\n');
        out.append("Issuer: ").append(oneLine(leaf.getIssuerX500Principal().getName())).append('\n');
        for (X509Certificate chained : key.chain().subList(1, key.chain().size())) {
            out.append("Chain Subject: ").append(oneLine(chained.getSubjectX500Principal().getName())).append('\n');
            out.append("Chain Issuer: ").append(oneLine(chained.getIssuerX500Principal().getName())).append('\n');
        }
    }

    /** {@code show ssl sni}: tab-separated, one line per name and certificate, {@code *} for the defaults. */
    private static void showSni(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        String only = null;
        if (args.size() == 2 && args.get(0).equals("-f")) {
            only = args.get(1);
        } else if (!args.isEmpty()) {
            throw new CliException("'show ssl sni' only supports '-f <frontend>'.");
        }
        out.append("# Frontend/Bind\tSNI\tNegative Filter\tType\tFilename\tNotAfter\tNotBefore\n");
        for (ProcessView.TlsListener listener : process.tlsListeners()) {
            if (only != null && !listener.frontend().equals(only)) {
                continue;
            }
            for (Map.Entry<String, List<SniIndex.Candidate>> entry : listener.tls().index().names().entrySet()) {
                for (SniIndex.Candidate candidate : entry.getValue()) {
                    X509Certificate leaf = candidate.certificate().leaf();
                    List<String> negative = candidate.entry().negative();
                    out.append(listener.frontend()).append('/').append(listener.bind()).append('\t')
                            .append(entry.getKey()).append('\t')
                            .append(negative.isEmpty() ? "-" : String.join(" ", negative.stream().map(n -> "!" + n).toList()))
                            .append('\t').append(type(candidate.certificate())).append('\t')
                            .append(candidate.certificate().name()).append('\t').append(date(leaf.getNotAfter()))
                            .append('\t').append(date(leaf.getNotBefore())).append('\n');
                }
            }
        }
    }

    private static String type(CertificateKey certificate) {
        return switch (certificate.keyType()) {
            case "EC" -> "ecdsa";
            case "RSA", "RSASSA-PSS" -> "rsa";
            case "DSA" -> "dsa";
            default -> certificate.keyType().toLowerCase(Locale.ROOT);
        };
    }

    /** {@code RSA2048}, {@code EC256}, as HAProxy names a key. */
    private static String algorithm(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAKey rsa) {
            return "RSA" + rsa.getModulus().bitLength();
        }
        if (certificate.getPublicKey() instanceof ECKey ec) {
            return "EC" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return certificate.getPublicKey().getAlgorithm();
    }

    /** OpenSSL's ASN1_TIME_print: {@code Dec  6 08:52:50 2026 GMT}. */
    static String date(Date date) {
        return OPENSSL_DATE.format(date.toInstant());
    }

    private static byte[] serial(X509Certificate certificate) {
        byte[] bytes = certificate.getSerialNumber().toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] sha1(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            return new byte[0];
        }
    }

    /** The one-line DN: {@code /C=FR/O=Example/CN=www}, entries in encoding order. */
    private static String oneLine(String rfc2253) {
        try {
            StringBuilder line = new StringBuilder();
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
                line.append('/').append(rdn.getType()).append('=').append(rdn.getValue());
            }
            return line.toString();
        } catch (InvalidNameException e) {
            return rfc2253;
        }
    }
}
