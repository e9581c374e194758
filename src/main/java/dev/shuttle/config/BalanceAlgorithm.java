package dev.shuttle.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The load-balancing algorithms of {@code balance} that Shuttle implements (configuration.txt, "balance"). */
public enum BalanceAlgorithm {
    ROUNDROBIN, STATIC_RR, LEASTCONN, FIRST;

    /**
     * Whether the algorithm maps a request's key to a server (HAProxy's BE_LB_KIND_HI: source, uri,
     * url_param, hdr, rdp-cookie, hash), so that asking it again brings the same server back: a
     * retry then redispatches only when {@code option redispatch}'s interval says so. None of the
     * algorithms Shuttle has yet does.
     */
    public boolean hashesRequests() {
        return false;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether the algorithm hashes something of the request, so that its choice is deterministic
     * and a session's last server is never preferred to it ({@code option prefer-last-server}).
     */
    public boolean hashesInput() {
        return false;
    }

    public static Optional<BalanceAlgorithm> fromKeyword(String word) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.keyword().equals(word)).findFirst();
    }
}
