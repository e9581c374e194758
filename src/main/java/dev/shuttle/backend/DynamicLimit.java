package dev.shuttle.backend;

/**
 * A server's limit of requests in flight when it has a {@code minconn} below its {@code maxconn}
 * (configuration.txt §5.2 "minconn" and §4.2 "fullconn"): it follows the backend's load on a ramp,
 * {@code max(minconn, load * maxconn / fullconn)}, from {@code minconn} when the backend is idle up
 * to {@code maxconn} once the backend carries {@code fullconn} requests (HAProxy's
 * srv_dynamic_maxconn()). A pure function, so that the ramp can be tested alone.
 */
final class DynamicLimit {
    private DynamicLimit() {}

    /**
     * @param minconn  the server's low end (equal to {@code maxconn} for a static limit)
     * @param maxconn  the server's limit, 0 for none
     * @param load     the backend's requests now, in flight and queued ({@code be_conn} with the queue)
     * @param fullconn the load at which {@code maxconn} is reached; 0 or less: static
     * @return the limit now, 0 for none
     */
    static long of(long minconn, long maxconn, long load, long fullconn) {
        if (maxconn == 0 || minconn == maxconn || load >= fullconn) {
            return maxconn;
        }
        return Math.max(minconn, load * maxconn / fullconn);
    }
}
