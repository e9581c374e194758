package dev.shuttle.h2;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import java.util.List;

/**
 * A request head as the header block of a stream to an HTTP/2 server (RFC 9113 §8.3.1), whatever
 * protocol the client spoke: {@link HeadFields#ofRequest} (pseudo-headers, lower-case names,
 * connection-specific fields dropped, {@code te} only as {@code trailers}). An origin-form target
 * gets no {@code :authority} and keeps its {@code host} field: §8.3.1 forbids an intermediary
 * converting from HTTP/1.1 to make one up when the target has no authority, and HAProxy 3.5 does
 * not (an absolute-form target's authority becomes {@code :authority} and {@code host} goes).
 */
public final class ServerRequestFields {
    private ServerRequestFields() {
    }

    /** @param scheme {@code http} or {@code https}: what the connection to the server is */
    public static List<HeaderField> of(RequestHead head, String scheme) {
        return HeadFields.ofRequest(head, scheme);
    }

    /**
     * Whether a request announces a body, to be sent as DATA after its HEADERS: a chunked one, or a
     * {@code content-length} above 0 (without either, the HEADERS end the stream).
     */
    public static boolean expectsBody(RequestHead head) {
        HeaderList headers = head.headers();
        if (headers.contains("transfer-encoding")) {
            return true;
        }
        String length = headers.first("content-length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.strip()) > 0;
        } catch (NumberFormatException e) {
            return true; // the client side checked it; send what comes
        }
    }
}
