/**
 * Health checks: beside the data path, never in it. One virtual thread per checked server probes
 * it on its own schedule ({@code inter}, {@code fastinter}, {@code downinter}), counts successes
 * and failures ({@code rise}, {@code fall}), and hands each verdict to the server's
 * {@link dev.shuttle.backend.Backend}, which changes the server's operational state under its lock,
 * re-plans the load balancer and hands the queue on, as for any other server change.
 *
 * <p>The codecs (the HTTP check request and response, the expectations, the messages, the health
 * counter, the {@code ssl-hello-chk} hello) are pure; the probes touch sockets, every connection
 * opened by {@link dev.shuttle.check.TcpConnectProbe#open} as a {@link dev.shuttle.check.CheckRoute}
 * says: where, with which PROXY header, and over TLS with the server's context ({@code check-ssl},
 * {@code connect ssl}; {@link dev.shuttle.check.CheckConnections} combines a connect step's options
 * with the server's check settings). No request ever waits for a check. A check's
 * log-format strings ({@code tcp-check send-lf}, {@code http-check send uri-lf}) are made in a
 * sample context of its own ({@link dev.shuttle.check.CheckSamples}): the backend, the server, no
 * stream.
 *
 * <p>HAProxy counterpart: check.c, tcpcheck.c (configuration.txt §5.2 "check", §4 "option
 * httpchk", "http-check").
 */
package dev.shuttle.check;
