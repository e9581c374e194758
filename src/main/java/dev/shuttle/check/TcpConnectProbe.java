package dev.shuttle.check;

import dev.shuttle.backend.Socks4Tunnel;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.KnownConnectionError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;

/**
 * The default check (configuration.txt §5.2, "check"): the server is healthy when a TCP connection
 * to it opens in time ({@code L4OK}); refused or unreachable is {@code L4CON}, too slow {@code L4TOUT}.
 */
public final class TcpConnectProbe implements Probe {
    private final CheckPreamble preamble;

    public TcpConnectProbe() {
        this(CheckPreamble.NONE);
    }

    /** A connect check that sends {@code preamble} (a PROXY header) once connected. */
    public TcpConnectProbe(CheckPreamble preamble) {
        this.preamble = preamble;
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        try {
            closeQuietly(preamble == CheckPreamble.NONE ? connect(target, timeouts, false)
                    : connect(target, timeouts, preamble));
            return CheckOutcome.of(CheckStatus.L4OK, "");
        } catch (ConnectFailure failure) {
            return failure.outcome;
        }
    }

    /** Opens the check's connection, or says why it did not open. */
    static Socket connect(InetSocketAddress target, CheckTimeouts timeouts) throws ConnectFailure, InterruptedException {
        return connect(target, timeouts, true);
    }

    /** Opens the check's connection and sends {@code preamble}'s bytes first, or says why it could not. */
    static Socket connect(InetSocketAddress target, CheckTimeouts timeouts, CheckPreamble preamble)
            throws ConnectFailure, InterruptedException {
        Optional<InetSocketAddress> socks4 = preamble.socks4Proxy();
        Socket socket = socks4.isEmpty() ? connect(target, timeouts, true) : throughSocks4(socks4.get(), target, timeouts);
        byte[] bytes = preamble.bytes((InetSocketAddress) socket.getLocalSocketAddress(), target);
        if (bytes != null) {
            try {
                socket.getOutputStream().write(bytes);
            } catch (IOException e) {
                closeQuietly(socket);
                throw new ConnectFailure(CheckOutcome.of(CheckStatus.SOCKERR, CheckMessages.connectionError(e.getMessage())));
            }
        }
        return socket;
    }

    /**
     * Opens the check's connection through a SOCKS4 proxy ({@code check-via-socks4}), in the
     * connect timeout. Reported as HAProxy 3.5 reports it: the proxy cannot be reached, or the
     * request not written, as a layer-4 problem; once the request is out, a refusal or a proxy that
     * closes or breaks before its reply as a socket error ("SOCKS4 Proxy deny the request"); no reply
     * in time as a layer-7 timeout (the connection counts as established once the request is sent).
     */
    private static Socket throughSocks4(InetSocketAddress proxy, InetSocketAddress target, CheckTimeouts timeouts)
            throws ConnectFailure, InterruptedException {
        long started = System.nanoTime();
        Socket socket = connect(proxy, timeouts, true);
        long left = Math.max(1, timeouts.connectMillis() - (System.nanoTime() - started) / 1_000_000);
        try {
            Socks4Tunnel.handshake(socket, target, (int) Math.min(Integer.MAX_VALUE, left));
            return socket;
        } catch (KnownConnectionError e) {
            closeQuietly(socket);
            CheckStatus status = e.error() == ConnectionError.SOCKS4_SEND ? CheckStatus.L4CON : CheckStatus.SOCKERR;
            throw new ConnectFailure(CheckOutcome.of(status, e.getMessage()));
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new ConnectFailure(CheckOutcome.of(CheckStatus.L7TOUT, ""));
        } catch (IOException e) {
            closeQuietly(socket);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            throw new ConnectFailure(CheckOutcome.of(CheckStatus.SOCKERR, CheckMessages.connectionError(e.getMessage())));
        }
    }

    /**
     * @param sendsData false for a connect-only check: then, as HAProxy does on Linux, the final ACK
     *                  of the handshake is held back (no quick ACK) so that the RST that closes the
     *                  check follows the server's SYN-ACK and the server's application never sees a
     *                  connection it would have to accept and read
     */
    private static Socket connect(InetSocketAddress target, CheckTimeouts timeouts, boolean sendsData)
            throws ConnectFailure, InterruptedException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (!sendsData && socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
                socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, false);
            }
            socket.connect(target, (int) Math.min(Integer.MAX_VALUE, timeouts.connectMillis()));
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new ConnectFailure(CheckOutcome.of(CheckStatus.L4TOUT, ""));
        } catch (IOException e) {
            closeQuietly(socket);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            throw new ConnectFailure(CheckOutcome.of(CheckStatus.L4CON, CheckMessages.connectionError(e.getMessage())));
        }
    }

    /**
     * Closes a check's connection with a single RST, as HAProxy does unless {@code tcp-check
     * connect linger} asks otherwise (configuration.txt, "tcp-check connect"): no TIME_WAIT is left
     * on the proxy's side, which matters at thousands of checks per second.
     */
    static void closeQuietly(Socket socket) {
        try {
            if (socket.isConnected() && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a check's socket
        }
    }

    /** The connection did not open; {@code outcome} says how. */
    static final class ConnectFailure extends Exception {
        final transient CheckOutcome outcome;

        ConnectFailure(CheckOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
