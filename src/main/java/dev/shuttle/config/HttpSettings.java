package dev.shuttle.config;

import java.util.Optional;

/**
 * A proxy's HTTP options (configuration.txt §4): connection mode, headers it adds, and the
 * parsing relaxations it allows. Immutable once loaded.
 *
 * @param connectionMode        keep-alive, server-close or close
 * @param pretendKeepAlive      {@code option http-pretend-keepalive}
 * @param forwardFor            {@code option forwardfor}, if set
 * @param originalTo            {@code option originalto}, if set
 * @param forwarded             {@code option forwarded}, if set
 * @param headerNames           {@code option http-restrict-req-hdr-names}
 * @param abortOnClose          {@code option abortonclose} (on unless {@code no option abortonclose}): a
 *                              client's close (FIN) aborts a request queued, connecting or awaiting its
 *                              response head
 * @param ignoreProbes          {@code option http-ignore-probes}
 * @param bufferRequest         {@code option http-buffer-request}
 * @param acceptUnsafeRequest   {@code option accept-unsafe-violations-in-http-request}
 * @param acceptUnsafeResponse  {@code option accept-unsafe-violations-in-http-response}
 * @param httpLog               {@code option httplog}
 * @param dropRequestTrailers   {@code option http-drop-request-trailers}
 * @param dropResponseTrailers  {@code option http-drop-response-trailers}
 * @param reuse                 {@code http-reuse}: how idle server connections are shared (default safe)
 * @param cookie                {@code cookie}: the backend's persistence cookie, if any
 */
public record HttpSettings(HttpConnectionMode connectionMode, boolean pretendKeepAlive,
                           Optional<AddedHeader> forwardFor, Optional<AddedHeader> originalTo,
                           Optional<ForwardedOption> forwarded, HeaderNamePolicy headerNames, boolean abortOnClose,
                           boolean ignoreProbes,
                           boolean bufferRequest, boolean acceptUnsafeRequest, boolean acceptUnsafeResponse,
                           boolean httpLog, boolean dropRequestTrailers, boolean dropResponseTrailers,
                           HttpReuse reuse, Optional<PersistenceCookie> cookie) {

    /**
     * A header added with the client's (or the original destination) address.
     *
     * @param header  the header name ({@code X-Forwarded-For} or {@code X-Original-To} by default)
     * @param except  clients in this network get no header
     * @param ifNone  add it only when the request has none
     */
    public record AddedHeader(String header, Optional<NetworkMask> except, boolean ifNone) {}

    public static HttpSettings defaults() {
        return new HttpSettings(HttpConnectionMode.KEEP_ALIVE, false, Optional.empty(), Optional.empty(),
                Optional.empty(), HeaderNamePolicy.PRESERVE, false, false, false, false, false, false, false, false, HttpReuse.SAFE,
                Optional.empty());
    }
}
