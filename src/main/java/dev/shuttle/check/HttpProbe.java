package dev.shuttle.check;

import dev.shuttle.config.CheckConnect;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An HTTP check (configuration.txt §4, "option httpchk"): connects, sends the check's request,
 * reads the response until it is whole or the server closes, and lets {@link HttpExpectations}
 * judge it. No response in time is {@code L7TOUT}; bytes that are not an HTTP response,
 * {@code L7RSP}; a connection broken after it opened, {@code SOCKERR}.
 */
public final class HttpProbe implements PolledProbe {
    /** At most this much of a response is read, as HAProxy reads one buffer ({@code tune.bufsize}'s default). */
    static final int MAX_RESPONSE = 16384;

    private final Supplier<byte[]> request;
    private final HttpExpectations expectations;
    private final CheckConnections connections;

    /** @param request the request's bytes, made anew for each check (the state header changes) */
    public HttpProbe(Supplier<byte[]> request, HttpExpectations expectations) {
        this(request, expectations, CheckPreamble.NONE);
    }

    /** @param preamble what the connection sends before the request (a PROXY header) */
    public HttpProbe(Supplier<byte[]> request, HttpExpectations expectations, CheckPreamble preamble) {
        this(request, expectations, CheckConnections.plain(preamble));
    }

    /** @param connections the server's check settings its connection is made with (TLS, PROXY header) */
    public HttpProbe(Supplier<byte[]> request, HttpExpectations expectations, CheckConnections connections) {
        this.request = request;
        this.expectations = expectations;
        this.connections = connections;
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        long start = System.nanoTime();
        Socket socket;
        CheckRoute route = connections.route(CheckConnect.IMPLICIT, target);
        try {
            socket = TcpConnectProbe.open(route, timeouts, true);
        } catch (TcpConnectProbe.ConnectFailure failure) {
            return failure.outcome;
        }
        try {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            long deadline = System.nanoTime() + timeouts.readBudget(elapsed) * 1_000_000;
            socket.getOutputStream().write(request.get());
            socket.getOutputStream().flush();
            return readResponse(socket, deadline).map(expectations::evaluate)
                    .orElse(CheckOutcome.of(CheckStatus.L7RSP, ""));
        } catch (SocketTimeoutException e) {
            return CheckOutcome.of(expectations.timeoutStatus(), "");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            return CheckOutcome.of(CheckStatus.SOCKERR, "");
        } finally {
            TcpConnectProbe.close(socket, true); // a FIN, as before TLS checks existed: the server answered
        }
    }

    /**
     * On the poller when the connection is plain TCP (no TLS, no PROXY header, no SOCKS4 proxy): the
     * same request, read and judgement as {@link #run}, without a thread.
     */
    @Override
    public boolean startOn(CheckPoller poller, InetSocketAddress target, CheckTimeouts timeouts,
                           Consumer<CheckOutcome> done) {
        CheckRoute route = connections.route(CheckConnect.IMPLICIT, target);
        if (route.tls().isPresent() || route.preamble() != CheckPreamble.NONE) {
            return false;
        }
        poller.talk(route.target(), timeouts, new CheckPoller.Conversation() {
            @Override
            public byte[] request() {
                return request.get();
            }

            @Override
            public CheckOutcome judge(byte[] received, int length, boolean closed) {
                return switch (HttpCheckResponse.parse(received, length, closed)) {
                    case HttpCheckResponse.Parse.Parsed parsed -> expectations.evaluate(parsed.response());
                    case HttpCheckResponse.Parse.Invalid invalid -> CheckOutcome.of(CheckStatus.L7RSP, "");
                    case HttpCheckResponse.Parse.Incomplete incomplete -> null;
                };
            }

            @Override
            public CheckOutcome timedOut() {
                return CheckOutcome.of(expectations.timeoutStatus(), "");
            }

            @Override
            public int maxReply() {
                return MAX_RESPONSE;
            }
        }, done);
        return true;
    }

    /**
     * Reads a response until it is whole or the server closes, before {@code deadline} (a nanoTime).
     *
     * @return the response, or empty when the bytes are not an HTTP response
     * @throws SocketTimeoutException when the deadline passes first
     */
    static Optional<HttpCheckResponse> readResponse(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        int length = 0;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("check timeout");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_RESPONSE));
            }
            int read = length == MAX_RESPONSE ? -1 : in.read(buffer, length, buffer.length - length);
            boolean closed = read < 0;
            if (!closed) {
                length += read;
            }
            switch (HttpCheckResponse.parse(buffer, length, closed)) {
                case HttpCheckResponse.Parse.Parsed parsed -> {
                    return Optional.of(parsed.response());
                }
                case HttpCheckResponse.Parse.Invalid invalid -> {
                    return Optional.empty();
                }
                case HttpCheckResponse.Parse.Incomplete incomplete -> { }
            }
        }
    }
}
