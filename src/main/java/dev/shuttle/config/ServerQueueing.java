package dev.shuttle.config;

/**
 * A server's queueing settings (configuration.txt §5.2): {@code minconn}, the low end of the dynamic
 * limit that grows with the backend's load up to {@code maxconn} (reached at the backend's
 * {@code fullconn}), and {@code maxqueue}, the most requests its own queue holds.
 *
 * @param minconn  requests in flight it always accepts; 0: not given (the limit is {@code maxconn})
 * @param maxqueue requests waiting in its own queue at most; 0: no limit
 */
public record ServerQueueing(int minconn, int maxqueue) {
    public static final ServerQueueing NONE = new ServerQueueing(0, 0);
}
