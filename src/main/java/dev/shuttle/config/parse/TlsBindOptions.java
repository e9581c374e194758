package dev.shuttle.config.parse;

import dev.shuttle.config.TlsBindSettings;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.tls.IgnoredErrors;
import dev.shuttle.tls.SniEntry;
import dev.shuttle.tls.TlsException;
import dev.shuttle.tls.TlsNames;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.VerifyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TLS options of a {@code bind} line (configuration.txt §5.1) and of a {@code crt-list} line's
 * {@code [sslbindconf]}: what they set, and the certificates they load ({@link TlsCertificates}).
 * Words are turned into the JDK's names at once, so that a cipher, curve or version JSSE lacks is
 * reported on the line that named it.
 */
final class TlsBindOptions {
    /** Options without a value. */
    private static final Set<String> FLAGS = Set.of("ssl", "no-alpn", "no-ca-names", "no-tls-tickets", "tls-tickets",
            "prefer-client-ciphers", "strict-sni", "no-strict-sni", "allow-0rtt", "generate-certificates",
            "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "force-sslv3", "force-tlsv10",
            "force-tlsv11", "force-tlsv12", "force-tlsv13");
    /** Options followed by one value. */
    private static final Set<String> WITH_VALUE = Set.of("alpn", "ca-file", "ca-verify-file", "ca-ignore-err",
            "crt-ignore-err", "ciphers", "ciphersuites", "client-sigalgs", "crl-file", "crt", "crt-list", "default-crt",
            "curves", "ecdhe", "sigalgs", "ssl-min-ver", "ssl-max-ver", "verify", "npn", "ca-sign-file", "ca-sign-pass",
            "tls-ticket-keys", "ktls", "ech");
    /** What a {@code crt-list} line's {@code [...]} may hold (configuration.txt, "crt-list", sslbindconf). */
    static final Set<String> CRT_LIST_OPTIONS = Set.of("allow-0rtt", "alpn", "ca-file", "ca-verify-file", "ciphers",
            "ciphersuites", "client-sigalgs", "crl-file", "curves", "ecdhe", "no-alpn", "no-ca-names", "npn",
            "sigalgs", "ssl-min-ver", "ssl-max-ver", "verify");

    boolean ssl;
    Optional<Boolean> strictSni = Optional.empty();
    final List<SniEntry> certificates = new ArrayList<>();
    final TlsOptions.Builder options = new TlsOptions.Builder();

    static boolean handles(String option) {
        return FLAGS.contains(option) || WITH_VALUE.contains(option);
    }

    static boolean takesValue(String option) {
        return WITH_VALUE.contains(option);
    }

    /**
     * Parses the option at word {@code i} of {@code words}; returns the index of the next option.
     * {@code context} prefixes messages ({@code 'bind :443' in section 'frontend'}).
     */
    int parse(KeywordContext line, List<String> words, int i, String context) throws ConfigException {
        String option = words.get(i);
        String value = i + 1 < words.size() ? words.get(i + 1) : "";
        try {
            if (FLAGS.contains(option)) {
                flag(line, option, context);
                return i + 1;
            }
            value(line, option, value, context);
            return i + 2;
        } catch (ConfigException e) {
            boolean versionGiven = (option.equals("ssl-min-ver") || option.equals("ssl-max-ver"))
                    && !value.isEmpty();
            if (versionGiven || e.getMessage().startsWith("unable to stat SSL certificate")) {
                // 3.5 names the version alone ('foo' : unknown ssl/tls version) and no option before a
                // certificate file it cannot stat.
                throw new ConfigException(context + " : " + e.getMessage());
            }
            throw new ConfigException(context + " : '" + option + "' : " + e.getMessage());
        }
    }

    private void flag(KeywordContext line, String option, String context) throws ConfigException {
        if (TlsVersionOptions.apply(option, options)) {
            return;
        }
        switch (option) {
            case "ssl" -> ssl = true;
            case "no-alpn" -> options.alpn = Optional.of(List.of());
            case "no-ca-names" -> options.noCaNames = Optional.of(true);
            case "no-tls-tickets" -> options.noTlsTickets = Optional.of(true);
            case "tls-tickets" -> options.noTlsTickets = Optional.of(false);
            case "prefer-client-ciphers" -> options.preferClientCiphers = Optional.of(true);
            case "strict-sni" -> strictSni = Optional.of(true);
            case "no-strict-sni" -> strictSni = Optional.of(false);
            case "allow-0rtt" -> line.warning(context + " : 'allow-0rtt' has no effect: JSSE does not accept TLS 1.3 "
                    + "early data, so clients always wait for the handshake.");
            case "generate-certificates" -> throw new ConfigException("generating certificates on the fly is not "
                    + "supported by Shuttle.");
            default -> throw new IllegalStateException("unhandled flag " + option);
        }
    }

    private void value(KeywordContext line, String option, String value, String context) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(missing(option));
        }
        TlsGlobalSection global = line.state().global().tls;
        switch (option) {
            case "crt", "default-crt" -> certificates.addAll(
                    TlsCertificates.crt(line, global, value, option.equals("default-crt"), context));
            case "crt-list" -> certificates.addAll(CrtListFile.load(line, global, value, context));
            default -> common(line, global, option, value, options, context);
        }
    }

    /**
     * The options a bind line and a crt-list line have in common; {@code options} receives them.
     */
    static void common(KeywordContext line, TlsGlobalSection global, String option, String value,
                       TlsOptions.Builder options, String context) throws ConfigException {
        switch (option) {
            case "alpn" -> options.alpn = Optional.of(alpn(value));
            case "ca-file" -> options.caFile = Optional.of(caFile(global, value));
            case "ca-verify-file" -> options.caVerifyFile = Optional.of(caFile(global, value));
            case "crl-file" -> {
                String path = global.caPath(value);
                TlsGlobalKeywords.tls(() -> global.files.crlFile(path));
                options.crlFile = Optional.of(path);
            }
            case "ca-ignore-err" -> options.caIgnoredErrors = Optional.of(ignored(value));
            case "crt-ignore-err" -> options.crtIgnoredErrors = Optional.of(ignored(value));
            case "ciphers" -> options.ciphers = Optional.of(TlsGlobalKeywords.ciphers(line, value));
            case "ciphersuites" -> options.ciphersuites = Optional.of(TlsGlobalKeywords.ciphersuites(line, value));
            case "curves" -> options.groups = Optional.of(TlsGlobalKeywords.tls(() -> TlsNames.groups(value)));
            case "ecdhe" -> {
                // configuration.txt: "When 'curves' is set, 'ecdhe' parameter is ignored."
                if (options.groups.isEmpty()) {
                    options.groups = Optional.of(TlsGlobalKeywords.tls(() -> TlsNames.groups(value)));
                }
            }
            case "sigalgs" -> options.signatureSchemes = Optional.of(
                    TlsGlobalKeywords.tls(() -> TlsNames.signatureSchemes(value)));
            case "ssl-min-ver", "ssl-max-ver" -> TlsVersionOptions.minMax(option, value, options);
            case "verify" -> options.verify = Optional.of(switch (value) {
                case "none" -> VerifyMode.NONE;
                case "optional" -> VerifyMode.OPTIONAL;
                case "required" -> VerifyMode.REQUIRED;
                default -> throw new ConfigException("unknown verify method '" + value
                        + "', only 'none', 'optional', and 'required' are supported");
            });
            case "client-sigalgs" -> throw new ConfigException("not supported by Shuttle: JSSE has one list of "
                    + "signature algorithms for the handshake and the client's certificate (use 'sigalgs').");
            case "npn" -> throw new ConfigException("NPN is not supported by Shuttle (JSSE has only ALPN, which "
                    + "replaced it): use 'alpn'.");
            case "ca-sign-file", "ca-sign-pass" -> throw new ConfigException("generating certificates on the fly is "
                    + "not supported by Shuttle.");
            case "tls-ticket-keys" -> throw new ConfigException("not supported by Shuttle: JSSE makes and rotates its "
                    + "own session ticket keys.");
            case "ktls" -> throw new ConfigException("kernel TLS is not supported by Shuttle (JSSE runs TLS in the JVM).");
            case "ech" -> throw new ConfigException("Encrypted Client Hello is not supported by Shuttle.");
            default -> throw new ConfigException("unknown keyword");
        }
    }

    private static String caFile(TlsGlobalSection global, String value) throws ConfigException {
        String path = global.caPath(value);
        TlsGlobalKeywords.tls(() -> global.files.caFile(path));
        return path;
    }

    private static IgnoredErrors ignored(String value) throws ConfigException {
        try {
            return IgnoredErrors.parse(value);
        } catch (TlsException e) {
            String word = e.getMessage().replaceAll("unknown error id '(.*)'", "$1");
            throw new ConfigException("error constant '" + word + "' unknown in error IDs list '" + value + "'");
        }
    }

    /** A comma-separated ALPN list; each protocol 1 to 255 bytes (RFC 7301 §3.1). */
    static List<String> alpn(String value) throws ConfigException {
        List<String> protocols = new ArrayList<>();
        for (String protocol : value.split(",", -1)) {
            if (protocol.isEmpty() || protocol.length() > 255) {
                throw new ConfigException("invalid protocol name length in '" + value + "'");
            }
            protocols.add(protocol);
        }
        return protocols;
    }

    private static String missing(String option) {
        return switch (option) {
            case "alpn" -> "missing the comma-delimited ALPN protocol suite";
            case "ciphers", "ciphersuites" -> "missing cipher suite";
            case "crt", "default-crt" -> "missing certificate location";
            case "crt-list" -> "missing certificate location";
            case "ca-file", "ca-verify-file", "ca-sign-file" -> "missing CAfile path";
            case "crl-file" -> "missing CRLfile path";
            case "curves" -> "missing curve suite";
            case "ecdhe" -> "missing named curve";
            case "sigalgs", "client-sigalgs" -> "missing signature algorithm list";
            case "verify" -> "missing verify method";
            case "ssl-min-ver", "ssl-max-ver" -> "missing the ssl/tls version";
            default -> "expects an argument";
        };
    }

    /**
     * The bind line's TLS settings once every option is read: empty when it has no {@code ssl}
     * (with HAProxy's warning if it named certificates anyway).
     */
    Optional<TlsBindSettings> settings(KeywordContext line, String proxyName, String bindText) throws ConfigException {
        if (!ssl) {
            if (!certificates.isEmpty()) {
                line.warning("Proxy '" + proxyName + "': A certificate was specified but SSL was not enabled on bind '"
                        + bindText + "' at [" + line.where() + "] (use 'ssl').");
            }
            return Optional.empty();
        }
        TlsGlobalSection global = line.state().global().tls;
        boolean strict = strictSni.orElse(global.strictSniByDefault);
        if (certificates.isEmpty()) {
            if (!strict) {
                throw new ConfigException("Proxy '" + proxyName + "': no SSL certificate specified for bind '" + bindText
                        + "' at [" + line.where() + "] (use 'crt').");
            }
            line.warning("Proxy '" + proxyName + "': no SSL certificate specified for bind '" + bindText + "' at ["
                    + line.where() + "], ssl connections will fail (use 'crt').");
        }
        if (strict && certificates.stream().anyMatch(SniEntry::explicitDefault)) {
            line.warning("Proxy '" + proxyName + "': both 'default-crt' and 'strict-sni' keywords are used in bind '"
                    + bindText + "' at [" + line.where() + "], certificates won't be used as fallback (use 'crt' instead).");
        }
        return Optional.of(new TlsBindSettings(certificates, options.build().over(global.bindDefaults.build()), strict));
    }
}
