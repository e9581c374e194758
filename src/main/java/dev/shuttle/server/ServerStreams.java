package dev.shuttle.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams using a server right now (an HTTP exchange holding one of its connections, a TCP
 * tunnel to it), for the actions that end them all: {@code on-marked-down shutdown-sessions} and
 * {@code on-marked-up shutdown-backup-sessions} (HAProxy's srv_shutdown_streams()).
 *
 * <p>Streams register only while their server {@link #tracked() is tracked}, that is when one of
 * those actions can reach it: the registration costs a concurrent set insertion per exchange,
 * which servers that nothing could shut down do not pay. Thread-safe: streams add and remove
 * themselves from their own threads; the action runs on the thread that changed the server's state.
 */
public final class ServerStreams {
    /** A stream that can be ended from another thread. */
    public interface Member {
        /** Ends the stream for {@code cause}: it notes the cause for its log line and closes its server connection. */
        void shutdown(ShutdownCause cause);
    }

    private final boolean tracked;
    private final Set<Member> members = ConcurrentHashMap.newKeySet();

    ServerStreams(boolean tracked) {
        this.tracked = tracked;
    }

    /** Whether streams register here. */
    public boolean tracked() {
        return tracked;
    }

    public void add(Member member) {
        members.add(member);
    }

    public void remove(Member member) {
        members.remove(member);
    }

    /** Ends every stream using the server; returns how many. */
    public int shutdownAll(ShutdownCause cause) {
        int count = 0;
        for (Member member : members) {
            member.shutdown(cause);
            count++;
        }
        return count;
    }

    /** Streams using the server now (while tracked). */
    public int count() {
        return members.size();
    }
}
