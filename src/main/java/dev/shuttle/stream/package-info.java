/**
 * One exchange on one client connection, the middle of the data path: an HTTP exchange
 * ({@link dev.shuttle.stream.HttpExchange}: the request's analysis and backend choice, the server
 * attempt with queueing, reuse and retries, the response's way back, the proxy's own replies) or a
 * TCP session ({@link dev.shuttle.stream.TcpSession}); then its record for the logs
 * ({@link dev.shuttle.stream.ExchangeRecord}, {@link dev.shuttle.stream.SessionRecord}) with its
 * {@link dev.shuttle.stream.TerminationState}.
 *
 * <p>HAProxy counterpart: stream.c, http_ana.c, tcp_rules.c. It decides and records; it speaks to
 * clients and servers only through the protocol-neutral streams of {@code mux}, never through a
 * socket or an {@code h1} type.
 */
package dev.shuttle.stream;
