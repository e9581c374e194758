/**
 * Health checks: beside the data path, never in it. Each checked server is probed in rounds on its
 * own schedule ({@code inter}, {@code fastinter}, {@code downinter}); its check counts successes
 * and failures ({@code rise}, {@code fall}) and hands each verdict to the server's
 * {@link dev.shuttle.backend.Backend}, which changes the server's operational state under its lock,
 * re-plans the load balancer and hands the queue on, as for any other server change. The servers
 * of {@code mode log} backends have their own connect check ({@link dev.shuttle.check.LogServerCheck})
 * on the same poller, which reports to a listener the process wires to the log backend.
 *
 * <p>One platform thread, the {@link dev.shuttle.check.CheckPoller}, runs every check's rounds
 * ({@link dev.shuttle.check.CheckRounds}) from one timer queue ({@link dev.shuttle.check.CheckTimers})
 * and carries the connect-only and plain HTTP checks itself, non-blocking on one selector
 * ({@link dev.shuttle.check.PolledProbe}), so that a thousand servers checked every 100 ms cost no
 * thread and no blocked carrier; a check's time limit counts from its own connect, so a late round
 * is late, never failed. Any other probe (tcp-check, the protocol checks, TLS, a PROXY header,
 * SOCKS4, an external program, an agent check) runs on a virtual thread started for that round.
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
 * ({@link dev.shuttle.check.ExternalCheckProbe}), on the round's thread; {@code check-via-socks4}
 * (and a connect step's {@code via-socks4}) opens a probe's connection through the server's SOCKS4
 * proxy ({@link dev.shuttle.check.CheckPreamble});
 * the first checks of the process, traffic and log servers' alike, are placed in one list
 * ({@link dev.shuttle.check.CheckStartPlan}), and {@code spread-checks} randomises the schedule
 * ({@link dev.shuttle.check.CheckSpread}).
 *
 * <p>HAProxy counterpart: check.c, tcpcheck.c, extcheck.c (configuration.txt §5.2 "check", §4 "option
 * httpchk", "http-check", "tcp-check", "external-check", "option smtpchk|mysql-check|pgsql-check|
 * redis-check|ldap-check|spop-check").
 */
package dev.shuttle.check;
