package dev.shuttle.mux;

import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import java.util.concurrent.TimeUnit;

/**
 * How long an HTTP/2 client connection with no stream open lives, as HAProxy 3.5's
 * h2c_update_timeout() and h2_timeout_task() decide it (times in milliseconds, 0: none):
 * {@code timeout http-request} (else {@code client}) before the first stream, {@code timeout
 * http-keep-alive} (else the same) after one, counted from the moment the connection became idle,
 * not from its last frame; after a GOAWAY of a stop, {@code timeout client-fin} (else {@code
 * client}) from the later of the stop and the end of the last stream. Pure arithmetic on {@link
 * System#nanoTime()} values.
 *
 * @param first     waiting for the first stream
 * @param keepAlive waiting for a stream after one
 * @param shut      waiting for the client to close after a GOAWAY
 */
record H2IdleTimeouts(long first, long keepAlive, long shut) {
    /** No deadline. */
    static final long NEVER = Long.MAX_VALUE;

    /** A frontend's timeouts. */
    static H2IdleTimeouts of(Timeouts timeouts) {
        long first = timeouts.getOr(TimeoutKind.HTTP_REQUEST, TimeoutKind.CLIENT);
        long keepAlive = timeouts.isSet(TimeoutKind.HTTP_KEEP_ALIVE) ? timeouts.get(TimeoutKind.HTTP_KEEP_ALIVE) : first;
        return new H2IdleTimeouts(first, keepAlive, timeouts.getOr(TimeoutKind.CLIENT_FIN, TimeoutKind.CLIENT));
    }

    /** The idle timeout in force: before the first stream, or after one (HAProxy's max_id > 0). */
    long idle(boolean servedStream) {
        return servedStream ? keepAlive : first;
    }

    /** When an idle connection closes: its idle timeout after {@code idleSince}; {@link #NEVER} without one. */
    long idleDeadline(long idleSince, boolean servedStream) {
        long timeout = idle(servedStream);
        return timeout > 0 ? idleSince + TimeUnit.MILLISECONDS.toNanos(timeout) : NEVER;
    }

    /**
     * When a stopping connection closes if it is idle then: {@link #shut} after the later of the stop
     * and the end of its last stream; {@link #NEVER} without a shut timeout.
     */
    long shutDeadline(long stoppedAt, long idleSince) {
        if (shut <= 0) {
            return NEVER;
        }
        return (idleSince - stoppedAt > 0 ? idleSince : stoppedAt) + TimeUnit.MILLISECONDS.toNanos(shut);
    }

    /**
     * The read timeout that ends a wait at {@code deadline} (rounded up to a millisecond, at least 1);
     * 0 (no limit) for {@link #NEVER}; -1 when the deadline has passed.
     */
    static int waitMillis(long deadline, long now) {
        if (deadline == NEVER) {
            return 0;
        }
        long left = deadline - now;
        if (left <= 0) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (left + 999_999) / 1_000_000));
    }
}
