package dev.shuttle.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import jdk.net.ExtendedSocketOptions;

/**
 * The default check (configuration.txt §5.2, "check"): the server is healthy when a TCP connection
 * to it opens in time ({@code L4OK}); refused or unreachable is {@code L4CON}, too slow {@code L4TOUT}.
 */
public final class TcpConnectProbe implements Probe {
    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        try {
            closeQuietly(connect(target, timeouts, false));
            return CheckOutcome.of(CheckStatus.L4OK, "");
        } catch (ConnectFailure failure) {
            return failure.outcome;
        }
    }

    /** Opens the check's connection, or says why it did not open. */
    static Socket connect(InetSocketAddress target, CheckTimeouts timeouts) throws ConnectFailure, InterruptedException {
        return connect(target, timeouts, true);
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
