package dev.shuttle.h2;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import java.util.List;

/**
 * A request head as the header block of a stream to an HTTP/2 server (RFC 9113 §8.3.1), whatever
 * protocol the client spoke: {@link HeadFields#ofRequest} (pseudo-headers, lower-case names,
 * connection-specific fields dropped, {@code te} only as {@code trailers}), and, for an
 * origin-form target, the {@code host} field moved into {@code :authority} (§8.3.1: a client
 * that produces an HTTP/2 request from HTTP/1.1 puts {@code Host} there; HAProxy 3.x does so).
 */
public final class ServerRequestFields {
    private ServerRequestFields() {
    }

    /** @param scheme {@code http} or {@code https}: what the connection to the server is */
    public static List<HeaderField> of(RequestHead head, String scheme) {
        List<HeaderField> fields = HeadFields.ofRequest(head, scheme);
        if (head.method().equals("CONNECT") || hasAuthority(fields)) {
            return fields;
        }
        String host = head.headers().first("host");
        if (host == null) {
            return fields;
        }
        int path = pathIndex(fields);
        fields.add(path, new HeaderField(":authority", host));
        fields.removeIf(field -> field.name().equals("host"));
        return fields;
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

    private static boolean hasAuthority(List<HeaderField> fields) {
        for (HeaderField field : fields) {
            if (field.name().equals(":authority")) {
                return true;
            }
        }
        return false;
    }

    private static int pathIndex(List<HeaderField> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(":path")) {
                return i;
            }
        }
        return fields.size();
    }
}
