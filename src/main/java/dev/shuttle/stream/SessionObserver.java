package dev.shuttle.stream;


import dev.shuttle.listener.Frontend;
import java.net.Socket;

/** Told about each session when it starts and when it ends: the hook for traffic logs and debug traces. */
public interface SessionObserver {
    /** A connection was accepted and its session begins. */
    default void started(Frontend frontend, Socket client) {
    }

    void ended(SessionRecord record);

    /** An observer that does nothing, for tests and for proxies without logs. */
    SessionObserver NONE = record -> { };
}
