package dev.shuttle.h2;

import static dev.shuttle.h2.FieldRules.malformed;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.http.StatusReasons;
import java.util.List;

/**
 * Maps a response's header block onto a protocol-neutral {@link ResponseHead} (RFC 9113 §8.3.2):
 * exactly one {@code :status} of three digits and no other pseudo-header, then the fields under the
 * rules every message follows (§8.2: lower-case token names, no NUL/CR/LF, no connection-specific
 * field, one {@code content-length}). A violation is a stream error PROTOCOL_ERROR.
 */
public final class ResponseFields {
    private ResponseFields() {
    }

    public static H2Response toResponse(int streamId, List<HeaderField> fields) throws H2Exception {
        String status = null;
        boolean regularSeen = false;
        long contentLength = -1;
        HeaderList headers = new HeaderList();
        for (HeaderField field : fields) {
            String name = field.name();
            String value = field.value();
            if (!FieldRules.isValidName(name) || !FieldRules.isValidValue(value)) {
                throw malformed(streamId, "invalid field " + name);
            }
            if (name.charAt(0) == ':') {
                if (regularSeen || !name.equals(":status") || status != null) {
                    throw malformed(streamId, "pseudo-header " + name + " out of place");
                }
                status = value;
                continue;
            }
            regularSeen = true;
            if (FieldRules.CONNECTION_SPECIFIC.contains(name)) {
                throw malformed(streamId, "connection-specific field " + name);
            }
            if (name.equals("content-length")) {
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
            headers.add(name, FieldRules.trim(value));
        }
        if (status == null || status.length() != 3 || !status.chars().allMatch(c -> c >= '0' && c <= '9')
                || status.charAt(0) == '0') {
            throw malformed(streamId, "no valid :status");
        }
        int code = Integer.parseInt(status);
        return new H2Response(new ResponseHead(HttpVersion.HTTP_2, code, StatusReasons.of(code), headers),
                contentLength);
    }
}
