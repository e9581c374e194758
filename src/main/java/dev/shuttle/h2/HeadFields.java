package dev.shuttle.h2;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The other way: a protocol-neutral head as the fields of an HTTP/2 header block (RFC 9113 §8.3),
 * as HAProxy 3.x writes them (mux_h2.c):
 * <ul>
 *   <li>a CONNECT gets {@code :method} and {@code :authority} (its target) only (§8.5);</li>
 *   <li>any other request gets {@code :method}, {@code :scheme}, {@code :authority} when the target
 *       is absolute (its user information dropped, §8.3.1) and {@code :path} ({@code *} for an
 *       empty OPTIONS path, else {@code /}); an origin-form target has no authority, so its
 *       {@code host} field travels as it is and {@code :scheme} is the caller's;</li>
 *   <li>names are lower-cased (§8.2.1); connection-specific fields are dropped (§8.2.2), and
 *       {@code host} too when {@code :authority} carries it; {@code te} survives only as
 *       {@code trailers} (§8.2.2).</li>
 * </ul>
 */
public final class HeadFields {
    private HeadFields() {
    }

    /**
     * The fields of a request.
     *
     * @param originScheme the {@code :scheme} for an origin-form target ({@code http} or
     *                     {@code https}: what the connection to the server is)
     */
    public static List<HeaderField> ofRequest(RequestHead head, String originScheme) {
        List<HeaderField> fields = new ArrayList<>(head.headers().size() + 4);
        String method = head.method();
        String target = head.target();
        String authority = null;
        fields.add(new HeaderField(":method", method));
        if (method.equals("CONNECT")) {
            authority = target;
            fields.add(new HeaderField(":authority", authority));
        } else {
            String scheme = originScheme;
            String path = target;
            int colon = target.indexOf(':');
            if (!target.startsWith("/") && !target.equals("*") && colon > 0
                    && target.startsWith("//", colon + 1)) {
                scheme = target.substring(0, colon);
                int authorityStart = colon + 3;
                int pathStart = target.indexOf('/', authorityStart);
                authority = target.substring(authorityStart, pathStart < 0 ? target.length() : pathStart);
                authority = authority.substring(authority.indexOf('@') + 1);
                path = pathStart < 0 ? "" : target.substring(pathStart);
            }
            if (path.isEmpty()) {
                path = method.equals("OPTIONS") ? "*" : "/";
            }
            fields.add(new HeaderField(":scheme", scheme));
            if (authority != null) {
                fields.add(new HeaderField(":authority", authority));
            }
            fields.add(new HeaderField(":path", path));
        }
        addRegular(fields, head.headers(), authority != null);
        return fields;
    }

    /** The fields of a response: {@code :status}, then its own. */
    public static List<HeaderField> ofResponse(ResponseHead head) {
        List<HeaderField> fields = new ArrayList<>(head.headers().size() + 1);
        fields.add(new HeaderField(":status", Integer.toString(head.status())));
        addRegular(fields, head.headers(), false);
        return fields;
    }

    private static void addRegular(List<HeaderField> fields, HeaderList headers, boolean dropHost) {
        for (HeaderList.Field field : headers) {
            String name = field.name().toLowerCase(Locale.ROOT);
            String value = field.value();
            if (FieldRules.CONNECTION_SPECIFIC.contains(name) || dropHost && name.equals("host")) {
                continue;
            }
            if (name.equals("te")) {
                if (!hasTrailersToken(value)) {
                    continue;
                }
                value = "trailers";
            }
            fields.add(new HeaderField(name, value));
        }
    }

    /** Whether a {@code te} list names {@code trailers}. */
    private static boolean hasTrailersToken(String value) {
        for (String token : value.split(",")) {
            String name = token.strip();
            int semicolon = name.indexOf(';');
            if ((semicolon < 0 ? name : name.substring(0, semicolon).strip()).equalsIgnoreCase("trailers")) {
                return true;
            }
        }
        return false;
    }
}
