package dev.shuttle.h1;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.ResponseHead;
import java.util.EnumSet;

/**
 * Parses a whole HTTP/1 response head (RFC 9112 §4-§7) into an {@link H1Response}. Whatever
 * cannot be accepted is a 502 for the client, as HAProxy answers.
 */
public final class H1ResponseParser {
    private H1ResponseParser() {}

    /**
     * Parses the head at the start of {@code buf[offset, offset + length)}.
     *
     * @param requestMethod the method of the request this answers: HEAD and CONNECT change the framing
     */
    public static H1Response parse(byte[] buf, int offset, int length, String requestMethod, H1Settings settings)
            throws H1ParseException {
        return parse(buf, offset, length, requestMethod, settings, null);
    }

    /**
     * As {@link #parse(byte[], int, int, String, H1Settings)}, for a request whose {@code
     * Sec-WebSocket-Key} the proxy made itself: a WebSocket answer must then carry {@code
     * expectedAccept} (null: any accept value will do).
     */
    public static H1Response parse(byte[] buf, int offset, int length, String requestMethod, H1Settings settings,
                                   String expectedAccept) throws H1ParseException {
        int end = offset + length;
        int headEnd = H1HeadScanner.findHeadEnd(buf, offset, end);
        if (headEnd < 0) {
            throw new H1ParseException(502, length > settings.maxResponseHead() ? "head too large" : "incomplete head", end);
        }
        if (headEnd - offset > settings.maxResponseHead()) {
            throw new H1ParseException(502, "head too large", offset + settings.maxResponseHead());
        }
        boolean unsafe = settings.acceptUnsafeResponse();
        int start = H1HeadScanner.skipLeadingEmptyLines(buf, offset, headEnd);
        H1StartLines.StatusLine line = H1StartLines.parseStatusLine(buf, start, headEnd, unsafe);
        H1HeaderFields.Block block = H1HeaderFields.parse(buf, line.next(), headEnd, unsafe, settings.maxHeaders() - 1, 502);
        EnumSet<H1Flag> flags = EnumSet.noneOf(H1Flag.class);
        if (line.unsafeAccepted() || block.unsafeAccepted()) {
            flags.add(H1Flag.UNSAFE_ACCEPTED);
        }
        H1MessageRules.connectionFlags(block.fields(), flags);
        checkWebSocket(block, unsafe, flags, expectedAccept);
        BodyFraming framing = framing(block, line.status(), requestMethod, flags);
        ResponseHead head = new ResponseHead(line.version(), line.status(), line.reason(), block.fields());
        return new H1Response(head, framing, flags);
    }

    /**
     * RFC 6455 §4.1: a server accepting a WebSocket upgrade answers {@code Sec-WebSocket-Accept}
     * derived from the request's key. As HAProxy 3.5's HTTP/1 side does, a WebSocket response
     * ({@code Connection: upgrade} and {@code Upgrade: websocket}) without one is refused, and when
     * the proxy made the key (an HTTP/2 extended CONNECT has none, RFC 8441 §5) the value must be
     * the one it implies (compared ignoring case, as HAProxy does); unsafe mode lets both through.
     */
    private static void checkWebSocket(H1HeaderFields.Block block, boolean unsafe, EnumSet<H1Flag> flags,
                                       String expectedAccept) throws H1ParseException {
        if (!flags.contains(H1Flag.WEBSOCKET)) {
            return;
        }
        String accept = block.fields().first("Sec-WebSocket-Accept");
        boolean valid = accept != null && (expectedAccept == null || expectedAccept.equalsIgnoreCase(accept));
        if (!valid) {
            if (!unsafe) {
                throw new H1ParseException(502, accept == null ? "WebSocket response without an accept key"
                        : "WebSocket response with a wrong accept key",
                        block.positionOf(accept == null ? "Upgrade" : "Sec-WebSocket-Accept"));
            }
            flags.add(H1Flag.UNSAFE_ACCEPTED);
        }
    }

    /** RFC 9112 §6.3, in its order. */
    private static BodyFraming framing(H1HeaderFields.Block block, int status, String requestMethod,
            EnumSet<H1Flag> flags) throws H1ParseException {
        HeaderList fields = block.fields();
        long length = H1MessageRules.contentLength(block, 502);
        H1MessageRules.Codings codings = H1MessageRules.codings(block, 502);
        if (codings.otherCodings()) {
            // RFC 9112 §6.3 point 4 would read such a body until close; HAProxy refuses it.
            throw new H1ParseException(502, "unsupported transfer coding", block.positionOf("Transfer-Encoding"));
        }
        if (status == 101) {
            // RFC 9110 §15.2.2: a 101 says which protocol follows; HAProxy refuses one without Upgrade.
            if (!fields.contains("Upgrade")) {
                throw new H1ParseException(502, "101 without Upgrade", block.end());
            }
            return BodyFraming.TUNNEL;
        }
        // Point 1: HEAD, 1xx, 204 and 304 responses end with their head (a status below 100 is a
        // final response with a body for HAProxy 3.5).
        if ("HEAD".equals(requestMethod) || status >= 100 && status < 200 || status == 304) {
            return BodyFraming.NONE;
        }
        if (status == 204) {
            // HAProxy strips the framing fields of a 204 (RFC 9110 §8.6: it must not send them).
            fields.removeAll("Content-Length");
            fields.removeAll("Transfer-Encoding");
            return BodyFraming.NONE;
        }
        // Point 2: a 2xx to CONNECT turns the connection into a tunnel.
        if ("CONNECT".equals(requestMethod) && status < 300) {
            return BodyFraming.TUNNEL;
        }
        // Point 3: chunked wins over Content-Length, which is removed; the connection won't be reused.
        if (codings.chunked()) {
            if (length >= 0) {
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
        // Point 7: no length, the body runs until the server closes (HTTP/1.0 and 1.1 alike).
        return BodyFraming.UNTIL_CLOSE;
    }
}
