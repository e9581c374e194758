package dev.shuttle.config.parse;

import dev.shuttle.config.TlsServerSettings;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.tls.TlsNames;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.VerifyMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TLS options of a {@code server} or {@code default-server} line (configuration.txt §5.2), as
 * {@code default-server} presets them and each server line overrides them. The health-check ones
 * ({@code check-ssl}, {@code no-check-ssl}, {@code check-sni}, {@code check-alpn}, {@code
 * [no-]check-sni-auto}) are kept for the checks to read.
 */
final class TlsServerOptions {
    private static final Set<String> FLAGS = Set.of("ssl", "no-ssl", "check-ssl", "no-check-ssl", "ssl-reuse",
            "no-ssl-reuse", "tls-tickets", "no-tls-tickets", "sni-auto", "no-sni-auto", "check-sni-auto",
            "no-check-sni-auto", "no-verifyhost", "allow-0rtt", "renegotiate", "no-renegotiate", "no-sslv3", "no-tlsv10",
            "no-tlsv11", "no-tlsv12", "no-tlsv13", "force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12",
            "force-tlsv13");
    private static final Set<String> WITH_VALUE = Set.of("verify", "ca-file", "crl-file", "crt", "sni", "alpn",
            "check-sni", "check-alpn", "verifyhost", "ssl-min-ver", "ssl-max-ver", "ciphers", "ciphersuites", "curves",
            "sigalgs", "client-sigalgs", "npn", "ktls");

    /** Compiles a sample expression in the server's section ({@code sni}). */
    @FunctionalInterface
    interface ExpressionCompiler {
        SampleExpression compile(String text) throws ConfigException;
    }

    boolean ssl;
    TlsOptions.Builder options = new TlsOptions.Builder();
    Optional<SampleExpression> sni = Optional.empty();
    boolean sniAuto = true;
    Optional<String> verifyHost = Optional.empty();
    Optional<String> certificate = Optional.empty();
    boolean reuse = true;
    boolean checkSsl;
    boolean noCheckSsl;
    boolean checkSniAuto = true;
    Optional<String> checkSni = Optional.empty();
    Optional<List<String>> checkAlpn = Optional.empty();
    /** Set on a server line: its backend's {@code default-server} has {@code ssl}. */
    boolean defaultServerSsl;
    /** The last word on TLS was {@code no-ssl}. */
    boolean noSsl;

    static boolean handles(String option) {
        return FLAGS.contains(option) || WITH_VALUE.contains(option);
    }

    TlsServerOptions copy() {
        TlsServerOptions copy = new TlsServerOptions();
        copy.ssl = ssl;
        copy.options = new TlsOptions.Builder(options.build());
        copy.sni = sni;
        copy.sniAuto = sniAuto;
        copy.verifyHost = verifyHost;
        copy.certificate = certificate;
        copy.reuse = reuse;
        copy.checkSsl = checkSsl;
        copy.noCheckSsl = noCheckSsl;
        copy.checkSniAuto = checkSniAuto;
        copy.checkSni = checkSni;
        copy.checkAlpn = checkAlpn;
        copy.defaultServerSsl = defaultServerSsl;
        copy.noSsl = noSsl;
        return copy;
    }

    /** Parses the option at word {@code i}; returns the index of the next one. */
    int parse(KeywordContext line, int i, String context, ExpressionCompiler compiler) throws ConfigException {
        String option = line.arg(i);
        try {
            if (FLAGS.contains(option)) {
                flag(line, option, context);
                return i + 1;
            }
            String value = line.arg(i + 1);
            if (value.isEmpty()) {
                throw new ConfigException(missing(option));
            }
            value(line, option, value, compiler);
            return i + 2;
        } catch (ConfigException e) {
            if (option.equals("ssl-min-ver") || option.equals("ssl-max-ver")) {
                if (!line.arg(i + 1).isEmpty()) {
                    // 3.5 names the version alone: 'foo' : unknown ssl/tls version.
                    throw new ConfigException(context + " : " + e.getMessage() + ".");
                }
            }
            if (option.equals("sni") && !line.arg(i + 1).isEmpty()) {
                throw new ConfigException(context + " : error detected while parsing sni or pool-conn-name "
                        + "expressions : " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
            }
            if (e.getMessage().startsWith("Couldn't open")) {
                // 3.5 names no option before an unreadable CA or CRL file (it says "ca-file" for both).
                throw new ConfigException(context + " : " + e.getMessage());
            }
            throw new ConfigException(context + " : '" + option + "' : " + e.getMessage());
        }
    }

    /** 3.5's words for a server's TLS option without its value (configuration.txt §5.2). */
    private static String missing(String option) {
        return switch (option) {
            case "alpn", "check-alpn" -> "missing the comma-delimited ALPN protocol suite.";
            case "npn" -> "missing the comma-delimited NPN protocol suite.";
            case "ca-file" -> "missing CAfile path.";
            case "crl-file" -> "missing CRLfile path.";
            case "crt" -> "missing certificate file path.";
            case "ciphers", "ciphersuites" -> "missing cipher suite.";
            case "curves" -> "missing curves list.";
            case "sigalgs", "client-sigalgs" -> "missing signature algorithm list.";
            case "sni" -> "missing sni expression.";
            case "check-sni" -> "missing SNI.";
            case "verify" -> "missing verify method.";
            case "verifyhost" -> "missing hostname to verify against.";
            case "ssl-min-ver", "ssl-max-ver" -> "missing the ssl/tls version.";
            default -> "expects an argument";
        };
    }

    private void flag(KeywordContext line, String option, String context) {
        if (TlsVersionOptions.apply(option, options)) {
            return;
        }
        switch (option) {
            case "ssl" -> {
                ssl = true;
                noSsl = false;
            }
            case "no-ssl" -> {
                ssl = false;
                noSsl = true;
            }
            case "check-ssl" -> {
                checkSsl = true;
                noCheckSsl = false;
            }
            case "no-check-ssl" -> {
                checkSsl = false;
                noCheckSsl = true;
            }
            case "ssl-reuse" -> reuse = true;
            case "no-ssl-reuse" -> reuse = false;
            case "tls-tickets" -> options.noTlsTickets = Optional.of(false);
            case "no-tls-tickets" -> options.noTlsTickets = Optional.of(true);
            case "sni-auto" -> sniAuto = true;
            case "no-sni-auto" -> sniAuto = false;
            case "no-verifyhost" -> verifyHost = Optional.empty();
            case "check-sni-auto" -> checkSniAuto = true;
            case "no-check-sni-auto" -> checkSniAuto = false;
            case "allow-0rtt" -> line.warning(context + " : 'allow-0rtt' has no effect: JSSE does not send TLS 1.3 "
                    + "early data.");
            case "renegotiate", "no-renegotiate" -> line.notice(context + " : '" + option + "' has no effect: JSSE "
                    + "decides on renegotiation itself (only secure renegotiation, TLS 1.2 and earlier).");
            default -> throw new IllegalStateException("unhandled flag " + option);
        }
    }

    private void value(KeywordContext line, String option, String value, ExpressionCompiler compiler)
            throws ConfigException {
        TlsGlobalSection global = line.state().global().tls;
        switch (option) {
            case "verify" -> options.verify = Optional.of(switch (value) {
                case "none" -> VerifyMode.NONE;
                case "required" -> VerifyMode.REQUIRED;
                default -> throw new ConfigException("unknown verify method '" + value
                        + "', only 'none' and 'required' are supported.");
            });
            case "ca-file", "crl-file" -> TlsBindOptions.common(line, global, option, value, options, "");
            case "crt" -> {
                List<String> names = TlsCertificates.names(line, global, value, "'crt'");
                if (names.size() != 1) {
                    throw new ConfigException("'" + value + "' must be one certificate file");
                }
                certificate = Optional.of(names.getFirst());
            }
            case "sni" -> sni = Optional.of(compiler.compile(value));
            case "alpn" -> options.alpn = Optional.of(TlsBindOptions.alpn(value));
            case "check-sni" -> checkSni = Optional.of(value);
            case "check-alpn" -> checkAlpn = Optional.of(TlsBindOptions.alpn(value));
            case "verifyhost" -> verifyHost = Optional.of(value);
            case "ssl-min-ver", "ssl-max-ver" -> TlsVersionOptions.minMax(option, value, options);
            case "ciphers" -> options.ciphers = Optional.of(TlsGlobalKeywords.ciphers(line, value));
            case "ciphersuites" -> options.ciphersuites = Optional.of(TlsGlobalKeywords.ciphersuites(line, value));
            case "curves" -> options.groups = Optional.of(TlsGlobalKeywords.tls(() -> TlsNames.groups(value)));
            case "sigalgs" -> options.signatureSchemes = Optional.of(
                    TlsGlobalKeywords.tls(() -> TlsNames.signatureSchemes(value)));
            case "client-sigalgs", "npn", "ktls" -> TlsBindOptions.common(line, global, option, value, options, "");
            default -> throw new IllegalStateException("unhandled option " + option);
        }
    }

    /**
     * The server's settings: its options over {@code ssl-default-server-*}, {@code verify} after
     * {@code ssl-server-verify}. The {@code sni-auto} expression is added once the backend's mode is
     * known ({@link ConfigResolver}).
     */
    TlsServerSettings settings(TlsGlobalSection global) {
        TlsOptions effective = options.build().over(global.serverDefaults.build());
        return new TlsServerSettings(ssl, effective, effective.verify().orElse(global.serverVerify), sni, verifyHost,
                certificate, reuse, checkSsl, checkSni, checkAlpn, sniAuto, noCheckSsl, checkSniAuto,
                defaultServerSsl, noSsl);
    }
}
