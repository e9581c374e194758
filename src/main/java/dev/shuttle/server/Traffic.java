package dev.shuttle.server;

/**
 * The two ways a request reaches a server, which its state admits or not (management.txt, "set
 * server ... state"): chosen by the load balancer, or named by the request itself.
 */
public enum Traffic {
    /** The load balancer picks the server for the request. */
    BALANCED,
    /**
     * The request names the server: a {@code use-server} rule, a retry on the server that just
     * failed, or the connection a client session keeps to it. What HAProxy calls persistent
     * traffic, which a draining server still accepts.
     */
    PERSISTENT
}
