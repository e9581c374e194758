package dev.shuttle.stream;

import dev.shuttle.session.Session;

/** Told about each session and HTTP exchange as it starts and ends: the hook for traffic logs and traces. */
public interface SessionObserver {
    /** A connection passed its pipeline's stages and is served from now on. */
    default void started(Session session) {
    }

    /** A TCP session ended. */
    void ended(SessionRecord record);

    /** An HTTP exchange ended (the connection may go on with another). */
    default void exchangeEnded(ExchangeRecord record) {
    }

    /** An observer that does nothing, for tests and for proxies without logs. */
    SessionObserver NONE = record -> { };
}
