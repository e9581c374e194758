package dev.shuttle.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The default check (configuration.txt §5.2, "check"): the server is healthy when a TCP connection
 * to it opens in time ({@code L4OK}); refused or unreachable is {@code L4CON}, too slow {@code L4TOUT}.
 */
public final class TcpConnectProbe implements Probe {
    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        try {
            closeQuietly(connect(target, timeouts));
            return CheckOutcome.of(CheckStatus.L4OK, "");
        } catch (ConnectFailure failure) {
            return failure.outcome;
        }
    }

    /** Opens the check's connection, or says why it did not open. */
    static Socket connect(InetSocketAddress target, CheckTimeouts timeouts) throws ConnectFailure, InterruptedException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
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

    static void closeQuietly(Socket socket) {
        try {
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
