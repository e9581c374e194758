package dev.shuttle.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * When each check of the process runs first, as HAProxy's start_checks() places them
 * (configuration.txt §3.2, "spread-checks"): every check of the process in one list, the traffic
 * servers' health and agent checks and the {@code mode log} servers' alike, in proxy id order and
 * declaration order within a proxy; each starts at its share of a window, its position over the
 * number of checks. The window is the shortest interval among the checks whose interval is at least
 * one second, or a check's own if longer; a check of a shorter interval does not shorten the others'
 * window (HAProxy's SRV_CHK_INTER_THRES), it keeps its own. Each interval is the one the check would
 * wait now (HAProxy's srv_getinter(): {@code inter}, {@code fastinter} or {@code downinter} by its
 * starting health, {@link CheckIntervals}); {@link CheckSpread} randomises the window and bounds it by
 * {@code max-spread-checks}.
 */
final class CheckStartPlan {
    /** HAProxy's SRV_CHK_INTER_THRES: intervals below it do not shape the others' window. */
    static final long SPREAD_THRESHOLD_MILLIS = 1000;

    /**
     * A check to place.
     *
     * @param proxyId        its server's proxy id (the checks are placed in this order, declaration
     *                       order kept within a proxy)
     * @param intervalMillis the interval it would wait now
     * @param start          starts it, its first round after the delay given
     */
    record Entry(int proxyId, long intervalMillis, LongConsumer start) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a check, after those of its proxy added before. */
    void add(int proxyId, long intervalMillis, LongConsumer start) {
        entries.add(new Entry(proxyId, intervalMillis, start));
    }

    /** Starts every check at its place; the random part of each window is drawn from {@code spread}. */
    void start(CheckSpread spread) {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingInt(Entry::proxyId)); // stable: declaration order within a proxy
        long[] delays = firstDelays(ordered.stream().mapToLong(Entry::intervalMillis).toArray(), spread);
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).start().accept(delays[i]);
        }
    }

    /** The first delay of each check, given their intervals in start order. */
    static long[] firstDelays(long[] intervalsMillis, CheckSpread spread) {
        long shortest = 0;
        for (long interval : intervalsMillis) {
            if (interval >= SPREAD_THRESHOLD_MILLIS && (shortest == 0 || interval < shortest)) {
                shortest = interval;
            }
        }
        long[] delays = new long[intervalsMillis.length];
        for (int i = 0; i < intervalsMillis.length; i++) {
            delays[i] = spread.firstDelay(shortest, intervalsMillis[i], i, intervalsMillis.length);
        }
        return delays;
    }
}
