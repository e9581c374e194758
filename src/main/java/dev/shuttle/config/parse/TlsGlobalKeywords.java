package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.tls.CipherStrings;
import dev.shuttle.tls.TlsException;
import dev.shuttle.tls.TlsNames;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.VerifyMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TLS keywords of the {@code global} section (configuration.txt §3.1, §3.2): the defaults of
 * every listener ({@code ssl-default-bind-*}) and server ({@code ssl-default-server-*}), {@code
 * ssl-server-verify}, the base directories, the session cache. OpenSSL's own switches (engines,
 * providers, async mode, key log) are refused; tuning that means nothing to JSSE gets a notice.
 */
final class TlsGlobalKeywords {
    /** Tuning of OpenSSL's record layer and caches that JSSE does its own way. */
    private static final Set<String> NOTICED = Set.of("tune.ssl.maxrecord", "tune.ssl.hard-maxrecord",
            "tune.ssl.force-private-cache", "tune.ssl.ssl-ctx-cache-size", "tune.ssl.default-dh-param",
            "tune.ssl.keyupdate-rate-limit", "tune.ssl.certificate-compression", "ssl-mode-async",
            "ssl-skip-self-issued-ca", "maxsslconn", "maxsslrate", "ssl-security-level");
    /** OpenSSL's engines, providers, passphrase helpers and capture buffers: nothing JSSE can do. */
    private static final Set<String> REFUSED = Set.of("ssl-engine", "ssl-propquery", "ssl-provider",
            "ssl-provider-path", "ssl-passphrase-cmd", "tune.ssl.keylog", "tune.ssl.capture-cipherlist-size",
            "tune.ssl.capture-buffer-size", "issuers-chain-path", "ssl-default-bind-client-sigalgs",
            "ssl-default-server-client-sigalgs", "ssl-dh-param-file");

    private TlsGlobalKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.global("ssl-default-bind-options", (line, global) -> {
            for (String option : line.words().subList(1, line.words().size())) {
                if (option.equals("strict-sni")) {
                    global.tls.strictSniByDefault = true;
                } else if (option.equals("no-strict-sni")) {
                    global.tls.strictSniByDefault = false;
                }
            }
            parseDefaultOptions(line, global.tls.bindDefaults, true);
        });
        registry.global("ssl-default-server-options", (line, global) ->
                parseDefaultOptions(line, global.tls.serverDefaults, false));
        for (String side : List.of("bind", "server")) {
            registry.global("ssl-default-" + side + "-ciphers", (line, global) -> {
                line.expectArgs(1, "expects a cipher suite as an argument.");
                builder(global, side).ciphers = Optional.of(ciphers(line, line.arg(1)));
            });
            registry.global("ssl-default-" + side + "-ciphersuites", (line, global) -> {
                line.expectArgs(1, "expects a cipher suite as an argument.");
                builder(global, side).ciphersuites = Optional.of(ciphersuites(line, line.arg(1)));
            });
            registry.global("ssl-default-" + side + "-curves", (line, global) -> {
                line.expectArgs(1, "expects a curves suite as an arguments.");
                builder(global, side).groups = Optional.of(tls(() -> TlsNames.groups(line.arg(1))));
            });
            registry.global("ssl-default-" + side + "-sigalgs", (line, global) -> {
                line.expectArgs(1, "expects signature algorithms as an arguments.");
                builder(global, side).signatureSchemes = Optional.of(tls(() -> TlsNames.signatureSchemes(line.arg(1))));
            });
        }
        registry.global("ssl-server-verify", (line, global) -> {
            // HAProxy's own words for a missing argument (cfgparse-global.c), odd as they are.
            line.expectArgs(1, line.argCount() == 0 ? "expects an integer argument." : "expects 'none' or 'required' as argument.");
            global.tls.serverVerify = switch (line.arg(1)) {
                case "none" -> VerifyMode.NONE;
                case "required" -> VerifyMode.REQUIRED;
                default -> throw new ConfigException("'ssl-server-verify' expects 'none' or 'required' as argument.");
            };
        });
        registry.global("ca-base", (line, global) -> global.tls.caBase = Optional.of(directory(line)));
        registry.global("crt-base", (line, global) -> global.tls.crtBase = Optional.of(directory(line)));
        registry.global("key-base", (line, global) -> global.tls.keyBase = Optional.of(directory(line)));
        registry.global("tune.ssl.cachesize", (line, global) -> {
            line.expectArgs(1, "expects an integer argument.");
            global.tls.sessionCacheSize = TimeValue.parseCount(line.arg(1), line.keyword());
        });
        registry.global("tune.ssl.lifetime", (line, global) -> {
            line.expectArgs(1, "expects ssl sessions <lifetime> in seconds as argument.");
            global.tls.sessionLifetimeSeconds = (int) Math.min(Integer.MAX_VALUE,
                    TimeValue.parseMillis(line.arg(1).matches("\\d+") ? line.arg(1) + "s" : line.arg(1),
                            line.keyword()) / 1000);
        });
        registry.global("ssl-load-extra-files", (line, global) -> {
            if (line.argCount() < 1) {
                throw new ConfigException("'ssl-load-extra-files' expects one or multiple arguments (none, all, "
                        + "bundle, sctl, ocsp, issuer).");
            }
            boolean key = false;
            for (String word : line.words().subList(1, line.words().size())) {
                switch (word) {
                    case "none" -> key = false;
                    case "all", "key" -> key = true;
                    case "bundle", "sctl", "ocsp", "issuer" -> { }
                    default -> throw new ConfigException("'ssl-load-extra-files' expects one or multiple arguments "
                            + "(none, all, bundle, sctl, ocsp, issuer).");
                }
            }
            global.tls.loadKeyFiles = key;
        });
        registry.global("ssl-load-extra-del-ext", (line, global) -> global.tls.dropCrtExtension = true);
        for (String keyword : NOTICED) {
            registry.global(keyword, (line, global) -> line.notice("'" + keyword + "' has no effect in Shuttle, "
                    + "whose TLS is the JDK's (JSSE)."));
        }
        for (String keyword : REFUSED) {
            registry.global(keyword, (line, global) -> {
                throw new ConfigException("'" + keyword + "' is not supported by Shuttle, whose TLS is the JDK's "
                        + "(JSSE), not OpenSSL.");
            });
        }
    }

    private static TlsOptions.Builder builder(GlobalSection global, String side) {
        return side.equals("bind") ? global.tls.bindDefaults : global.tls.serverDefaults;
    }

    /** {@code ssl-default-*-options}: version switches, {@code no-tls-tickets}, {@code prefer-client-ciphers}. */
    private static void parseDefaultOptions(KeywordContext line, TlsOptions.Builder builder, boolean bind)
            throws ConfigException {
        for (int i = 1; i < line.words().size(); i++) {
            String option = line.arg(i);
            if (TlsVersionOptions.apply(option, builder)) {
                continue;
            }
            switch (option) {
                case "ssl-min-ver", "ssl-max-ver" -> {
                    TlsVersionOptions.minMax(option, line.arg(i + 1), builder);
                    i++;
                }
                case "no-tls-tickets" -> builder.noTlsTickets = Optional.of(true);
                case "tls-tickets" -> builder.noTlsTickets = Optional.of(false);
                case "prefer-client-ciphers" -> {
                    if (!bind) {
                        throw new ConfigException("'" + line.keyword() + "' : unknown or unsupported option '"
                                + option + "'.");
                    }
                    builder.preferClientCiphers = Optional.of(true);
                }
                case "strict-sni", "no-strict-sni" -> {
                    if (!bind) {
                        throw new ConfigException("'" + line.keyword() + "' : unknown or unsupported option '"
                                + option + "'.");
                    }
                }
                default -> throw new ConfigException("'" + line.keyword() + "' : unknown or unsupported option '"
                        + option + "'.");
            }
        }
    }

    static List<String> ciphers(KeywordContext line, String text) throws ConfigException {
        CipherStrings.Result result = tls(() -> CipherStrings.jdk().ciphers(text));
        result.warnings().forEach(warning -> line.warning("'" + line.keyword() + "' : " + warning + "."));
        return result.suites();
    }

    static List<String> ciphersuites(KeywordContext line, String text) throws ConfigException {
        CipherStrings.Result result = tls(() -> CipherStrings.jdk().ciphersuites(text));
        result.warnings().forEach(warning -> line.warning("'" + line.keyword() + "' : " + warning + "."));
        return result.suites();
    }

    private static String directory(KeywordContext line) throws ConfigException {
        if (line.argCount() != 1) {
            throw new ConfigException("global statement '" + line.keyword() + "' expects a directory path as an argument.");
        }
        return line.arg(1);
    }

    /** A TLS call whose failure is a configuration error with its message. */
    @FunctionalInterface
    interface TlsCall<T> {
        T call() throws TlsException;
    }

    static <T> T tls(TlsCall<T> call) throws ConfigException {
        try {
            return call.call();
        } catch (TlsException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
