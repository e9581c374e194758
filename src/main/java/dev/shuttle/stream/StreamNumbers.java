package dev.shuttle.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide number of each stream (an HTTP exchange or a TCP session), HAProxy's {@code
 * uniq_id}: {@code %rt} in logs and {@code txn.id32} in expressions. Numbers start at 0 and follow
 * the order in which streams begin. A line logged before any stream exists ({@code tcp-request
 * connection|session do-log}) takes one too, as in HAProxy 3.5 (checked live: the stream after two
 * such lines prints {@code %rt} 2).
 */
public final class StreamNumbers {
    private static final AtomicLong NEXT = new AtomicLong();

    private StreamNumbers() {}

    public static long next() {
        return NEXT.getAndIncrement();
    }
}
