package dev.shuttle.mux;

import dev.shuttle.h1.H1HeadScanner;
import dev.shuttle.io.Activity;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.io.ReadReadiness;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Reads one whole HTTP/1 head into an {@link InputBuffer}, under a total deadline, and says how
 * it went: the head is then parsed in place by the pure {@code h1} parsers.
 */
final class HeadReader {
    /** How reading a head ended. */
    enum Status {
        /** A complete head is buffered: {@link Result#length()} bytes from the buffer's start. */
        COMPLETE,
        /** The peer closed before sending anything. */
        CLOSED_BEFORE_ANY_BYTE,
        /** The peer closed in the middle of a head. */
        CLOSED_IN_HEAD,
        /** The deadline passed before any byte came. */
        TIMEOUT_BEFORE_ANY_BYTE,
        /** The deadline passed in the middle of a head. */
        TIMEOUT_IN_HEAD,
        /** More than the allowed head size arrived without the end of the head. */
        TOO_LARGE,
        /** What arrived cannot start a request, whatever follows (see {@link H1HeadScanner#brokenMethodAt}). */
        NOT_A_REQUEST
    }

    /**
     * @param firstByteNanos when the head's first byte arrived ({@link System#nanoTime()}), 0 when it
     *                       was already buffered as the read began (a pipelined request: no idle time)
     * @param failure        for a {@code CLOSED_*} status, the read error that ended the connection (a
     *                       reset), or null when the peer closed cleanly: {@code bc_err} and the
     *                       termination events tell the two apart
     */
    record Result(Status status, int length, long firstByteNanos, IOException failure) {
        Result(Status status, int length) {
            this(status, length, 0, null);
        }
    }

    private HeadReader() {}

    /**
     * Reads until the buffer holds a complete head. The socket's own read timeout must be 0:
     * {@code watch} enforces the deadlines, and {@code readiness} keeps reads from finding nothing.
     *
     * @param idleMillis  how long to wait for the first byte (0 = forever)
     * @param headMillis  how long the whole head may take from then on (0 = forever)
     * @param maxHeadSize a head must fit in this many bytes
     * @param totalFromStart the head's time counts from now, not from its first byte (a first request)
     */
    static Result read(ReadDeadlines.Watch watch, ReadReadiness readiness, InputBuffer input, long idleMillis, long headMillis,
                       int maxHeadSize, boolean totalFromStart) throws IOException {
        return read(watch, readiness, input, idleMillis, headMillis, maxHeadSize, totalFromStart, null, false);
    }

    /**
     * {@link #read(ReadDeadlines.Watch, ReadReadiness, InputBuffer, long, long, int, boolean)}, but
     * when {@code activity} is not null the head's time ({@code headMillis}) counts from its last
     * activity: a response whose request body is still being written waits as long as the writing
     * goes on, then the timeout.
     */
    static Result read(ReadDeadlines.Watch watch, ReadReadiness readiness, InputBuffer input, long idleMillis,
                       long headMillis, int maxHeadSize, boolean totalFromStart, Activity activity)
            throws IOException {
        return read(watch, readiness, input, idleMillis, headMillis, maxHeadSize, totalFromStart, activity, false);
    }

    /**
     * Reads a request head: as {@link #read(ReadDeadlines.Watch, ReadReadiness, InputBuffer, long, long,
     * int, boolean)}, but bytes that cannot start a request end the read at once ({@link
     * Status#NOT_A_REQUEST}) instead of waiting for a head's end that will never come.
     */
    static Result readRequest(ReadDeadlines.Watch watch, ReadReadiness readiness, InputBuffer input, long idleMillis,
                              long headMillis, int maxHeadSize, boolean totalFromStart) throws IOException {
        return read(watch, readiness, input, idleMillis, headMillis, maxHeadSize, totalFromStart, null, true);
    }

    private static Result read(ReadDeadlines.Watch watch, ReadReadiness readiness, InputBuffer input, long idleMillis,
                               long headMillis, int maxHeadSize, boolean totalFromStart, Activity activity,
                               boolean request) throws IOException {
        boolean pushedBack = activity != null && headMillis > 0;
        // The clock is read once per wait, not before the buffer is scanned: a head already
        // buffered (pipelined) costs no clock reading, and one that arrives whole costs one.
        long idleDeadline = 0; // set at the first wait: the idle time counts from then
        long headDeadline = 0; // set at the first wait with part of a head buffered
        int scanned = 0; // bytes from the buffer's start already scanned without finding the end
        long firstByteNanos = 0; // read once, when the first byte arrives after a wait (%Ti, %TR)
        while (true) {
            if (scanned == 0) {
                skipLeadingEmptyLines(input);
            }
            if (input.buffered() > 0) {
                int end = H1HeadScanner.findHeadEnd(input.array(), input.start(), input.end(),
                        input.start() + scanned);
                if (end >= 0) {
                    return new Result(Status.COMPLETE, end - input.start(), firstByteNanos, null);
                }
                if (request && H1HeadScanner.brokenMethodAt(input.array(), input.start(), input.end()) >= 0) {
                    return new Result(Status.NOT_A_REQUEST, 0);
                }
                int lineWithoutVersion = firstLineWithoutVersion(input);
                if (lineWithoutVersion > 0) {
                    // An HTTP/0.9-style request line can only be refused: no need to wait for a head end.
                    return new Result(Status.COMPLETE, lineWithoutVersion, firstByteNanos, null);
                }
                if (input.buffered() >= maxHeadSize) {
                    return new Result(Status.TOO_LARGE, 0);
                }
                // The scanner looks at the last bytes again: the end of a head may straddle two reads.
                scanned = input.buffered();
            }
            long now = System.nanoTime();
            if (idleDeadline == 0) {
                idleDeadline = deadline(now, idleMillis);
                if (totalFromStart) {
                    headDeadline = idleDeadline;
                }
            }
            if (headDeadline == 0 && input.buffered() > 0) {
                headDeadline = deadline(now, headMillis);
            }
            long deadline = pushedBack ? activity.deadline(headMillis * 1_000_000)
                    : input.buffered() == 0 ? idleDeadline : headDeadline;
            if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
                return timedOut(input);
            }
            // The process-wide watcher ends the read at the deadline; no timed park per read.
            int count;
            boolean expired = false;
            boolean wasEmpty = input.buffered() == 0;
            IOException broken = null;
            if (deadline == Long.MAX_VALUE) {
                try {
                    count = fill(input, readiness);
                } catch (BrokenRead e) {
                    count = -1;
                    broken = e.failure;
                }
            } else {
                if (pushedBack) {
                    watch.arm(activity, headMillis * 1_000_000);
                } else {
                    watch.arm(deadline);
                }
                try {
                    count = fill(input, readiness);
                } catch (SocketTimeoutException timedOut) {
                    // A TLS socket's watch bounds the read with the socket's own timeout (ReadDeadlines).
                    count = 0;
                    expired = true;
                } catch (BrokenRead e) {
                    count = -1;
                    broken = e.failure;
                } finally {
                    expired |= watch.disarm();
                }
            }
            if (expired) {
                return timedOut(input);
            }
            if (count < 0) {
                return new Result(input.buffered() == 0 ? Status.CLOSED_BEFORE_ANY_BYTE : Status.CLOSED_IN_HEAD, 0,
                        0, broken);
            }
            if (count == 0) {
                return new Result(Status.TOO_LARGE, 0);
            }
            if (wasEmpty && firstByteNanos == 0) {
                firstByteNanos = System.nanoTime();
            }
        }
    }

    /**
     * Reads more; a connection the peer reset (or that was closed under the read) counts as closed,
     * as a peer that closed does: HAProxy answers both the same way (a 502 for a server, nothing for
     * a client that left). The error is kept for the result ({@link BrokenRead}).
     */
    private static int fill(InputBuffer input, ReadReadiness readiness) throws SocketTimeoutException, BrokenRead {
        try {
            return input.fill(readiness);
        } catch (SocketTimeoutException timedOut) {
            throw timedOut; // a TLS read's deadline (see ReadDeadlines), not a broken connection
        } catch (IOException broken) {
            throw new BrokenRead(broken);
        }
    }

    /** A read that failed (a reset): the connection counts as closed, with this error. */
    private static final class BrokenRead extends Exception {
        final IOException failure;

        BrokenRead(IOException failure) {
            super(null, null, false, false); // no stack trace: it only carries the failure out
            this.failure = failure;
        }
    }

    /**
     * The length of the first line when it is complete but ends without an {@code HTTP/x.y}
     * version (so nothing that follows can make it valid), else 0.
     */
    private static int firstLineWithoutVersion(InputBuffer input) {
        byte[] bytes = input.array();
        int start = input.start();
        for (int i = start; i < input.end(); i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            int end = i;
            while (end > start && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
                end--;
            }
            int tokenStart = end;
            while (tokenStart > start && bytes[tokenStart - 1] != ' ' && bytes[tokenStart - 1] != '\t') {
                tokenStart--;
            }
            boolean versionLast = tokenStart > start && startsWith(bytes, tokenStart, end, "HTTP/");
            boolean statusLine = startsWith(bytes, start, end, "HTTP/");
            return versionLast || statusLine ? 0 : i + 1 - start;
        }
        return 0;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9112 §2.2: a server SHOULD ignore at least one empty line received before a request-line. */
    private static void skipLeadingEmptyLines(InputBuffer input) {
        byte[] bytes = input.array();
        int skip = 0;
        while (skip < input.buffered() && (bytes[input.start() + skip] == '\r' || bytes[input.start() + skip] == '\n')) {
            skip++;
        }
        input.consume(skip);
    }

    private static Result timedOut(InputBuffer input) {
        return new Result(input.buffered() == 0 ? Status.TIMEOUT_BEFORE_ANY_BYTE : Status.TIMEOUT_IN_HEAD, 0);
    }

    private static long deadline(long now, long millis) {
        return millis <= 0 ? Long.MAX_VALUE : now + millis * 1_000_000;
    }
}
