/**
 * The load-balancing algorithms: given a backend's servers and which ones may take a connection
 * now, choose one ({@code roundrobin}, {@code static-rr}, {@code leastconn}, {@code first},
 * {@code random}, and the hashing ones: {@code source}, {@code uri}, {@code url_param}, {@code
 * hdr}, {@code hash}, by the hashed key the stream read from the request). Called only by {@code
 * backend}, under the backend's lock, on the way from stream to server. Their state is kept per
 * server object, and planned again when the backend's servers change.
 *
 * <p>HAProxy counterpart: lb_fwrr.c, lb_map.c (the map-based hash table, {@link
 * dev.shuttle.lb.ServerMap}), lb_chash.c (the consistent ring, {@link dev.shuttle.lb.HashRing}),
 * lb_fwlc.c, lb_first.c, and the hash functions of hash.c ({@link dev.shuttle.lb.KeyHash}). Pure
 * decisions over {@code server} state: no I/O, no locks of their own, no threads.
 */
package dev.shuttle.lb;
