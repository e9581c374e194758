package dev.shuttle.check;

import dev.shuttle.backend.Socks4Tunnel;
import dev.shuttle.config.CheckConnect;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.KnownConnectionError;
import dev.shuttle.tls.HandshakeFailure;
import dev.shuttle.tls.VerifyOutcome;
import dev.shuttle.tls.X509Error;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;

/**
 * The default check (configuration.txt §5.2, "check"): the server is healthy when a TCP connection
 * to it opens in time ({@code L4OK}); refused or unreachable is {@code L4CON}, too slow {@code L4TOUT}.
 * A check over TLS ({@code check-ssl}, or an {@code ssl} server checked on its own address) is
 * healthy when the handshake also succeeds ({@code L6OK}); a failed handshake is {@code L6RSP}, a
 * slow one {@code L6TOUT}. Also opens the connections of the other probes ({@link #open}).
 */
public final class TcpConnectProbe implements PolledProbe {
    private final CheckConnections connections;

    public TcpConnectProbe() {
        this(CheckPreamble.NONE);
    }

    /** A connect check that sends {@code preamble} (a PROXY header) once connected. */
    public TcpConnectProbe(CheckPreamble preamble) {
        this(CheckConnections.plain(preamble));
    }

    /** A connect check made with the server's check settings ({@code check-ssl}, {@code check-sni}...). */
    public TcpConnectProbe(CheckConnections connections) {
        this.connections = connections;
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        CheckRoute route = connections.route(CheckConnect.IMPLICIT, target);
        try {
            close(open(route, timeouts, route.tls().isPresent()), route.linger());
            return CheckOutcome.of(route.tls().isPresent() ? CheckStatus.L6OK : CheckStatus.L4OK, "");
        } catch (ConnectFailure failure) {
            return failure.outcome;
        }
    }

    /** On the poller when the connection is plain TCP: no TLS, no PROXY header, no SOCKS4 proxy. */
    @Override
    public boolean startOn(CheckPoller poller, InetSocketAddress target, CheckTimeouts timeouts,
                    Consumer<CheckOutcome> done) {
        CheckRoute route = connections.route(CheckConnect.IMPLICIT, target);
        if (route.tls().isPresent() || route.preamble() != CheckPreamble.NONE) {
            return false;
        }
        poller.connect(route.target(), timeouts.connectMillis(), route.linger(), done);
        return true;
    }

    /** Opens the check's connection, or says why it did not open. */
    static Socket connect(InetSocketAddress target, CheckTimeouts timeouts) throws ConnectFailure, InterruptedException {
        return open(CheckRoute.plain(target), timeouts, true);
    }

    /**
     * Opens a connection as {@code route} says: TCP, then the PROXY header, then the TLS handshake,
     * all within the check's connect time; or says why it could not.
     *
     * @param sendsData false for a connect-only check: then, as HAProxy does on Linux, the final ACK
     *                  of the handshake is held back (no quick ACK) so that the RST that closes the
     *                  check follows the server's SYN-ACK and the server's application never sees a
     *                  connection it would have to accept and read
     * @return the socket to talk through: the TLS one when the route uses TLS
     */
    static Socket open(CheckRoute route, CheckTimeouts timeouts, boolean sendsData)
            throws ConnectFailure, InterruptedException {
        long start = System.nanoTime();
        Optional<InetSocketAddress> socks4 = route.preamble().socks4Proxy();
        Socket socket = socks4.isEmpty() ? tcp(route.target(), timeouts, sendsData)
                : throughSocks4(socks4.get(), route.target(), timeouts);
        byte[] bytes = route.preamble().bytes((InetSocketAddress) socket.getLocalSocketAddress(), route.target());
        if (bytes != null) {
            try {
                socket.getOutputStream().write(bytes);
            } catch (IOException e) {
                closeQuietly(socket);
                throw new ConnectFailure(CheckOutcome.of(CheckStatus.SOCKERR, CheckMessages.connectionError(e.getMessage())));
            }
        }
        if (route.tls().isEmpty()) {
            return socket;
        }
        CheckRoute.Tls tls = route.tls().get();
        long left = timeouts.connectMillis() - (System.nanoTime() - start) / 1_000_000;
        try {
            return tls.context().handshake(socket, "check " + route.target(), tls.sni(), tls.alpn(),
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, left))).socket();
        } catch (IOException e) {
            closeQuietly(socket);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            throw new ConnectFailure(handshakeFailed(e, tls.sni().isPresent()));
        }
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
        Socket socket = tcp(proxy, timeouts, true);
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
     * A failed handshake in HAProxy 3.5's words (checked live): too slow is {@code L6TOUT} without
     * details; a certificate whose names do not match is {@code L6RSP} "Server presented an SSL
     * certificate different from the expected one" (an SNI was sent; "... the configured one" for
     * {@code verifyhost}); anything else — an unknown CA, a server that does not speak TLS — is
     * {@code L6RSP} "SSL handshake failure".
     */
    static CheckOutcome handshakeFailed(IOException failure, boolean sniSent) {
        if (failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException) {
            return CheckOutcome.of(CheckStatus.L6TOUT, "");
        }
        HandshakeFailure classified = HandshakeFailure.classify(failure, true);
        boolean mismatch = classified.verify().flatMap(VerifyOutcome::certificateError)
                .filter(error -> error == X509Error.HOSTNAME_MISMATCH).isPresent();
        if (mismatch) {
            return CheckOutcome.of(CheckStatus.L6RSP, "Server presented an SSL certificate different from the "
                    + (sniSent ? "expected" : "configured") + " one");
        }
        return CheckOutcome.of(CheckStatus.L6RSP, "SSL handshake failure");
    }

    private static Socket tcp(InetSocketAddress target, CheckTimeouts timeouts, boolean sendsData)
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
        close(socket, false);
    }

    /** Closes a check's connection: with a FIN when {@code linger}, else with a single RST. */
    static void close(Socket socket, boolean linger) {
        try {
            if (!linger && socket.isConnected() && !socket.isClosed()) {
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
