package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.LiveStream;
import dev.shuttle.listener.StreamPhase;

/**
 * Where a stream's virtual thread is blocked right now, in words ({@code show sess}'s {@code
 * thread=} column): the phase its thread last wrote, and, while it waits for a server, its own
 * stack to tell a queue from a connect (the thread is parked in {@link Backend}'s queue wait, or
 * not). Also HAProxy's HTTP message states for the phase, as close as Shuttle's state allows.
 */
final class StreamPlace {
    /** The method of {@link Backend} in which a request waits in a queue for a server slot. */
    private static final String QUEUE_WAIT = "take";

    private StreamPlace() {}

    /** The thread's place: "reading request head", "queued for be1", "connecting to be1/s1"... */
    static String describe(LiveStream stream) {
        StreamPhase phase = stream.phase();
        if (phase != StreamPhase.GETTING_SERVER) {
            return phase.label();
        }
        String target = stream.server() == null ? stream.backend() : stream.backend() + "/" + stream.server();
        return (queued(stream.thread()) ? "queued for " : "connecting to ") + target;
    }

    /** Whether {@code thread} waits in a backend's or a server's queue now. */
    static boolean queued(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(Backend.class.getName()) && frame.getMethodName().equals(QUEUE_WAIT)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the stream is between requests or reading one: it has no backend or server of its own then. */
    static boolean withoutRequest(StreamPhase phase) {
        return phase == StreamPhase.SETTING_UP || phase == StreamPhase.READING_REQUEST || phase == StreamPhase.IDLE;
    }

    /** HAProxy's request message state ({@code req.st}) for the phase. */
    static String requestState(StreamPhase phase) {
        return switch (phase) {
            case SETTING_UP, READING_REQUEST, IDLE -> "MSG_RQBEFORE";
            case TUNNEL -> "MSG_TUNNEL";
            default -> "MSG_DONE";
        };
    }

    /** HAProxy's response message state ({@code rsp.st}) for the phase. */
    static String responseState(StreamPhase phase) {
        return switch (phase) {
            case SENDING_BODY -> "MSG_DATA";
            case TUNNEL -> "MSG_TUNNEL";
            default -> "MSG_RPBEFORE";
        };
    }
}
