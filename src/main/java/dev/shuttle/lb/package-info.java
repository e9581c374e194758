/**
 * The load-balancing algorithms: given a backend's servers and which ones may take a connection
 * now, choose one ({@code roundrobin}, {@code static-rr}, {@code leastconn}, {@code first}).
 * Called only by {@code backend}, under the backend's lock, on the way from stream to server.
 * Their state is kept per server object, and planned again when the backend's servers change.
 *
 * <p>HAProxy counterpart: lb_fwrr.c, lb_map.c, lb_fwlc.c, lb_first.c. Pure decisions over
 * {@code server} state: no I/O, no locks of their own, no threads.
 */
package dev.shuttle.lb;
