/**
 * Samples (configuration.txt §7.3): the expression compiler ({@code src,ipmask(24)}), the
 * fetches and converters it knows, by family, their typed values and casts, the variables
 * ({@code set-var}), the log-format compiler ({@link dev.shuttle.sample.LogFormat}), and the
 * stream's context that fetches read and rules change ({@link dev.shuttle.sample.SampleContext}).
 *
 * <p>The bottom of the expression language: it may import only {@code http} (the messages fetches
 * read), {@code lang}, {@code tls} (OpenSSL's names of cipher suites) and {@code proxyproto} (the
 * PROXY header a connection received, which {@code fc_pp_*} read). A connection's TLS, on
 * either side, is a {@link dev.shuttle.sample.TlsConnection} record the layer that ran the
 * handshake puts in the context; a failed connection's error is a {@link dev.shuttle.sample.ConnectionError}
 * ({@link dev.shuttle.sample.SocketErrors} tells it from a Java exception), and what ended each
 * layer of the connection and its stream is logged as {@link dev.shuttle.sample.TerminationEvents}
 * ({@link dev.shuttle.sample.StreamTerminationEvents}, for {@code term_events}). What it needs to know of the floors above it, it declares as small
 * read-only interfaces that they implement: a proxy's name, id and capture slots
 * ({@link dev.shuttle.sample.ProxyView}, by the configuration's proxy records), a backend's and
 * a server's counts and state ({@link dev.shuttle.sample.BackendView},
 * {@link dev.shuttle.sample.ServerView}, by the runtime's), a frontend's connections
 * ({@link dev.shuttle.sample.FrontendView}), and map loading ({@link dev.shuttle.sample.MapLoader},
 * by {@code pattern}). The process hands each context its {@link dev.shuttle.sample.ProcessInfo}
 * and {@code proc} variables; there is no process-wide singleton. HAProxy counterpart: sample.c,
 * vars.c, log.c (log-format parsing).
 */
package dev.shuttle.sample;
