package dev.shuttle.sample;

import java.util.Optional;

/**
 * HAProxy's connection error codes (configuration.txt, "fc_err_str": ID, name, message), which
 * {@code fc_err}/{@code bc_err}, {@code fc_err_name}/{@code bc_err_name} and
 * {@code fc_err_str}/{@code bc_err_str} return and the error log line prints. A connection without
 * error has none: its ID is 0, its name empty and its message {@value #NO_ERROR_MESSAGE}.
 *
 * <p>The IDs are HAProxy 3.5's, as its binary numbers them (checked live: a refused connect gives
 * {@code bc_err} 47, {@code EREFUSED}), which differs from the manual's table from {@code QMUX} on:
 * the manual lists neither {@code QMUX} (44) nor {@code SSL_KEYUPDATE} (58, added last), so its
 * IDs for {@code REVERSE} to {@code EPIPE} are one lower than what the fetches return. The
 * errno-based codes from {@code POLLERR} on are those a failed {@code recv}, {@code send} or
 * {@code connect} leaves; {@link SocketErrors} says which of them a Java exception can tell.
 */
public enum ConnectionError {
    CONF_FDLIM(1, "Reached configured maxconn value"),
    PROC_FDLIM(2, "Too many sockets on the process"),
    SYS_FDLIM(3, "Too many sockets on the system"),
    SYS_MEMLIM(4, "Out of system buffers"),
    NOPROTO(5, "Protocol or address family not supported"),
    SOCK_ERR(6, "General socket error"),
    PORT_RANGE(7, "Source port range exhausted"),
    CANT_BIND(8, "Can't bind to source address"),
    FREE_PORTS(9, "Out of local source ports on the system"),
    ADDR_INUSE(10, "Local source address already in use"),
    PRX_EMPTY(11, "Connection closed while waiting for PROXY protocol header"),
    PRX_ABORT(12, "Connection error while waiting for PROXY protocol header"),
    PRX_TIMEOUT(13, "Timeout while waiting for PROXY protocol header"),
    PRX_TRUNCATED(14, "Truncated PROXY protocol header received"),
    PRX_NOT_HDR(15, "Received something which does not look like a PROXY protocol header"),
    PRX_BAD_HDR(16, "Received an invalid PROXY protocol header"),
    PRX_BAD_PROTO(17, "Received an unhandled protocol in the PROXY protocol header"),
    CIP_EMPTY(18, "Connection closed while waiting for NetScaler Client IP header"),
    CIP_ABORT(19, "Connection error while waiting for NetScaler Client IP header"),
    CIP_TIMEOUT(20, "Timeout while waiting for a NetScaler Client IP header"),
    CIP_TRUNCATED(21, "Truncated NetScaler Client IP header received"),
    CIP_BAD_MAGIC(22, "Received an invalid NetScaler Client IP magic number"),
    CIP_BAD_PROTO(23, "Received an unhandled protocol in the NetScaler Client IP header"),
    SSL_EMPTY(24, "Connection closed during SSL handshake"),
    SSL_ABORT(25, "Connection error during SSL handshake"),
    SSL_TIMEOUT(26, "Timeout during SSL handshake"),
    SSL_TOO_MANY(27, "Too many SSL connections"),
    SSL_NO_MEM(28, "Out of memory when initializing an SSL connection"),
    SSL_RENEG(29, "Rejected a client-initiated SSL renegotiation attempt"),
    SSL_CA_FAIL(30, "SSL client CA chain cannot be verified"),
    SSL_CRT_FAIL(31, "SSL client certificate not trusted"),
    SSL_MISMATCH(32, "Server presented an SSL certificate different from the configured one"),
    SSL_MISMATCH_SNI(33, "Server presented an SSL certificate different from the expected one"),
    SSL_HANDSHAKE(34, "SSL handshake failure"),
    SSL_HANDSHAKE_HB(35, "SSL handshake failure after heartbeat"),
    SSL_KILLED_HB(36, "Stopped a TLSv1 heartbeat attack (CVE-2014-0160)"),
    SSL_NO_TARGET(37, "Attempt to use SSL on an unknown target (internal error)"),
    SSL_EARLY_FAILED(38, "Server refused early data"),
    SOCKS4_SEND(39, "SOCKS4 Proxy write error during handshake"),
    SOCKS4_RECV(40, "SOCKS4 Proxy read error during handshake"),
    SOCKS4_DENY(41, "SOCKS4 Proxy deny the request"),
    SOCKS4_ABORT(42, "SOCKS4 Proxy handshake aborted by server"),
    SSL_FATAL(43, "SSL fatal error"),
    /** Has a message but no name in 3.5: {@code fc_err_name} finds nothing for it. */
    QMUX(44, "Error during QMux transport parameters initial exchange"),
    REVERSE(45, "Reverse connect failure"),
    POLLERR(46, "Poller reported POLLERR"),
    EREFUSED(47, "ECONNREFUSED returned by OS"),
    ERESET(48, "ECONNRESET returned by OS"),
    EUNREACH(49, "ENETUNREACH returned by OS"),
    ENOMEM(50, "ENOMEM returned by OS"),
    EBADF(51, "EBADF returned by OS"),
    EFAULT(52, "EFAULT returned by OS"),
    EINVAL(53, "EINVAL returned by OS"),
    ENCONN(54, "ENCONN returned by OS"),
    ENSOCK(55, "ENSOCK returned by OS"),
    ENOBUFS(56, "ENOBUFS returned by OS"),
    EPIPE(57, "EPIPE returned by OS"),
    SSL_KEYUPDATE(58, "Aborted connection after a TLS 1.3 KeyUpdate flood");

    /** What {@code fc_err_str} returns for a connection without error. */
    public static final String NO_ERROR_MESSAGE = "Success";

    private final int id;
    private final String message;

    ConnectionError(int id, String message) {
        this.id = id;
        this.message = message;
    }

    /** The number {@code fc_err} returns. */
    public int id() {
        return id;
    }

    /** The message {@code fc_err_str} returns and the error log line prints. */
    public String message() {
        return message;
    }

    /**
     * The single word {@code fc_err_name} returns (the enum's name, as HAProxy names the code
     * without its {@code CO_ER_} prefix), or empty for {@link #QMUX}, which 3.5 leaves unnamed.
     */
    public Optional<String> symbolicName() {
        return this == QMUX ? Optional.empty() : Optional.of(name());
    }
}
