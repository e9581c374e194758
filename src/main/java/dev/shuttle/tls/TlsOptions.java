package dev.shuttle.tls;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TLS settings of a listener, a {@code crt-list} line or a server, as the configuration wrote
 * them (names already turned into the JDK's): each one is set or left to the level below, so that
 * a {@code crt-list} line's {@code [options]} override its listener's, which override {@code
 * ssl-default-bind-*} ({@link #over}). The defaults apply when a context is made ({@link #protocols}).
 *
 * @param ciphers      the TLS 1.2-and-earlier suites ({@code ciphers}), IANA names
 * @param ciphersuites the TLS 1.3 suites ({@code ciphersuites})
 * @param groups       named groups ({@code curves}, or {@code ecdhe}'s one curve)
 * @param alpn         protocols offered with ALPN; an empty list is {@code no-alpn}
 * @param disabled     versions turned off with {@code no-sslv3}, {@code no-tlsv1x}
 * @param noTlsTickets no stateless session resumption (RFC 5077)
 */
public record TlsOptions(Optional<TlsVersion> minVersion, Optional<TlsVersion> maxVersion,
                         Optional<TlsVersion> forcedVersion, Set<TlsVersion> disabled,
                         Optional<List<String>> ciphers, Optional<List<String>> ciphersuites,
                         Optional<List<String>> groups, Optional<List<String>> signatureSchemes,
                         Optional<List<String>> alpn, Optional<VerifyMode> verify, Optional<String> caFile,
                         Optional<String> caVerifyFile, Optional<String> crlFile,
                         Optional<IgnoredErrors> crtIgnoredErrors, Optional<IgnoredErrors> caIgnoredErrors,
                         Optional<Boolean> noCaNames, Optional<Boolean> noTlsTickets,
                         Optional<Boolean> preferClientCiphers) {
    /** Nothing set. */
    public static final TlsOptions NONE = new Builder().build();

    /** HAProxy's default lowest version (since 2.2) on both sides. */
    public static final TlsVersion DEFAULT_MIN = TlsVersion.TLSV12;

    public TlsOptions {
        disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
    }

    /** These options, with what they leave unset taken from {@code base}. */
    public TlsOptions over(TlsOptions base) {
        Set<TlsVersion> off = EnumSet.noneOf(TlsVersion.class);
        off.addAll(base.disabled);
        off.addAll(disabled);
        return new TlsOptions(or(minVersion, base.minVersion), or(maxVersion, base.maxVersion),
                or(forcedVersion, base.forcedVersion), off, or(ciphers, base.ciphers),
                or(ciphersuites, base.ciphersuites), or(groups, base.groups), or(signatureSchemes, base.signatureSchemes),
                or(alpn, base.alpn), or(verify, base.verify), or(caFile, base.caFile), or(caVerifyFile, base.caVerifyFile),
                or(crlFile, base.crlFile), or(crtIgnoredErrors, base.crtIgnoredErrors),
                or(caIgnoredErrors, base.caIgnoredErrors), or(noCaNames, base.noCaNames),
                or(noTlsTickets, base.noTlsTickets), or(preferClientCiphers, base.preferClientCiphers));
    }

    private static <T> Optional<T> or(Optional<T> mine, Optional<T> base) {
        return mine.isPresent() ? mine : base;
    }

    /**
     * The versions JSSE may negotiate, newest first: {@code force-*} alone, else from {@code
     * ssl-min-ver} (default TLSv1.2) to {@code ssl-max-ver} (default the newest), less {@code no-*}.
     */
    public List<TlsVersion> versions() {
        List<TlsVersion> out = new ArrayList<>();
        if (forcedVersion.isPresent()) {
            out.add(forcedVersion.get());
            return out;
        }
        TlsVersion low = minVersion.orElse(DEFAULT_MIN);
        TlsVersion high = maxVersion.orElse(TlsVersion.TLSV13);
        for (TlsVersion version : TlsVersion.values()) {
            if (version.compareTo(low) >= 0 && version.compareTo(high) <= 0 && !disabled.contains(version)) {
                out.addFirst(version);
            }
        }
        return out;
    }

    /** {@link #versions()} by the JDK's names. */
    public String[] protocols() {
        return versions().stream().map(TlsVersion::jsseName).toArray(String[]::new);
    }

    public VerifyMode verifyOr(VerifyMode fallback) {
        return verify.orElse(fallback);
    }

    /** Every option, to be set one at a time while a line is parsed. */
    public static final class Builder {
        public Optional<TlsVersion> minVersion = Optional.empty();
        public Optional<TlsVersion> maxVersion = Optional.empty();
        public Optional<TlsVersion> forcedVersion = Optional.empty();
        public final Set<TlsVersion> disabled = EnumSet.noneOf(TlsVersion.class);
        public Optional<List<String>> ciphers = Optional.empty();
        public Optional<List<String>> ciphersuites = Optional.empty();
        public Optional<List<String>> groups = Optional.empty();
        public Optional<List<String>> signatureSchemes = Optional.empty();
        public Optional<List<String>> alpn = Optional.empty();
        public Optional<VerifyMode> verify = Optional.empty();
        public Optional<String> caFile = Optional.empty();
        public Optional<String> caVerifyFile = Optional.empty();
        public Optional<String> crlFile = Optional.empty();
        public Optional<IgnoredErrors> crtIgnoredErrors = Optional.empty();
        public Optional<IgnoredErrors> caIgnoredErrors = Optional.empty();
        public Optional<Boolean> noCaNames = Optional.empty();
        public Optional<Boolean> noTlsTickets = Optional.empty();
        public Optional<Boolean> preferClientCiphers = Optional.empty();

        public Builder() {}

        /** A builder preset with {@code options}' values. */
        public Builder(TlsOptions options) {
            minVersion = options.minVersion;
            maxVersion = options.maxVersion;
            forcedVersion = options.forcedVersion;
            disabled.addAll(options.disabled);
            ciphers = options.ciphers;
            ciphersuites = options.ciphersuites;
            groups = options.groups;
            signatureSchemes = options.signatureSchemes;
            alpn = options.alpn;
            verify = options.verify;
            caFile = options.caFile;
            caVerifyFile = options.caVerifyFile;
            crlFile = options.crlFile;
            crtIgnoredErrors = options.crtIgnoredErrors;
            caIgnoredErrors = options.caIgnoredErrors;
            noCaNames = options.noCaNames;
            noTlsTickets = options.noTlsTickets;
            preferClientCiphers = options.preferClientCiphers;
        }

        public TlsOptions build() {
            return new TlsOptions(minVersion, maxVersion, forcedVersion, disabled, ciphers, ciphersuites, groups,
                    signatureSchemes, alpn, verify, caFile, caVerifyFile, crlFile, crtIgnoredErrors, caIgnoredErrors,
                    noCaNames, noTlsTickets, preferClientCiphers);
        }
    }
}
