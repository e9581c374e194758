/**
 * The runtime state of one {@code server} line, shared by every connection that uses it:
 * configuration, runtime state (admin state ready/drain/maint, operational state, weight,
 * maxconn: {@link dev.shuttle.server.ServerStatus} and {@link dev.shuttle.server.Server}),
 * requests in flight (slots), counters, and the pool of idle connections with the connection hash
 * that keys it, with its "available" list of multiplexed (HTTP/2) connections in use that other
 * requests may attach to. Read by {@code lb} and {@code backend} when choosing a server, and by
 * {@code stream} when it takes or gives back a server connection; changed by {@code backend}.
 * Also the snapshot of a {@code mode log} backend's servers that the stats and the runtime API
 * read ({@link dev.shuttle.server.LogBackendStats}: the log package makes it, below which they sit).
 *
 * <p>HAProxy counterpart: server.c, connection.c (pools, hash). Holds state, and one housekeeping
 * thread ({@link dev.shuttle.server.IdleConnectionPurger}); no sockets: a pooled connection closes
 * and probes itself through {@link dev.shuttle.server.PooledConnection}. The slot count and the
 * runtime state change only under the backend's lock, a pool's lists and counts only under that
 * pool's lock.
 */
package dev.shuttle.server;
