package dev.shuttle.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide number of each stream (an HTTP exchange or a TCP session), HAProxy's {@code
 * uniq_id}: {@code %rt} in logs and {@code txn.id32} in expressions. Numbers start at 0 and follow
 * the order in which streams begin.
 */
final class StreamNumbers {
    private static final AtomicLong NEXT = new AtomicLong();

    private StreamNumbers() {}

    static long next() {
        return NEXT.getAndIncrement();
    }
}
