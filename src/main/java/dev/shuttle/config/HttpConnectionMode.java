package dev.shuttle.config;

/**
 * What happens to connections after an HTTP exchange (configuration.txt §4, "option
 * http-keep-alive", "option http-server-close", "option httpclose"). Ordered from the most to
 * the least persistent: when a frontend and a backend disagree, the later constant wins.
 */
public enum HttpConnectionMode {
    /** Both connections stay open for further requests (the default). */
    KEEP_ALIVE,
    /** The client connection stays open; the server connection closes after each response. */
    SERVER_CLOSE,
    /** Both connections close after the response. */
    CLOSE;

    /** The effective mode of a frontend/backend pair: the more restrictive one. */
    public static HttpConnectionMode effective(HttpConnectionMode frontend, HttpConnectionMode backend) {
        return frontend.compareTo(backend) >= 0 ? frontend : backend;
    }
}
