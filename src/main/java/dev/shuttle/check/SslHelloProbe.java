package dev.shuttle.check;

import dev.shuttle.config.CheckConnect;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;

/**
 * {@code option ssl-hello-chk} (configuration.txt §4): connects as any check does (the server's
 * check settings), sends the SSLv3 CLIENT HELLO of {@link SslHello}, and judges the first bytes
 * of the answer. Too slow is {@code L6TOUT}; a connection broken after it opened, {@code SOCKERR}.
 */
public final class SslHelloProbe implements Probe {
    private final CheckConnections connections;
    private final Clock clock;

    public SslHelloProbe(CheckConnections connections) {
        this(connections, Clock.systemUTC());
    }

    /** @param clock what the hello's gmt_unix_time is read from */
    SslHelloProbe(CheckConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        long start = System.nanoTime();
        CheckRoute route = connections.route(CheckConnect.IMPLICIT, target);
        Socket socket;
        try {
            socket = TcpConnectProbe.open(route, timeouts, true);
        } catch (TcpConnectProbe.ConnectFailure failure) {
            return failure.outcome;
        }
        try {
            long deadline = System.nanoTime() + timeouts.readBudget((System.nanoTime() - start) / 1_000_000) * 1_000_000;
            socket.getOutputStream().write(SslHello.clientHello(clock.instant().getEpochSecond()));
            socket.getOutputStream().flush();
            byte[] received = new byte[SslHello.MIN_RECV];
            int length = 0;
            boolean closed = false;
            InputStream in = socket.getInputStream();
            while (!SslHello.enough(length, closed)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return CheckOutcome.of(CheckStatus.L6TOUT, "");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int read = in.read(received, length, received.length - length);
                if (read < 0) {
                    closed = true;
                } else {
                    length += read;
                }
            }
            return SslHello.judge(received, length);
        } catch (SocketTimeoutException e) {
            return CheckOutcome.of(CheckStatus.L6TOUT, "");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            return CheckOutcome.of(CheckStatus.SOCKERR, "");
        } finally {
            TcpConnectProbe.close(socket, route.linger());
        }
    }
}
