package dev.shuttle.listener;

import java.net.Socket;

/** What a listener does with an accepted connection, on the connection's own virtual thread. */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves the connection to its end; the socket is closed by the caller afterwards.
     *
     * @param listenerName the {@code name} of the bind line that accepted it ({@code so_name}), or empty
     */
    void handle(Socket client, Frontend frontend, String listenerName, Supervisor.Child child) throws Exception;
}
