package dev.shuttle.session;

import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.proxyproto.ProxyHeader;
import dev.shuttle.proxyproto.ProxyParseError;
import dev.shuttle.proxyproto.ProxyParser;
import dev.shuttle.proxyproto.ReceiverLimits;
import dev.shuttle.sample.ConnectionError;
import java.io.IOException;
import java.util.Optional;

/**
 * The PROXY header's stage (proxy-protocol.txt; configuration.txt, bind "accept-proxy" and
 * "tcp-request connection expect-proxy layer4"): right after the {@code tcp-request connection}
 * rules and before TLS, a connection of an {@code accept-proxy} listener, or one a rule asked it of,
 * must start with a PROXY header, version 1 or 2. Any other connection passes untouched.
 *
 * <p>The header is read into the connection's buffer within {@code timeout client-hs}, else {@code
 * timeout client}, and parsed by {@link ProxyParser} after each read; the bytes after it stay in the
 * buffer for the next layer. A header that names a client replaces the session's {@code src} and
 * {@code dst} ({@link Session#proxied}); {@code fc_src}/{@code fc_dst} stay the socket's; LOCAL and
 * {@code UNKNOWN} keep the socket's addresses.
 *
 * <p>A connection that does not deliver a header ends here, before anything reaches a backend, with
 * its {@code PRX_*} error ({@code fc_err}) and HAProxy's error log line: {@code PRX_EMPTY} (closed
 * before any byte), {@code PRX_ABORT} (reset), {@code PRX_TIMEOUT}, {@code PRX_TRUNCATED} (closed
 * within the header, a header larger than the buffer, or fewer than 16 bytes that start no header, as
 * 3.5 calls them), and the parser's {@code PRX_NOT_HDR},
 * {@code PRX_BAD_HDR}, {@code PRX_BAD_PROTO}. Unlike HAProxy 3.5, which peeks once and calls a header
 * split over two TCP segments truncated, this stage waits for the rest (the spec, §2.1, recommends
 * being tolerant).
 */
final class ProxyStage implements ConnectionStage {
    private final boolean acceptProxy;
    private final ReadDeadlines deadlines;
    private final ConnectionErrorLog errors;
    private final String listenerLabel;

    /**
     * @param acceptProxy   whether the listener was declared {@code accept-proxy}; otherwise only the
     *                      connections an {@code expect-proxy} rule picked read a header
     * @param listenerLabel the listener's {@code name}, else its number, for the error log line
     */
    ProxyStage(boolean acceptProxy, ReadDeadlines deadlines, ConnectionErrorLog errors, String listenerLabel) {
        this.acceptProxy = acceptProxy;
        this.deadlines = deadlines;
        this.errors = errors;
        this.listenerLabel = listenerLabel;
    }

    /** How reading the header ended: a header, or a connection error and whether any byte came. */
    private sealed interface HeaderRead {
        record Read(ProxyHeader header, int length) implements HeaderRead {}

        record Failed(ConnectionError error, boolean anyByte) implements HeaderRead {}
    }

    @Override
    public Outcome run(Session session, ClientConnection connection) throws IOException {
        if (!acceptProxy && !session.context().proxyHeaderExpected()) {
            return new Outcome.Proceed(connection);
        }
        Timeouts timeouts = session.frontend().config().timeouts();
        long timeoutMillis = timeouts.getOr(TimeoutKind.CLIENT_HS, TimeoutKind.CLIENT);
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : Long.MAX_VALUE;
        InputBuffer input = connection.input();
        HeaderRead read;
        try (ReadDeadlines.Watch watch = deadlines.register(connection.socket())) {
            read = readHeader(input, watch, deadline);
        }
        if (read instanceof HeaderRead.Failed failed) {
            session.failed(failed.error(), 0, "");
            errors.failed(session, listenerLabel, failed.error(), Optional.empty(), failed.anyByte());
            return Outcome.ENDED;
        }
        HeaderRead.Read header = (HeaderRead.Read) read;
        input.consume(header.length());
        session.proxied(header.header());
        return new Outcome.Proceed(connection);
    }

    /** Reads until the buffered bytes hold a whole header, or say they never will, or the client is gone or late. */
    private static HeaderRead readHeader(InputBuffer input, ReadDeadlines.Watch watch, long deadline) {
        ReceiverLimits limits = ReceiverLimits.haproxy(input.capacity());
        while (true) {
            int buffered = input.buffered();
            if (buffered > 0) {
                try {
                    ProxyParser.Parsed parsed = ProxyParser.parse(input.array(), input.start(), buffered, limits);
                    if (parsed instanceof ProxyParser.Parsed.Complete complete) {
                        return new HeaderRead.Read(complete.header(), complete.length());
                    }
                } catch (ProxyParseError e) {
                    return new HeaderRead.Failed(ConnectionError.valueOf(e.code().name()), true);
                }
            }
            if (deadline != Long.MAX_VALUE) {
                if (deadline - System.nanoTime() <= 0) {
                    return new HeaderRead.Failed(ConnectionError.PRX_TIMEOUT, buffered > 0);
                }
                watch.arm(deadline);
            }
            int count;
            try {
                count = input.fill();
            } catch (IOException e) {
                boolean expired = watch.disarm();
                return new HeaderRead.Failed(expired ? ConnectionError.PRX_TIMEOUT : ConnectionError.PRX_ABORT,
                        input.buffered() > 0);
            }
            if (watch.disarm()) {
                return new HeaderRead.Failed(ConnectionError.PRX_TIMEOUT, input.buffered() > 0);
            }
            if (count == 0) {
                return new HeaderRead.Failed(ConnectionError.PRX_TRUNCATED, true); // the buffer is full
            }
            if (count < 0) {
                return input.buffered() == 0 ? new HeaderRead.Failed(ConnectionError.PRX_EMPTY, false)
                        : new HeaderRead.Failed(ConnectionError.PRX_TRUNCATED, true);
            }
        }
    }
}
