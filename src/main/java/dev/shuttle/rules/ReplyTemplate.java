package dev.shuttle.rules;

import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply whose header values and body are log-format strings, made anew for each exchange:
 * {@code http-error status <code> ... lf-string <fmt> | lf-file <file> [hdr <name> <fmt>]*}
 * (configuration.txt §4.2, "http-error"). Header values render in HAProxy's HTTP context (unsafe
 * bytes as {@code %XX}), the body as text.
 *
 * @param body the body's format, null for an empty body
 */
public record ReplyTemplate(int status, String contentType, List<Header> headers, LogFormat body) {
    /** A header of the reply, its value a log-format string. */
    public record Header(String name, LogFormat value) {}

    public ReplyTemplate {
        headers = List.copyOf(headers);
    }

    /** The reply for the exchange {@code context} is in. */
    public ErrorResponse render(SampleContext context) {
        context.replyStatus(status);
        List<HeaderList.Field> fields = new ArrayList<>(headers.size());
        for (Header header : headers) {
            fields.add(new HeaderList.Field(header.name(), header.value().render(context)));
        }
        byte[] payload = body == null ? new byte[0] : body.render(context).getBytes(StandardCharsets.ISO_8859_1);
        return ErrorResponse.composed(status, contentType, fields, payload);
    }
}
