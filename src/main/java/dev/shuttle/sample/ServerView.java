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

    /** The weight now, as the runtime API set it ({@code srv_uweight}). */
    int weight();

    /** The configured weight ({@code srv_iweight}). */
    int initialWeight();

    /** The weight the load balancer uses: 0 while it may not pick the server ({@code srv_weight}). */
    int effectiveWeight();

    /** The most requests in flight it takes, 0 for no limit ({@code srv_conn_free}). */
    long maxconn();

    /** Requests in flight to it now. */
    int currentConnections();

    /** Sessions it took in the last second ({@code srv_sess_rate}). */
    long sessionRate();

    /** Requests waiting in its own queue now ({@code srv_queue}). */
    int queued();

    /** Requests its own queue holds at most, 0 for no limit ({@code maxqueue}). */
    int maxqueue();
}
