/**
 * The runtime state of one {@code server} line, shared by every connection that uses it:
 * configuration, maintenance state, open-connection count and counters (idle-connection pools to
 * come). Read by {@code lb} and {@code backend} when choosing a server, at the end of the data path.
 *
 * <p>HAProxy counterpart: server.c (connection.c for pools, later). Holds state only: no sockets,
 * and its slot count changes only under the backend's lock.
 */
package dev.shuttle.server;
