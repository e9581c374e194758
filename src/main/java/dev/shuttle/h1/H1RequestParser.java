package dev.shuttle.h1;

import dev.shuttle.http.Authority;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.RequestTarget;
import dev.shuttle.http.RequestTargetException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Parses a whole HTTP/1 request head (RFC 9112 §2-§7) into an {@link H1Request}, applying
 * HAProxy 3.x's verdicts: what it refuses with 400, 413, 422 or 431, and what it accepts and
 * normalises.
 */
public final class H1RequestParser {
    private static final Set<String> NO_PAYLOAD_IN_HTTP10 = Set.of("GET", "HEAD", "DELETE");

    private H1RequestParser() {}

    /** Parses the head at the start of {@code buf[offset, offset + length)}; body bytes after it are ignored. */
    public static H1Request parse(byte[] buf, int offset, int length, H1Settings settings) throws H1ParseException {
        int end = offset + length;
        int headEnd = H1HeadScanner.findHeadEnd(buf, offset, end);
        if (headEnd < 0) {
            throw length > settings.maxRequestHead()
                    ? new H1ParseException(431, "head too large", end)
                    : new H1ParseException(400, "incomplete head", end);
        }
        if (headEnd - offset > settings.maxRequestHead()) {
            // HAProxy 3.x: a whole head that does not fit the buffer's usable room is 431, whichever
            // line made it too long (414 is for a request line that never ended within the buffer).
            throw new H1ParseException(431, "head too large", offset + settings.maxRequestHead());
        }
        boolean unsafe = settings.acceptUnsafeRequest();
        int start = H1HeadScanner.skipLeadingEmptyLines(buf, offset, headEnd);
        H1StartLines.RequestLine line = H1StartLines.parseRequestLine(buf, start, headEnd, unsafe);
        if (line.method().equals("PRI")) {
            // RFC 9113 §3.4: PRI only starts the HTTP/2 preface; HAProxy refuses it in an HTTP/1 request.
            throw new H1ParseException(400, "PRI method in an HTTP/1 request", start);
        }
        // tune.http.maxhdr counts the request line as one of the header lines.
        H1HeaderFields.Block block = H1HeaderFields.parse(buf, line.next(), headEnd, unsafe, settings.maxHeaders() - 1, 400);
        EnumSet<H1Flag> flags = EnumSet.noneOf(H1Flag.class);
        if (line.unsafeAccepted() || block.unsafeAccepted()) {
            flags.add(H1Flag.UNSAFE_ACCEPTED);
        }
        HeaderList fields = block.fields();
        boolean connect = line.method().equals("CONNECT");
        RequestTarget target;
        try {
            target = RequestTarget.parse(line.target(), line.method(), line.targetPosition());
        } catch (RequestTargetException e) {
            throw new H1ParseException(400, e.reason(), e.position());
        }
        checkHost(block, target, line.targetPosition(), unsafe, flags);

        BodyFraming framing = framing(block, line, settings, flags);
        H1MessageRules.connectionFlags(fields, flags);
        checkWebSocket(block, unsafe, flags);
        // RFC 9110 §10.1.1: a server ignores 100-continue in an HTTP/1.0 request.
        if (line.version() == HttpVersion.HTTP_1_1 && "100-continue".equalsIgnoreCase(fields.first("Expect"))) {
            flags.add(H1Flag.EXPECT_CONTINUE);
        }
        RequestHead head = new RequestHead(line.method(), line.target(), line.version(), fields);
        return new H1Request(head, framing, flags, target);
    }

    /**
     * RFC 9112 §3.2: the first Host value and the target's authority must not hold a character
     * HAProxy 3.x refuses there ({@link Authority}); several Host fields are refused unless they
     * agree (HAProxy keeps one), and an absolute-form or authority-form target must agree with Host (HAProxy refuses a mismatch
     * unless in unsafe mode). A missing Host in HTTP/1.1 is accepted, as HAProxy accepts it,
     * although RFC 9112 §3.2 asks for a 400.
     */
    private static void checkHost(H1HeaderFields.Block block, RequestTarget target, int targetPosition, boolean unsafe,
            EnumSet<H1Flag> flags) throws H1ParseException {
        HeaderList fields = block.fields();
        String host = fields.first("Host");
        if (host != null && Authority.hasForbiddenChar(host)) {
            throw new H1ParseException(400, "forbidden character in Host", block.positionOf("Host"));
        }
        if (host != null && fields.count("Host") > 1) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).hasName("Host") && !fields.get(i).value().equalsIgnoreCase(host)) {
                    throw new H1ParseException(400, "several different Host fields", block.positionOf("Host"));
                }
            }
            fields.set(H1MessageRules.nameOfFirst(fields, "Host"), host);
        }
        String hostAndPort = target.hostAndPort();
        if (hostAndPort != null && Authority.hasForbiddenChar(hostAndPort)) {
            // HAProxy 3.x lets the unsafe mode through here, not for Host above.
            if (!unsafe) {
                throw new H1ParseException(400, "forbidden character in the target's authority", targetPosition);
            }
            flags.add(H1Flag.UNSAFE_ACCEPTED);
        }
        String authority = target.hostForComparison();
        if (authority != null && host != null
                && !authority.equals(RequestTarget.normalizeHost(host, target.scheme()))) {
            if (!unsafe) {
                throw new H1ParseException(400, "target authority differs from Host", block.positionOf("Host"));
            }
            flags.add(H1Flag.UNSAFE_ACCEPTED);
        }
    }

    /** RFC 9112 §6.3 for requests: chunked, else Content-Length, else no body. */
    private static BodyFraming framing(H1HeaderFields.Block block, H1StartLines.RequestLine line, H1Settings settings,
            EnumSet<H1Flag> flags) throws H1ParseException {
        HeaderList fields = block.fields();
        long length = H1MessageRules.contentLength(block, 400);
        H1MessageRules.Codings codings = H1MessageRules.codings(block, 400);
        if (codings.otherCodings()) {
            // HAProxy answers 422 to a request whose codings before chunked it cannot undo.
            throw new H1ParseException(422, "unsupported transfer coding", block.positionOf("Transfer-Encoding"));
        }
        boolean http10 = line.version() == HttpVersion.HTTP_1_0;
        if (http10 && !settings.acceptPayloadWithAnyMethod() && NO_PAYLOAD_IN_HTTP10.contains(line.method())
                && (codings.chunked() || length > 0)) {
            // h1-accept-payload-with-any-method: old HTTP/1.0 servers ignore such a body (smuggling).
            throw new H1ParseException(413, "payload in HTTP/1.0 " + line.method(), block.positionOf(
                    codings.chunked() ? "Transfer-Encoding" : "Content-Length"));
        }
        if (line.method().equals("CONNECT")) {
            // RFC 9110 §9.3.6: a CONNECT request has no content; HAProxy drops its Content-Length.
            fields.removeAll("Content-Length");
            return BodyFraming.NONE;
        }
        if (codings.chunked()) {
            if (length >= 0 || http10) {
                // RFC 9112 §6.3 point 3: Transfer-Encoding overrides Content-Length, which is
                // removed before forwarding; the connection is closed after the exchange.
                fields.removeAll("Content-Length");
                flags.add(H1Flag.CLOSE_SERVER_AFTER);
            }
            H1MessageRules.normalizeChunked(fields);
            return BodyFraming.CHUNKED;
        }
        if (length >= 0) {
            H1MessageRules.normalizeContentLength(fields, length);
            return new BodyFraming.Length(length);
        }
        return BodyFraming.NONE;
    }

    /**
     * RFC 6455 §4.1: a WebSocket handshake carries a Sec-WebSocket-Key of 16 base64 bytes (24
     * characters). HAProxy refuses one without it (3.x lets unsafe mode through); it checks only
     * the length.
     */
    private static void checkWebSocket(H1HeaderFields.Block block, boolean unsafe, EnumSet<H1Flag> flags)
            throws H1ParseException {
        if (!flags.contains(H1Flag.WEBSOCKET)) {
            return;
        }
        String key = block.fields().first("Sec-WebSocket-Key");
        if (key == null || key.length() != 24) {
            if (!unsafe) {
                throw new H1ParseException(400, "WebSocket request without a valid key",
                        block.positionOf(key == null ? "Upgrade" : "Sec-WebSocket-Key"));
            }
            flags.add(H1Flag.UNSAFE_ACCEPTED);
        }
    }
}
