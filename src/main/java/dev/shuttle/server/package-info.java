/**
 * The runtime state of one {@code server} line, shared by every connection that uses it:
 * configuration, maintenance state, requests in flight (slots), counters, and the pool of idle
 * connections with the connection hash that keys it. Read by {@code lb} and {@code backend} when
 * choosing a server, and by {@code stream} when it takes or gives back a server connection.
 *
 * <p>HAProxy counterpart: server.c, connection.c (pools, hash). Holds state, and one housekeeping
 * thread ({@link dev.shuttle.server.IdleConnectionPurger}); no sockets: a pooled connection closes
 * and probes itself through {@link dev.shuttle.server.PooledConnection}. The slot count changes
 * only under the backend's lock, a pool's lists and counts only under that pool's lock.
 */
package dev.shuttle.server;
