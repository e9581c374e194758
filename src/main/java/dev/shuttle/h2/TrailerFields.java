package dev.shuttle.h2;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A trailer section as the fields of the HEADERS frame that ends an HTTP/2 stream (RFC 9113 §8.1):
 * names lower-cased (§8.2.1), and the fields that frame, route or belong to one connection dropped
 * (RFC 9110 §6.5.1; the same list {@link RequestFields#toTrailers} refuses on the way in).
 */
public final class TrailerFields {
    private static final Set<String> NOT_IN_TRAILERS = Set.of("host", "content-length", "connection",
            "proxy-connection", "keep-alive", "upgrade", "te", "transfer-encoding");

    private TrailerFields() {
    }

    public static List<HeaderField> of(HeaderList trailers) {
        List<HeaderField> fields = new ArrayList<>(trailers.size());
        for (HeaderList.Field field : trailers) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (!NOT_IN_TRAILERS.contains(name) && !name.startsWith(":")) {
                fields.add(new HeaderField(name, field.value()));
            }
        }
        return fields;
    }
}
