package dev.shuttle.session;

/**
 * What serves a connection once the pipeline's stages are through: the HTTP/1 mux, or the TCP
 * session of {@code mode tcp} (later HTTP/2). Runs on the connection's thread until the connection
 * ends; the pipeline closes the socket afterwards.
 */
@FunctionalInterface
public interface SessionHandler {
    void serve(Session session, ClientConnection connection) throws Exception;
}
