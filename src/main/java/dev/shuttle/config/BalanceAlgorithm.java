package dev.shuttle.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The load-balancing algorithms of {@code balance} that Shuttle implements (configuration.txt,
 * "balance"); their arguments are in {@link BalanceParameters}.
 */
public enum BalanceAlgorithm {
    ROUNDROBIN, STATIC_RR, LEASTCONN, FIRST,
    /** {@code random[(<draws>)]}: a random point on the consistent-hash ring, the least loaded of the draws. */
    RANDOM,
    /** {@code source}: the client's address. */
    SOURCE,
    /** {@code uri [whole] [len N] [depth N] [path-only]}. */
    URI,
    /** {@code url_param <name> [check_post]}. */
    URL_PARAM,
    /** {@code hdr(<name>) [use_domain_only]}. */
    HDR,
    /** {@code rdp-cookie[(<name>)]}. */
    RDP_COOKIE,
    /** {@code hash <expr>}. */
    HASH;

    public String keyword() {
        return this == URL_PARAM ? "url_param" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The algorithms without arguments, by their keyword ({@code roundrobin}, {@code source}...). */
    public static Optional<BalanceAlgorithm> fromKeyword(String word) {
        return Arrays.stream(new BalanceAlgorithm[] {ROUNDROBIN, STATIC_RR, LEASTCONN, FIRST, SOURCE})
                .filter(algorithm -> algorithm.keyword().equals(word)).findFirst();
    }

    /**
     * Whether the server is chosen from a key taken from the request (HAProxy's BE_LB_KIND_HI), so
     * that asking again brings the same server back: a retry then redispatches only when {@code
     * option redispatch}'s interval says so, and a session's last server is never preferred to it
     * ({@code option prefer-last-server}). {@code random} is not one: its choice is not deterministic.
     */
    public boolean hashesAKey() {
        return switch (this) {
            case SOURCE, URI, URL_PARAM, HDR, RDP_COOKIE, HASH -> true;
            default -> false;
        };
    }

    /** Whether the key is in the HTTP request, so that the algorithm needs {@code mode http} (BE_LB_NEED_HTTP). */
    public boolean needsHttp() {
        return this == URI || this == URL_PARAM || this == HDR;
    }
}
