package dev.shuttle.h2;

import static dev.shuttle.h2.FieldRules.malformed;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.Authority;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a request's header block onto a protocol-neutral {@link RequestHead} (RFC 9113 §8.3), as
 * HAProxy 3.x maps it onto its own (h2.c), so that rules, logs and the HTTP/1.1 sent to a server see
 * the same request either way:
 * <ul>
 *   <li>pseudo-headers first, each at most once, only {@code :method :scheme :authority :path} and,
 *       for an extended CONNECT (RFC 8441 §4), {@code :protocol};</li>
 *   <li>a CONNECT has {@code :authority} and neither {@code :scheme} nor {@code :path} (§8.5); every
 *       other request has {@code :method :scheme :path}, the path {@code *} or starting with
 *       {@code /};</li>
 *   <li>the target is {@code scheme://authority/path} when {@code :authority} is there, else the
 *       path; {@code host} is set from {@code :authority}, and {@code host} fields the client sent
 *       beside it are dropped (a router must see one authority, §8.3.1);</li>
 *   <li>connection-specific fields, {@code te} other than {@code trailers}, an upper-case name,
 *       NUL/CR/LF in a value, two different {@code content-length}s: malformed (§8.2);</li>
 *   <li>{@code cookie} crumbs become one field again, joined by {@code "; "} (§8.2.3);</li>
 *   <li>an extended CONNECT becomes the HTTP/1.1 upgrade it stands for: {@code GET} with
 *       {@code upgrade: <protocol>} and {@code connection: upgrade}.</li>
 * </ul>
 * Every violation is a stream error PROTOCOL_ERROR: the stream is reset, the connection lives on;
 * but a method that is no token or a {@code :scheme} that is no scheme is a bad request the HTTP
 * layer answers with 400 ({@link H2Request#badRequest}), as 3.5 answers them.
 */
public final class RequestFields {
    private RequestFields() {
    }

    /**
     * The request that {@code fields} describe.
     *
     * @param extendedConnect whether this side announced SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3)
     */
    public static H2Request toRequest(int streamId, List<HeaderField> fields, boolean extendedConnect)
            throws H2Exception {
        PseudoHeaders pseudo = new PseudoHeaders();
        List<HeaderList.Field> regular = new ArrayList<>(fields.size());
        List<String> cookies = new ArrayList<>(2);
        boolean regularSeen = false;
        boolean hostSeen = false;
        long contentLength = -1;
        for (HeaderField field : fields) {
            String name = field.name();
            String value = field.value();
            if (!FieldRules.isValidName(name)) {
                throw malformed(streamId, "invalid field name '" + name + "'");
            }
            if (!(name.equals(":path") ? FieldRules.isValidPath(value) : FieldRules.isValidValue(value))) {
                throw malformed(streamId, "forbidden character in " + name);
            }
            if (name.charAt(0) == ':') {
                if (regularSeen) {
                    throw malformed(streamId, name + " after a regular field");
                }
                pseudo.set(streamId, name, value);
                continue;
            }
            regularSeen = true;
            switch (name) {
                case "host" -> {
                    if (hostSeen || pseudo.authority != null) {
                        continue; // :authority wins; of several host fields the first counts
                    }
                    hostSeen = true;
                    if (Authority.hasForbiddenChar(value)) {
                        throw malformed(streamId, "forbidden character in host");
                    }
                }
                case "content-length" -> {
                    long length = ContentLength.parse(streamId, value);
                    if (contentLength >= 0 && length != contentLength) {
                        throw malformed(streamId, "two different content-length values");
                    }
                    if (contentLength >= 0) {
                        continue;
                    }
                    contentLength = length;
                    value = Long.toString(length);
                }
                case "te" -> {
                    if (!value.equals("trailers")) {
                        throw malformed(streamId, "te other than trailers");
                    }
                }
                case "cookie" -> {
                    cookies.add(FieldRules.trim(value));
                    continue;
                }
                default -> {
                    if (FieldRules.CONNECTION_SPECIFIC.contains(name)) {
                        throw malformed(streamId, "connection-specific field " + name);
                    }
                }
            }
            regular.add(new HeaderList.Field(name, FieldRules.trim(value)));
        }
        return build(streamId, pseudo, regular, cookies, contentLength, extendedConnect);
    }

    /** Fields a trailer section may not carry (RFC 9110 §6.5.1, as HAProxy 3.x's h2.c refuses them). */
    private static final java.util.Set<String> NOT_IN_TRAILERS = java.util.Set.of("host", "content-length",
            "connection", "proxy-connection", "keep-alive", "upgrade", "te", "transfer-encoding");

    /**
     * The trailer fields of a HEADERS block that ends a request body (RFC 9113 §8.1): lower-case
     * token names, no pseudo-header, none of the fields that frame or route a message, no NUL, CR
     * or LF. A violation is a stream error PROTOCOL_ERROR.
     */
    public static HeaderList toTrailers(int streamId, List<HeaderField> fields) throws H2Exception {
        HeaderList trailers = new HeaderList();
        for (HeaderField field : fields) {
            String name = field.name();
            if (!FieldRules.isValidName(name) || name.charAt(0) == ':' || NOT_IN_TRAILERS.contains(name)
                    || !FieldRules.isValidValue(field.value())) {
                throw malformed(streamId, "field '" + name + "' not allowed in trailers");
            }
            trailers.add(name, FieldRules.trim(field.value()));
        }
        return trailers;
    }

    private static H2Request build(int streamId, PseudoHeaders pseudo, List<HeaderList.Field> regular,
            List<String> cookies, long contentLength, boolean extendedConnect) throws H2Exception {
        if (pseudo.method == null) {
            throw malformed(streamId, "no :method");
        }
        if (pseudo.status != null) {
            throw malformed(streamId, ":status in a request");
        }
        String method = pseudo.method;
        boolean tunnel = false;
        boolean badRequest = false;
        if (method.equals("CONNECT")) {
            tunnel = true;
            if (pseudo.protocol != null) {
                if (!extendedConnect) {
                    throw malformed(streamId, ":protocol without SETTINGS_ENABLE_CONNECT_PROTOCOL");
                }
                if (pseudo.scheme == null || pseudo.path == null || pseudo.authority == null) {
                    throw malformed(streamId, "extended CONNECT without :scheme, :path and :authority");
                }
                if (pseudo.protocol.equalsIgnoreCase("h2") || pseudo.protocol.equalsIgnoreCase("h2c")) {
                    throw malformed(streamId, "extended CONNECT to " + pseudo.protocol);
                }
                method = "GET";
            } else if (pseudo.scheme != null || pseudo.path != null || pseudo.authority == null) {
                throw malformed(streamId, "CONNECT with :scheme or :path, or without :authority");
            }
        } else if (pseudo.scheme == null || pseudo.path == null || pseudo.protocol != null) {
            throw malformed(streamId, "no :scheme or :path, or :protocol outside CONNECT");
        }
        if (!FieldRules.isToken(method)) {
            badRequest = true; // answered 400, as 3.5
        }
        if (pseudo.path != null && !pseudo.path.equals("*") && !pseudo.path.startsWith("/")) {
            throw malformed(streamId, ":path neither * nor starting with /");
        }
        if (pseudo.scheme != null && !isValidScheme(pseudo.scheme)) {
            badRequest = true; // answered 400, as 3.5
        }
        if (pseudo.authority != null && Authority.hasForbiddenChar(pseudo.authority)) {
            throw malformed(streamId, "forbidden character in :authority");
        }

        String target;
        boolean normalized = false;
        if (pseudo.scheme == null) {
            target = pseudo.authority;
        } else if (pseudo.authority != null) {
            target = pseudo.scheme + "://" + pseudo.authority + (pseudo.path.equals("*") ? "" : pseudo.path);
            normalized = pseudo.scheme.equalsIgnoreCase("http") || pseudo.scheme.equalsIgnoreCase("https");
        } else {
            target = pseudo.path;
        }

        HeaderList headers = new HeaderList();
        if (pseudo.authority != null) {
            headers.add("host", pseudo.authority);
        }
        for (HeaderList.Field field : regular) {
            headers.add(field.name(), field.value());
        }
        if (pseudo.protocol != null) {
            headers.add("upgrade", pseudo.protocol);
            headers.add("connection", "upgrade");
        }
        if (!cookies.isEmpty()) {
            headers.add("cookie", String.join("; ", cookies));
        }
        RequestHead head = new RequestHead(method, target, HttpVersion.HTTP_2, headers);
        if (normalized) {
            head.markNormalizedTarget();
        }
        return new H2Request(head, normalized, contentLength, tunnel, pseudo.protocol, badRequest);
    }

    /** RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    private static boolean isValidScheme(String scheme) {
        if (scheme.isEmpty() || !Character.isLetter(scheme.charAt(0)) || scheme.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '+' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The request pseudo-headers, each at most once. */
    private static final class PseudoHeaders {
        String method;
        String scheme;
        String authority;
        String path;
        String protocol;
        String status;

        void set(int streamId, String name, String value) throws H2Exception {
            switch (name) {
                case ":method" -> method = once(streamId, name, method, value);
                case ":scheme" -> scheme = once(streamId, name, scheme, value);
                case ":authority" -> authority = once(streamId, name, authority, value);
                case ":path" -> path = once(streamId, name, path, value);
                case ":protocol" -> protocol = once(streamId, name, protocol, value);
                case ":status" -> status = once(streamId, name, status, value);
                default -> throw malformed(streamId, "unknown pseudo-header " + name);
            }
        }

        private static String once(int streamId, String name, String current, String value) throws H2Exception {
            if (current != null) {
                throw malformed(streamId, "repeated " + name);
            }
            return value;
        }
    }
}
