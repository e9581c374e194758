package dev.shuttle.sample;

import java.io.EOFException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Which {@link ConnectionError} a failed socket call leaves, told from the Java exception that
 * reports it: what {@code fc_err}/{@code bc_err} return after a failed {@code connect}, read or
 * write. HAProxy sees the {@code errno} of the system call (connection.c, "conn_set_errno"); the
 * JDK turns it into an exception whose class, and whose message (the C library's text for the
 * {@code errno}, or the JDK's own words), are all Shuttle can read. The table, first match wins:
 *
 * <table>
 * <caption>Java exception to connection error</caption>
 * <tr><th>Java sees</th><th>errno behind it</th><th>code</th></tr>
 * <tr><td>{@link KnownConnectionError} (a SOCKS4 proxy's refusal...)</td><td>none: Shuttle's own
 *     finding</td><td>its own</td></tr>
 * <tr><td>{@code SocketTimeoutException} (connect or read timeout)</td><td>none: a timer, not a
 *     failed call</td><td>none</td></tr>
 * <tr><td>{@code EOFException}, {@code ClosedChannelException}, "Socket closed"</td><td>none: a
 *     clean close, or Shuttle closed the socket itself</td><td>none</td></tr>
 * <tr><td>{@code SSLHandshakeException}</td><td>TLS handshake failure</td><td>{@code SSL_HANDSHAKE}</td></tr>
 * <tr><td>another {@code SSLException}</td><td>TLS fatal alert while reading or writing</td><td>{@code SSL_FATAL}</td></tr>
 * <tr><td>"Connection refused" ({@code ConnectException})</td><td>ECONNREFUSED</td><td>{@code EREFUSED}</td></tr>
 * <tr><td>"Connection reset", "Connection reset by peer"</td><td>ECONNRESET</td><td>{@code ERESET}</td></tr>
 * <tr><td>"Broken pipe"</td><td>EPIPE</td><td>{@code EPIPE}</td></tr>
 * <tr><td>{@code NoRouteToHostException}, "No route to host", "Network is unreachable"</td>
 *     <td>EHOSTUNREACH, ENETUNREACH</td><td>{@code EUNREACH}</td></tr>
 * <tr><td>"No buffer space available"</td><td>ENOBUFS</td><td>{@code ENOBUFS}</td></tr>
 * <tr><td>"Cannot allocate memory"</td><td>ENOMEM</td><td>{@code ENOMEM}</td></tr>
 * <tr><td>"Transport endpoint is not connected"</td><td>ENOTCONN</td><td>{@code ENCONN}</td></tr>
 * <tr><td>"Socket operation on non-socket"</td><td>ENOTSOCK</td><td>{@code ENSOCK}</td></tr>
 * <tr><td>"Bad file descriptor"</td><td>EBADF</td><td>{@code EBADF}</td></tr>
 * <tr><td>"Invalid argument"</td><td>EINVAL</td><td>{@code EINVAL}</td></tr>
 * <tr><td>"Too many open files in system"</td><td>ENFILE</td><td>{@code SYS_FDLIM}</td></tr>
 * <tr><td>"Too many open files"</td><td>EMFILE</td><td>{@code PROC_FDLIM}</td></tr>
 * <tr><td>"Address already in use" ({@code BindException})</td><td>EADDRINUSE</td><td>{@code ADDR_INUSE}</td></tr>
 * <tr><td>"Cannot assign requested address" ({@code BindException})</td><td>EADDRNOTAVAIL</td><td>{@code FREE_PORTS}</td></tr>
 * <tr><td>any other {@code SocketException} ("Connection timed out", "Permission denied"...)</td>
 *     <td>another errno</td><td>{@code SOCK_ERR}</td></tr>
 * <tr><td>any other {@code IOException}</td><td>none known: Shuttle's own failure</td><td>none</td></tr>
 * </table>
 *
 * <p>Codes Java cannot tell: {@code POLLERR} (the JDK's poller never says that it saw POLLERR
 * rather than an error of the call itself: the call's errno is what surfaces), {@code EFAULT}
 * (a bad buffer address cannot happen from Java), the NetScaler CIP, QMux and reverse
 * connect codes (Shuttle has none of these features), and {@code SYS_MEMLIM}/{@code NOPROTO}
 * from {@code socket()} (the JDK reports them as a plain "Cannot allocate memory" or
 * "Address family not supported by protocol", the second mapped to {@code SOCK_ERR}). The texts
 * are the C library's {@code strerror} in English, as the JVM reads them under the usual C or
 * English locales; a JVM run under another {@code LC_MESSAGES} sees translated texts, which fall
 * to {@code SOCK_ERR}.
 */
public final class SocketErrors {
    private SocketErrors() {}

    /** The connection error {@code failure} (or one of its causes) reports, if it reports one. */
    public static Optional<ConnectionError> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            ConnectionError error = classify(cause);
            if (error != null) {
                return Optional.of(error);
            }
            if (isSilent(cause)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A timeout or a clean close: the call did not fail, so there is no error code. */
    private static boolean isSilent(Throwable failure) {
        return failure instanceof SocketTimeoutException || failure instanceof EOFException
                || failure instanceof ClosedChannelException || "Socket closed".equals(failure.getMessage())
                || "Socket is closed".equals(failure.getMessage()); // the same, from a channel's socket
    }

    private static ConnectionError classify(Throwable failure) {
        if (failure instanceof KnownConnectionError known) {
            return known.error();
        }
        if (isSilent(failure)) {
            return null;
        }
        if (failure instanceof SSLHandshakeException) {
            return ConnectionError.SSL_HANDSHAKE;
        }
        if (failure instanceof SSLException) {
            return ConnectionError.SSL_FATAL;
        }
        if (failure instanceof NoRouteToHostException) {
            return ConnectionError.EUNREACH;
        }
        ConnectionError byMessage = byMessage(failure.getMessage());
        if (byMessage != null) {
            return byMessage;
        }
        if (failure instanceof ConnectException || failure instanceof BindException
                || failure instanceof SocketException) {
            return ConnectionError.SOCK_ERR;
        }
        return null;
    }

    /** The C library's text for an errno (or the JDK's words for one), as the JDK puts it in the message. */
    private static ConnectionError byMessage(String message) {
        if (message == null) {
            return null;
        }
        // Some JDK paths add a detail after the text ("Connection refused: connect", "... (Write failed)").
        int detail = indexOfDetail(message);
        return switch (detail < 0 ? message : message.substring(0, detail).trim()) {
            case "Connection refused" -> ConnectionError.EREFUSED;
            case "Connection reset", "Connection reset by peer" -> ConnectionError.ERESET;
            case "Broken pipe" -> ConnectionError.EPIPE;
            case "No route to host", "Network is unreachable" -> ConnectionError.EUNREACH;
            case "No buffer space available" -> ConnectionError.ENOBUFS;
            case "Cannot allocate memory" -> ConnectionError.ENOMEM;
            case "Transport endpoint is not connected" -> ConnectionError.ENCONN;
            case "Socket operation on non-socket" -> ConnectionError.ENSOCK;
            case "Bad file descriptor" -> ConnectionError.EBADF;
            case "Invalid argument" -> ConnectionError.EINVAL;
            case "Too many open files in system" -> ConnectionError.SYS_FDLIM;
            case "Too many open files" -> ConnectionError.PROC_FDLIM;
            case "Address already in use" -> ConnectionError.ADDR_INUSE;
            case "Cannot assign requested address" -> ConnectionError.FREE_PORTS;
            default -> null;
        };
    }

    private static int indexOfDetail(String message) {
        int colon = message.indexOf(':');
        int parenthesis = message.indexOf('(');
        return colon < 0 ? parenthesis : parenthesis < 0 ? colon : Math.min(colon, parenthesis);
    }
}
