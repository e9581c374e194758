package dev.shuttle.sample;

/**
 * The timers of configuration.txt §8.4, from a stream's instants ({@link LogFacts}: each counted
 * from the accept, -1 until reached), as the log's aliases and the timer fetches both report them:
 * {@code %TR = Tq - Ti - Th}, {@code %Tw} from the request to the queue's end, {@code %Tc} from there
 * to the connection, {@code %Tr} from there to the response head, -1 for a step never reached.
 */
final class LogTimers {
    private LogTimers() {}

    /** The request's first byte, from the accept: the handshakes and the idle time ({@code %tr}). */
    static long requestStart(LogFacts f) {
        return f.idleMillis() >= 0 ? f.idleMillis() + f.handshakeMillis() : 0;
    }

    /** {@code %TR}, {@code req.timer.hdr}. */
    static long requestTime(LogFacts f) {
        return f.requestMillis() >= 0 ? f.requestMillis() - f.idleMillis() - f.handshakeMillis() : -1;
    }

    /** {@code %Tq}, {@code req.timer.tq}. */
    static long requestTotalTime(LogFacts f) {
        return f.requestMillis() >= 0 ? f.requestMillis() : -1;
    }

    /** {@code %Tw}, {@code req.timer.queue}. */
    static long queueTime(LogFacts f) {
        return f.queueMillis() >= 0 ? f.queueMillis() - f.requestMillis() : -1;
    }

    /** {@code %Tc}, {@code bc.timer.connect}. */
    static long connectTime(LogFacts f) {
        return f.connectMillis() >= 0 ? f.connectMillis() - f.queueMillis() : -1;
    }

    /** {@code %Tr}, {@code res.timer.hdr}. */
    static long responseTime(LogFacts f) {
        return f.dataMillis() >= 0 ? f.dataMillis() - f.connectMillis() : -1;
    }

    /** {@code %Td}, {@code res.timer.data}: from the response head in HTTP, from the connection in TCP. */
    static long dataTime(LogFacts f, boolean httpBackend) {
        if (httpBackend) {
            return f.dataMillis() >= 0 ? f.closeMillis() - f.dataMillis() : -1;
        }
        return f.connectMillis() >= 0 ? f.closeMillis() - f.connectMillis() : -1;
    }

    /** {@code %Ta}, {@code txn.timer.total}: from the request's first byte to the end. */
    static long activeTime(LogFacts f) {
        return f.closeMillis() - requestStart(f);
    }

    /** {@code %Tu}, {@code txn.timer.user}: the total without the idle time. */
    static long userTime(LogFacts f) {
        return f.closeMillis() - Math.max(0, f.idleMillis());
    }
}
