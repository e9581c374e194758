package dev.shuttle.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a backend tries a request again, and where (configuration.txt §4.2, "retries",
 * "retry-on", "option redispatch").
 *
 * @param retryOn            the failures that allow a retry ({@code retry-on}); empty: {@code none}
 * @param redispatchInterval {@code option redispatch [<interval>]}: 0, never (the option is off);
 *                           a positive P, every Pth retry goes to another server; a negative -N, the
 *                           Nth retry before the last one does (-1, the default: the last retry)
 */
public record RetryPolicy(Set<RetryOn> retryOn, int redispatchInterval) {
    /** HAProxy's default: retry failed connections only, no redispatch. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(EnumSet.of(RetryOn.CONN_FAILURE), 0);
    private static final RetryOn[] CONDITIONS = RetryOn.values();

    /**
     * The conditions are kept in an {@link EnumSet} behind a read-only view: every connect asks
     * {@link #retries}, and an enum set answers with one bit test (an immutable {@code Set.copyOf}
     * hashed and probed).
     */
    public RetryPolicy {
        EnumSet<RetryOn> copy = EnumSet.noneOf(RetryOn.class);
        copy.addAll(retryOn);
        retryOn = Collections.unmodifiableSet(copy);
    }

    public boolean retries(RetryOn condition) {
        return retryOn.contains(condition);
    }

    /** Whether a condition other than a failed connection is on: only then must the request be kept for a replay. */
    public boolean hasLayer7Retries() {
        for (RetryOn condition : CONDITIONS) { // not the set's iterator: two objects per call, once per exchange
            if (condition.needsReplayableRequest() && retryOn.contains(condition)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether retry number {@code retry} (1 for the first retry) of at most {@code retries} is due to
     * go to another server by the interval alone (HAProxy's stream_choose_redispatch(): a positive
     * interval P when the retry count is a multiple of P; a negative -N when it is a multiple of
     * {@code retries + 1 - N}, so -1 is the last retry).
     */
    public boolean redispatchesOn(int retry, int retries) {
        if (redispatchInterval == 0 || retry <= 0) {
            return false;
        }
        int period = redispatchInterval > 0 ? redispatchInterval : retries + 1 + redispatchInterval;
        return period != 0 && retry % period == 0;
    }

    /** Whether {@code option redispatch} is on (with a non-zero interval). */
    public boolean redispatches() {
        return redispatchInterval != 0;
    }
}
