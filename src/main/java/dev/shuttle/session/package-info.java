/**
 * The second step of the data path, between {@code listener} (which accepted the socket) and
 * {@code mux} (which speaks the connection's protocol): the {@link dev.shuttle.session.Session} of
 * each connection and the {@link dev.shuttle.session.ConnectionPipeline} of stages it goes through
 * first, in HAProxy's order: {@code tcp-request connection} rules, the PROXY header
 * ({@link dev.shuttle.session.ProxyStage}), TLS
 * on a {@code bind ... ssl} listener ({@link dev.shuttle.session.TlsStage}), {@code tcp-request
 * session} rules, then the protocol choice, by mode and ALPN.
 *
 * <p>HAProxy counterpart: session.c, the connection's handshake layers (connection.c), and the
 * mux choice of proto_*.c. It may import {@code listener}, {@code io}, {@code config}, {@code
 * rules}, {@code sample}, {@code stats}, {@code tls} and {@code proxyproto}; the muxes and streams after it implement its {@link
 * dev.shuttle.session.SessionHandler}.
 */
package dev.shuttle.session;
