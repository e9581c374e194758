package dev.shuttle.config;

import java.util.List;
import java.util.Set;

/**
 * The ALPN protocol names (RFC 7301) Shuttle's HTTP muxes speak, in one place for the configuration
 * (which offers them) and the protocol choice (which serves them). HAProxy offers {@code
 * h2,http/1.1} on an HTTPS listener without {@code alpn}; Shuttle has no HTTP/2 mux yet, so it
 * offers {@code http/1.1}, and leaves {@code h2} out of any list in HTTP mode, with a warning (in
 * TCP mode the bytes pass through untouched, so any name may be offered). When the HTTP/2 mux
 * lands, {@code h2} joins {@link #HTTP_SPOKEN} and {@link #HTTP_DEFAULT}.
 */
public final class ApplicationProtocols {
    /** HTTP/1.1's ALPN name. */
    public static final String HTTP_1_1 = "http/1.1";
    /** HTTP/1.0's. */
    public static final String HTTP_1_0 = "http/1.0";
    /** HTTP/2's. */
    public static final String H2 = "h2";

    /** The names an HTTP-mode listener or server may offer: those a Shuttle mux speaks. */
    public static final Set<String> HTTP_SPOKEN = Set.of(HTTP_1_1, HTTP_1_0);

    /** What an HTTPS listener offers when its configuration says nothing (HAProxy: {@code h2,http/1.1}). */
    public static final List<String> HTTP_DEFAULT = List.of(HTTP_1_1);

    /** HTTP names Shuttle does not speak yet; other unknown names are offered as the configuration says. */
    public static final Set<String> HTTP_UNSPOKEN = Set.of(H2, "h3", "hq-interop");

    private ApplicationProtocols() {}
}
