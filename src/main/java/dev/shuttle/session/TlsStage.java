package dev.shuttle.session;

import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.io.BufferPool;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.TerminationEvent;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.tls.ClientHello;
import dev.shuttle.tls.Established;
import dev.shuttle.tls.FrontTls;
import dev.shuttle.tls.HandshakeFailure;
import dev.shuttle.tls.OpenSslError;
import dev.shuttle.tls.VerifyOutcome;
import dev.shuttle.tls.X509Error;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;

/**
 * The TLS stage of a {@code bind ... ssl} listener (HAProxy's SSL transport layer on the accepted
 * connection), between the {@code tcp-request connection} and {@code tcp-request session} rules.
 *
 * <p>It reads the client's ClientHello first, without answering: its SNI chooses the certificate,
 * whose line's settings choose the JSSE context ({@link FrontTls#prepare}); a client whose name
 * matches nothing under {@code strict-sni} gets an {@code unrecognized_name} alert. Then JSSE runs
 * the handshake over the same socket, the ClientHello replayed to it, on this virtual thread. The
 * whole handshake is bounded by {@code timeout client-hs}, else {@code timeout client}: the
 * process's deadline watcher shuts the socket's input down when it passes.
 *
 * <p>On success the session learns what was settled ({@link Session#secured}), and the connection
 * goes on as the {@code SSLSocket} and a new read buffer over its plaintext. On failure the
 * connection ends here, with HAProxy's error log line and the error recorded for {@code fc_err}.
 */
final class TlsStage implements ConnectionStage {
    /** A TLS alert record: fatal (2), unrecognized_name (112), as a TLS 1.2 record (RFC 8446 §6). */
    private static final byte[] UNRECOGNIZED_NAME_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70};

    private final FrontTls tls;
    private final ReadDeadlines deadlines;
    private final BufferPool buffers;
    private final ConnectionErrorLog errors;
    private final String listenerLabel;
    private final TlsCounters counters;

    TlsStage(FrontTls tls, ReadDeadlines deadlines, BufferPool buffers, ConnectionErrorLog errors, String listenerLabel,
             TlsCounters counters) {
        this.tls = tls;
        this.counters = counters;
        this.deadlines = deadlines;
        this.buffers = buffers;
        this.errors = errors;
        this.listenerLabel = listenerLabel;
    }

    /** How reading the ClientHello ended. */
    private sealed interface HelloRead {
        record Read(ClientHello hello) implements HelloRead {}

        record Failed(HandshakeFailure failure, boolean anyByte) implements HelloRead {}
    }

    @Override
    public Outcome run(Session session, ClientConnection connection) throws IOException {
        session.context().tlsListener(true);
        Timeouts timeouts = session.frontend().config().timeouts();
        long timeoutMillis = timeouts.getOr(TimeoutKind.CLIENT_HS, TimeoutKind.CLIENT);
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : Long.MAX_VALUE;
        Socket socket = connection.socket();
        InputBuffer input = connection.input();
        Established established;
        String served;
        try (ReadDeadlines.Watch watch = deadlines.register(socket)) {
            HelloRead read = readHello(input, watch, deadline);
            if (read instanceof HelloRead.Failed failed) {
                return fail(session, failed.failure(), failed.anyByte());
            }
            ClientHello hello = ((HelloRead.Read) read).hello();
            Optional<FrontTls.Prepared> prepared = tls.prepare(hello);
            if (prepared.isEmpty()) {
                sendAlert(socket);
                return fail(session, HandshakeFailure.of(HandshakeFailure.Kind.FAILED, OpenSslError.UNRECOGNIZED_NAME),
                        true);
            }
            served = prepared.get().candidate().entry().certificate();
            byte[] replay = Arrays.copyOfRange(input.array(), input.start(), input.end());
            input.consume(input.buffered());
            input.releaseIfEmpty();
            if (deadline != Long.MAX_VALUE) {
                watch.arm(deadline);
            }
            try {
                established = tls.handshake(socket, replay, prepared.get(), hello.serverName());
            } catch (IOException e) {
                boolean expired = watch.disarm();
                return fail(session, expired ? new HandshakeFailure(HandshakeFailure.Kind.TIMEOUT, Optional.empty(),
                        Optional.empty()) : HandshakeFailure.classify(e, true), true);
            }
            watch.disarm();
        }
        VerifyOutcome verify = established.verify();
        counters.frontHandshake(established.resumed());
        session.secured(TlsConnection.of(established.session(), established.serverName(), established.alpn(),
                established.resumed(), served,
                verify.certificateError().map(X509Error::code).orElse(0),
                verify.chainError().map(X509Error::code).orElse(0), verify.chainErrorDepth(), established.beneath()));
        InputBuffer plain = new InputBuffer(established.socket().getInputStream(), buffers);
        return new Outcome.Proceed(new ClientConnection(established.socket(), plain, socket));
    }

    /** Reads until a whole ClientHello is buffered, or the client closes, stops making sense, or times out. */
    private static HelloRead readHello(InputBuffer input, ReadDeadlines.Watch watch, long deadline) throws IOException {
        while (true) {
            int buffered = input.buffered();
            byte[] bytes = buffered == 0 ? new byte[0] : Arrays.copyOfRange(input.array(), input.start(), input.end());
            ClientHello.Reading reading = ClientHello.read(bytes, bytes.length);
            switch (reading) {
                case ClientHello.Reading.Complete complete -> {
                    return new HelloRead.Read(complete.hello());
                }
                case ClientHello.Reading.NotTls notTls -> {
                    return new HelloRead.Failed(HandshakeFailure.of(HandshakeFailure.Kind.FAILED, notTls.reason()), true);
                }
                case ClientHello.Reading.NeedMore more -> {
                    if (more.atLeast() > input.capacity()) {
                        return new HelloRead.Failed(HandshakeFailure.of(HandshakeFailure.Kind.FAILED,
                                OpenSslError.BAD_CLIENT_HELLO), true);
                    }
                }
            }
            if (deadline != Long.MAX_VALUE) {
                if (deadline - System.nanoTime() <= 0) {
                    return timedOut(buffered);
                }
                watch.arm(deadline);
            }
            int count;
            boolean expired;
            try {
                count = input.fill();
            } catch (IOException e) {
                expired = watch.disarm();
                if (expired) {
                    return timedOut(buffered);
                }
                // 3.5-dev5 with OpenSSL 3, checked live: a reset before the whole ClientHello (nothing
                // sent or part of it) is a handshake failure without an OpenSSL error (ssl_fc_err 0).
                return new HelloRead.Failed(new HandshakeFailure(HandshakeFailure.Kind.FAILED, Optional.empty(),
                        Optional.empty()), buffered > 0);
            }
            expired = watch.disarm();
            if (expired) {
                return timedOut(input.buffered());
            }
            if (count < 0) {
                // 3.5-dev5, checked live: a close before the whole ClientHello, whether nothing or part
                // of it came, is SSL_EMPTY (OpenSSL is still in its first state), ssl_fc_err 0.
                return new HelloRead.Failed(new HandshakeFailure(HandshakeFailure.Kind.CLOSED, Optional.empty(),
                        Optional.empty()), input.buffered() > 0);
            }
        }
    }

    private static HelloRead timedOut(int buffered) {
        return new HelloRead.Failed(new HandshakeFailure(HandshakeFailure.Kind.TIMEOUT, Optional.empty(),
                Optional.empty()), buffered > 0);
    }

    private static void sendAlert(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(UNRECOGNIZED_NAME_ALERT);
            out.flush();
        } catch (IOException gone) {
            // the client left already
        }
    }

    /**
     * Records, counts and logs a failed handshake; the connection ends. Its termination event, as
     * 3.5 reports it on the client connection (ssl_sock.c reports a handshake event only for a TLS
     * error; checked live): a close is the socket's end of stream ({@code {f2,...}}), a timeout
     * leaves nothing, any other failure (not TLS, a reset, a refused certificate...) is the
     * handshake's truncated receive error ({@code {h6,...}}).
     */
    private Outcome fail(Session session, HandshakeFailure failure, boolean anyByte) {
        switch (failure.kind()) {
            case CLOSED -> session.context().terminationEvents().frontConnection(TerminationEvent.FD_SHUTR);
            case TIMEOUT -> { }
            case ABORTED, FAILED, CA_FAILED, CERTIFICATE_FAILED ->
                    session.context().terminationEvents().frontConnection(TerminationEvent.HS_TRUNCATED_RCV_ERR);
        }
        ConnectionError error = switch (failure.kind()) {
            case CLOSED -> ConnectionError.SSL_EMPTY;
            case ABORTED -> ConnectionError.SSL_ABORT;
            case TIMEOUT -> ConnectionError.SSL_TIMEOUT;
            case CA_FAILED -> ConnectionError.SSL_CA_FAIL;
            case CERTIFICATE_FAILED -> ConnectionError.SSL_CRT_FAIL;
            case FAILED -> ConnectionError.SSL_HANDSHAKE;
        };
        session.failed(error, failure.sslError().map(OpenSslError::code).orElse(0),
                failure.sslError().map(OpenSslError::text).orElse(""));
        counters.frontFailed();
        Optional<String> detail = error == ConnectionError.SSL_HANDSHAKE
                ? failure.sslError().map(OpenSslError::detail) : Optional.empty();
        errors.failed(session, listenerLabel, error, detail, anyByte);
        return Outcome.ENDED;
    }
}
