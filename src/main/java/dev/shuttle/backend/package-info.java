/**
 * Where a request waits for a free server slot: a backend's servers, the load balancer that
 * picks one ({@code lb}), the wait when every server is at its {@code maxconn} (a slot is a request in
 * flight) in a server's own queue or the backend's, by priority then arrival, and the connect with
 * HAProxy's retry ({@code retry-on conn-failure}) and redispatch rules, or the reuse of an idle
 * connection to the chosen server; and the runtime changes of its servers (state, weight,
 * maxconn, servers added or removed), which re-plan the load balancer and hand queued requests
 * on. Called by {@code stream}, and by {@code cli} for the changes; gives back a
 * {@link dev.shuttle.backend.ServerConnection} that holds its slot until the exchange ends.
 *
 * <p>HAProxy counterpart: backend.c, queue.c. It opens server sockets through
 * {@code net.Connector} but never reads or writes them; {@code mux} does. A new connection is made
 * ready by the caller's {@link dev.shuttle.backend.ServerTransport} within the same attempt (TLS
 * to an {@code ssl} server), so that a failed handshake is a failed attempt, retried as HAProxy does;
 * a {@code send-proxy*} server's connection gets its PROXY header first, built by
 * {@link dev.shuttle.backend.ProxyHeaders} with the {@code proxyproto} codec.
 *
 * <p>Also the servers' runtime persistence values ({@link dev.shuttle.backend.DynamicCookies}) and,
 * at start, the states saved by {@code show servers state} before a reload
 * ({@link dev.shuttle.backend.ServerStateLoader}, HAProxy's server_state.c).
 */
package dev.shuttle.backend;
