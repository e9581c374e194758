package dev.shuttle.check;

import dev.shuttle.config.ApplicationProtocols;
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
import javax.net.ssl.SSLSocket;

/**
 * An HTTP check (configuration.txt §4, "option httpchk"): connects, sends the check's request,
 * reads the response until it is whole or the server closes, and lets {@link HttpExpectations}
 * judge it. No response in time is {@code L7TOUT}; bytes that are not an HTTP response,
 * {@code L7RSP}; a connection broken after it opened, {@code SOCKERR}.
 *
 * <p>The check speaks HTTP/2 ({@link H2CheckExchange}) when its protocol says so ({@code
 * check-proto h2}, or a {@code proto h2} server's), or over TLS when ALPN settled on {@code h2}
 * ({@code check-alpn h2}), as HAProxy 3.5 picks the check's multiplexer.
 */
public final class HttpProbe implements PolledProbe {
    /** At most this much of a response is read, as HAProxy reads one buffer ({@code tune.bufsize}'s default). */
    static final int MAX_RESPONSE = 16384;
    /** What an HTTP/2 check reads at most: a response of {@link #MAX_RESPONSE} and its frames' overhead. */
    static final int MAX_HTTP2_REPLY = 2 * MAX_RESPONSE;

    private final Supplier<byte[]> request;
    private final HttpExpectations expectations;
    private final CheckConnections connections;
    /** HTTP/2 with prior knowledge, rather than HTTP/1 unless ALPN says h2. */
    private final boolean http2;

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
        this(request, expectations, connections, false);
    }

    /** @param http2 whether the check speaks HTTP/2 with prior knowledge ({@code check-proto h2}) */
    public HttpProbe(Supplier<byte[]> request, HttpExpectations expectations, CheckConnections connections,
                     boolean http2) {
        this.request = request;
        this.expectations = expectations;
        this.connections = connections;
        this.http2 = http2;
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
            Optional<HttpCheckResponse> response;
            if (http2 || socket instanceof SSLSocket tls && ApplicationProtocols.H2.equals(tls.getApplicationProtocol())) {
                response = exchangeHttp2(socket, deadline);
            } else {
                socket.getOutputStream().write(request.get());
                socket.getOutputStream().flush();
                response = readResponse(socket, deadline);
            }
            return response.map(expectations::evaluate).orElse(CheckOutcome.of(CheckStatus.L7RSP, ""));
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
        if (http2) {
            H2CheckExchange exchange = new H2CheckExchange(request.get());
            poller.talk(route.target(), timeouts, new Conversation(exchange.opening(), exchange::judge,
                    exchange::replies, MAX_HTTP2_REPLY), done);
        } else {
            poller.talk(route.target(), timeouts, new Conversation(request.get(), HttpCheckResponse::parse,
                    () -> null, MAX_RESPONSE), done);
        }
        return true;
    }

    /** How the bytes read so far parse: HTTP/1 ({@link HttpCheckResponse#parse}) or HTTP/2 ({@link H2CheckExchange#judge}). */
    private interface ResponseParser {
        HttpCheckResponse.Parse parse(byte[] received, int length, boolean closed);
    }

    /** The check on the poller: its request out, the replies the parser owes (HTTP/2 acknowledgements), judged by the expectations. */
    private final class Conversation implements CheckPoller.Conversation {
        private final byte[] request;
        private final ResponseParser parser;
        private final Supplier<byte[]> replies;
        private final int maxReply;

        Conversation(byte[] request, ResponseParser parser, Supplier<byte[]> replies, int maxReply) {
            this.request = request;
            this.parser = parser;
            this.replies = replies;
            this.maxReply = maxReply;
        }

        @Override
        public byte[] request() {
            return request;
        }

        @Override
        public CheckOutcome judge(byte[] received, int length, boolean closed) {
            return switch (parser.parse(received, length, closed)) {
                case HttpCheckResponse.Parse.Parsed parsed -> expectations.evaluate(parsed.response());
                case HttpCheckResponse.Parse.Invalid invalid -> CheckOutcome.of(CheckStatus.L7RSP, "");
                case HttpCheckResponse.Parse.Incomplete incomplete -> null;
            };
        }

        @Override
        public byte[] reply() {
            return replies.get();
        }

        @Override
        public CheckOutcome timedOut() {
            return CheckOutcome.of(expectations.timeoutStatus(), "");
        }

        @Override
        public int maxReply() {
            return maxReply;
        }
    }

    /** The HTTP/2 check on a thread of its own (over TLS): the same exchange, with blocking reads. */
    private Optional<HttpCheckResponse> exchangeHttp2(Socket socket, long deadline) throws IOException {
        H2CheckExchange exchange = new H2CheckExchange(request.get());
        socket.getOutputStream().write(exchange.opening());
        socket.getOutputStream().flush();
        return readResponse(socket, deadline, exchange::judge, exchange::replies, MAX_HTTP2_REPLY);
    }

    /**
     * Reads a response until it is whole or the server closes, before {@code deadline} (a nanoTime).
     *
     * @return the response, or empty when the bytes are not an HTTP response
     * @throws SocketTimeoutException when the deadline passes first
     */
    static Optional<HttpCheckResponse> readResponse(Socket socket, long deadline) throws IOException {
        return readResponse(socket, deadline, HttpCheckResponse::parse, () -> null, MAX_RESPONSE);
    }

    /** {@link #readResponse(Socket, long)} with {@code parser}, writing what {@code replies} owes between reads. */
    private static Optional<HttpCheckResponse> readResponse(Socket socket, long deadline, ResponseParser parser,
                                                            Supplier<byte[]> replies, int max) throws IOException {
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
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, max));
            }
            int read = length == max ? -1 : in.read(buffer, length, buffer.length - length);
            boolean closed = read < 0;
            if (!closed) {
                length += read;
            }
            HttpCheckResponse.Parse parse = parser.parse(buffer, length, closed);
            // Owed acknowledgements go out even with the verdict (a SETTINGS read with the response).
            byte[] owed = closed ? null : replies.get();
            if (owed != null) {
                socket.getOutputStream().write(owed);
                socket.getOutputStream().flush();
            }
            switch (parse) {
                case HttpCheckResponse.Parse.Parsed parsed -> {
                    return Optional.of(parsed.response());
                }
                case HttpCheckResponse.Parse.Invalid invalid -> {
                    return Optional.empty();
                }
                case HttpCheckResponse.Parse.Incomplete incomplete -> {
                    // read on
                }
            }
        }
    }
}
