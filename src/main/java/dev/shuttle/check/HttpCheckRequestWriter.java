package dev.shuttle.check;

import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.sample.SampleContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The bytes of an HTTP check's request (configuration.txt §4, "option httpchk", "http-check send",
 * "http-check send-state"), laid out as HAProxy 3.5 sends them: header names in lower case, the
 * {@code host} of {@code option httpchk} first, then the {@code hdr} lines, the state header,
 * {@code content-length} for a body, and {@code connection: close} on an HTTP/1.1 request.
 */
public final class HttpCheckRequestWriter {
    /** The header {@code http-check send-state} adds. */
    public static final String STATE_HEADER = "x-haproxy-server-state";

    private HttpCheckRequestWriter() {}

    /**
     * @param serverState the value of the state header, or empty without {@code send-state}
     */
    public static byte[] write(HttpCheckRequest request, Optional<String> serverState) {
        return write(request, serverState, null);
    }

    /**
     * @param samples the context the request's log-format parts are made in ({@code uri-lf},
     *                {@code body-lf}, {@code hdr} values with {@code %}); null when it has none
     */
    public static byte[] write(HttpCheckRequest request, Optional<String> serverState, SampleContext samples) {
        StringBuilder head = new StringBuilder(128);
        String uri = request.uriFormat().filter(f -> samples != null).map(f -> f.render(samples)).orElse(request.uri());
        head.append(request.method()).append(' ').append(uri).append(' ').append(request.version()).append("\r\n");
        request.host().ifPresent(host -> header(head, "host", host));
        for (HttpCheckRequest.Header header : request.headers()) {
            header(head, header.name(), header.format().filter(f -> samples != null).map(f -> f.render(samples))
                    .orElse(header.value()));
        }
        serverState.ifPresent(state -> header(head, STATE_HEADER, state));
        String bodyText = request.bodyFormat().filter(f -> samples != null).map(f -> f.render(samples))
                .orElse(request.body());
        byte[] body = bodyText.getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            header(head, "content-length", Integer.toString(body.length));
        }
        if (request.version().equalsIgnoreCase("HTTP/1.1")) {
            header(head, "connection", "close");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static void header(StringBuilder head, String name, String value) {
        head.append(name.toLowerCase(Locale.ROOT)).append(": ").append(value).append("\r\n");
    }
}
