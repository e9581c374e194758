package dev.shuttle.config;

import dev.shuttle.sample.SampleExpression;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.VerifyMode;
import java.util.List;
import java.util.Optional;

/**
 * The TLS side of a {@code server} line (configuration.txt §5.2): whether its connections use TLS
 * ({@code ssl}), and how: the options over {@code ssl-default-server-*}, the SNI expression ({@code
 * sni}, or the HTTP-mode {@code sni-auto} default {@code req.hdr(host),field(1,:)}), the client
 * certificate ({@code crt}), whether sessions are resumed ({@code ssl-reuse}). The check fields
 * ({@code check-ssl}, {@code check-sni}, {@code check-alpn}) are for the health checks to read.
 *
 * @param verify     {@code verify}, after {@code ssl-server-verify}'s default
 * @param verifyHost the name the certificate must carry when no SNI is sent ({@code verifyhost})
 * @param certificate the client certificate's name in the certificate store
 * @param sniAuto    no {@code no-sni-auto}: in HTTP mode, a server without {@code sni} sends the Host header's name
 * @param noCheckSsl {@code no-check-ssl}: checks to the server's own address stay plain even on an {@code ssl} server
 * @param checkSniAuto no {@code no-check-sni-auto}: TLS HTTP checks without {@code check-sni} send their Host's name
 * @param defaultServerSsl the backend's {@code default-server} has {@code ssl} (3.5's SRV_F_DEFSRV_USE_SSL):
 *                   a server declared {@code no-ssl} there still gets its TLS context at start, so that
 *                   the runtime API's {@code set server ... ssl on} may use it, and its {@code sni-auto}
 * @param noSsl      the last word on TLS was {@code no-ssl} (on the line or its default-server): 3.5
 *                   shows its {@code srv_use_ssl} as -1
 */
public record TlsServerSettings(boolean enabled, TlsOptions options, VerifyMode verify,
                                Optional<SampleExpression> sni, Optional<String> verifyHost,
                                Optional<String> certificate, boolean reuse, boolean checkSsl,
                                Optional<String> checkSni, Optional<List<String>> checkAlpn, boolean sniAuto,
                                boolean noCheckSsl, boolean checkSniAuto, boolean defaultServerSsl,
                                boolean noSsl) {
    /** A server without TLS. */
    public static final TlsServerSettings NONE = new TlsServerSettings(false, TlsOptions.NONE, VerifyMode.NONE,
            Optional.empty(), Optional.empty(), Optional.empty(), true, false, Optional.empty(), Optional.empty(), false, false, true,
            false, false);

    /** A server without {@code no-check-ssl} nor {@code no-check-sni-auto}. */
    public TlsServerSettings(boolean enabled, TlsOptions options, VerifyMode verify, Optional<SampleExpression> sni,
                             Optional<String> verifyHost, Optional<String> certificate, boolean reuse,
                             boolean checkSsl, Optional<String> checkSni, Optional<List<String>> checkAlpn,
                             boolean sniAuto) {
        this(enabled, options, verify, sni, verifyHost, certificate, reuse, checkSsl, checkSni, checkAlpn, sniAuto,
                false, true, false, false);
    }

    /** These settings with {@code expression} as the SNI ({@code sni-auto}). */
    public TlsServerSettings withSni(SampleExpression expression) {
        return new TlsServerSettings(enabled, options, verify, Optional.of(expression), verifyHost, certificate, reuse,
                checkSsl, checkSni, checkAlpn, sniAuto, noCheckSsl, checkSniAuto, defaultServerSsl, noSsl);
    }

    /** These settings with {@code protocols} as {@code check-alpn}. */
    public TlsServerSettings withCheckAlpn(List<String> protocols) {
        return new TlsServerSettings(enabled, options, verify, sni, verifyHost, certificate, reuse, checkSsl, checkSni,
                Optional.of(List.copyOf(protocols)), sniAuto, noCheckSsl, checkSniAuto, defaultServerSsl, noSsl);
    }

    /** The ALPN protocols offered to the server, in order; empty when none. */
    public List<String> alpn() {
        return options.alpn().orElse(List.of());
    }
}
