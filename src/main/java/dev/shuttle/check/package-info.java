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
 * stream, one per check run so that the rules of a tcp-check share their {@code check.} variables
 * and read the bytes received ({@code res.payload}). The protocol checks ({@code option smtpchk},
 * {@code mysql-check}...) are tcp-check rule sequences; the replies no pattern can judge (MySQL,
 * LDAP, SPOP) are judged by {@link dev.shuttle.check.ProtocolReplies}.
 *
 * <p>{@code option external-check} runs a program instead of a probe on the network
 * ({@link dev.shuttle.check.ExternalCheckProbe}), on the check's own thread; {@code check-via-socks4}
 * (and a connect step's {@code via-socks4}) opens a probe's connection through the server's SOCKS4
 * proxy ({@link dev.shuttle.check.CheckPreamble});
 * {@code spread-checks} randomises the schedule ({@link dev.shuttle.check.CheckSpread}).
 *
 * <p>HAProxy counterpart: check.c, tcpcheck.c, extcheck.c (configuration.txt §5.2 "check", §4 "option
 * httpchk", "http-check", "tcp-check", "external-check", "option smtpchk|mysql-check|pgsql-check|
 * redis-check|ldap-check|spop-check").
 */
package dev.shuttle.check;
