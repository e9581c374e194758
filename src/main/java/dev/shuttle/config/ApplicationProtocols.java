package dev.shuttle.config;

import java.util.List;
import java.util.Set;

/**
 * The ALPN protocol names (RFC 7301) Shuttle's HTTP muxes speak, in one place for the configuration
 * (which offers them) and the protocol choice (which serves them). A listener speaks {@code h2} and
 * {@code http/1.1}, and offers {@code h2,http/1.1} when its {@code bind} line has no {@code alpn},
 * as HAProxy does (configuration.txt, "alpn"). Towards servers Shuttle speaks HTTP/1.1 and HTTP/2
 * (a connection on which ALPN settles on {@code h2} speaks HTTP/2); its health checks speak HTTP/1.1
 * only, so a check's list leaves {@code h2} out, with a warning. In TCP mode the bytes pass through
 * untouched, so any name may be offered.
 */
public final class ApplicationProtocols {
    /** HTTP/1.1's ALPN name. */
    public static final String HTTP_1_1 = "http/1.1";
    /** HTTP/1.0's. */
    public static final String HTTP_1_0 = "http/1.0";
    /** HTTP/2's. */
    public static final String H2 = "h2";

    /** What an HTTPS listener offers when its configuration says nothing (HAProxy's default too). */
    public static final List<String> HTTP_DEFAULT = List.of(H2, HTTP_1_1);

    /** HTTP names a listener does not speak; other unknown names are offered as the configuration says. */
    public static final Set<String> LISTENER_UNSPOKEN = Set.of("h3", "hq-interop");

    /** HTTP names Shuttle does not speak to servers yet. */
    public static final Set<String> SERVER_UNSPOKEN = Set.of("h3", "hq-interop");

    /** HTTP names Shuttle's HTTP health checks do not speak yet (they speak HTTP/1.1 and HTTP/2). */
    public static final Set<String> CHECK_UNSPOKEN = Set.of("h3", "hq-interop");

    /** HTTP names the checks of an {@code http-check connect} sequence do not speak yet (HTTP/1.1 only). */
    public static final Set<String> SEQUENCE_CHECK_UNSPOKEN = Set.of(H2, "h3", "hq-interop");

    private ApplicationProtocols() {}
}
