package dev.shuttle.sample;

/**
 * What fetches read about a server at run time ({@code srv_name}, {@code srv_id},
 * {@code srv_conn}, {@code connslots}): implemented by the runtime server, above this package.
 */
public interface ServerView {
    String name();

    /** The numeric id, given with {@code id} or numbered in order from 1. */
    int id();

    /** Whether it is UP: it takes the requests that name it, even in drain mode or with weight 0 ({@code srv_is_up}). */
    boolean isUp();

    /** Whether the load balancer may pick it now. */
    boolean isUsable();

    /** Requests in flight to it now. */
    int currentConnections();
}
