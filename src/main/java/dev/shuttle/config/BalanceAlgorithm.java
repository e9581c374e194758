package dev.shuttle.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The load-balancing algorithms of {@code balance} that Shuttle implements (configuration.txt, "balance"). */
public enum BalanceAlgorithm {
    ROUNDROBIN, STATIC_RR, LEASTCONN, FIRST;

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
