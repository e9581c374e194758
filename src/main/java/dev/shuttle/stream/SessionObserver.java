package dev.shuttle.stream;


import dev.shuttle.listener.Frontend;
import java.net.Socket;

/** Told about each session and HTTP exchange as it starts and ends: the hook for traffic logs and traces. */
public interface SessionObserver {
    /** A connection was accepted and its session begins. */
    default void started(Frontend frontend, Socket client) {
    }

    /** A TCP session ended. */
    void ended(SessionRecord record);

    /** An HTTP exchange ended (the connection may go on with another). */
    default void exchangeEnded(ExchangeRecord record) {
    }

    /** An observer that does nothing, for tests and for proxies without logs. */
    SessionObserver NONE = record -> { };
}
