/**
 * The first step of the data path: turns {@code bind} addresses into listening sockets (IP,
 * {@code unix@}, {@code abns@}, {@code abnsz@}, inherited {@code fd@}), accepts connections under
 * each listener's {@link dev.shuttle.listener.Supervisor} and {@code maxconn} slots, under the
 * accept rate limits ({@code maxconnrate}, {@code maxsessrate}, {@code rate-limit sessions}), and
 * hands each connection to a virtual thread (one that waits for a connection once its own ended, or
 * a new one) that then runs the session ({@code stream}). With
 * {@code option socket-stats}, each listener keeps its own counters ({@code ListenerStats}).
 *
 * <p>The first runtime package: it may import {@code config}, {@code net}, {@code stats} and
 * {@code io}. {@link dev.shuttle.listener.Frontend} still imports {@code backend}, {@code rules}
 * and {@code sample} to pick a connection's backend, until that routing moves into
 * {@code stream}. HAProxy counterpart: listener.c, proto_tcp.c, proto_uxst.c, sock.c. One of the
 * three packages that own socket I/O (with {@code mux} and {@code check}). Addresses, their
 * parsing and the socket plumbing it shares with outgoing connections are {@code net}'s.
 */
package dev.shuttle.listener;
