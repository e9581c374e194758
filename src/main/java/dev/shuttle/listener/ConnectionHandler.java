package dev.shuttle.listener;

import java.net.Socket;

/** What a listener does with an accepted connection, on the connection's own virtual thread. */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves the connection to its end; the socket is closed by the caller afterwards.
     *
     * @param acceptedNanos {@link System#nanoTime} when the listener accepted it: the session's clock
     *                      starts there (HAProxy's accept date), before this thread first ran
     * @param listenerName the {@code name} of the bind line that accepted it ({@code so_name}), or empty
     */
    void handle(Socket client, long acceptedNanos, Frontend frontend, String listenerName, Supervisor.Child child)
            throws Exception;
}
