package dev.shuttle.h2;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import java.util.ArrayList;
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
     * An HTTP/1.1 upgrade ({@code Connection: upgrade}, {@code Upgrade: websocket}) as the extended
     * CONNECT that stands for it on an HTTP/2 stream (RFC 8441 §4, §5), as HAProxy 3.5 converts it:
     * {@code :method CONNECT}, {@code :scheme} and {@code :path} as for the GET, {@code :authority}
     * from the target or else from {@code host} (which then goes), and {@code :protocol} the first
     * protocol the {@code Upgrade} field names; {@code connection} and {@code upgrade} go like every
     * connection-specific field. A {@code sec-websocket-key} Shuttle made up for an HTTP/2 client's
     * extended CONNECT ({@link RequestHead#generatedWebSocketKey()}) is not sent: an HTTP/2 server
     * needs none (RFC 8441 §5).
     */
    public static List<HeaderField> extendedConnect(RequestHead head, String scheme) {
        List<HeaderField> plain = HeadFields.ofRequest(head, scheme);
        String generatedKey = head.generatedWebSocketKey();
        String authority = head.headers().first("host"); // 3.5: the Host field is an extended CONNECT's authority
        for (HeaderField field : plain) {
            if (field.name().equals(":authority") && authority == null) {
                authority = field.value();
            }
        }
        List<HeaderField> fields = new ArrayList<>(plain.size() + 2);
        fields.add(new HeaderField(":method", "CONNECT"));
        for (HeaderField field : plain) {
            switch (field.name()) {
                case ":method", ":authority", "host" -> { }
                case ":path" -> {
                    if (authority != null) {
                        fields.add(new HeaderField(":authority", authority));
                    }
                    fields.add(field);
                    fields.add(new HeaderField(":protocol", upgradeProtocol(head)));
                }
                case "sec-websocket-key" -> {
                    if (!field.value().equals(generatedKey)) {
                        fields.add(field);
                    }
                }
                default -> fields.add(field);
            }
        }
        return fields;
    }

    /** The first protocol of the {@code Upgrade} field (RFC 9110 §7.8): {@code :protocol} carries one only. */
    public static String upgradeProtocol(RequestHead head) {
        String upgrade = head.headers().first("upgrade");
        if (upgrade == null) {
            return "";
        }
        int comma = upgrade.indexOf(',');
        return (comma < 0 ? upgrade : upgrade.substring(0, comma)).strip();
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
