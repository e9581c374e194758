package dev.shuttle.listener;

import java.net.Socket;

/** What a listener does with an accepted connection, on the connection's own virtual thread. */
@FunctionalInterface
public interface ConnectionHandler {
    /** Serves the connection to its end; the socket is closed by the caller afterwards. */
    void handle(Socket client, Frontend frontend, Supervisor.Child child) throws Exception;
}
