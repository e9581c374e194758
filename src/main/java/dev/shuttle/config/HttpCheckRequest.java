package dev.shuttle.config;

import java.util.List;
import java.util.Optional;

/**
 * The request an HTTP health check sends ({@code option httpchk [<method>] [<uri>] [<version>]
 * [<host>]} and {@code http-check send meth|uri|ver|hdr|body}; configuration.txt §4).
 *
 * @param method  default {@code OPTIONS}
 * @param uri     default {@code /}
 * @param version default {@code HTTP/1.0}
 * @param host    the {@code Host} header of {@code option httpchk}'s fourth argument
 * @param headers {@code http-check send hdr <name> <value>}, in order
 * @param body    {@code http-check send body <string>}; empty: none
 */
public record HttpCheckRequest(String method, String uri, String version, Optional<String> host,
                               List<Header> headers, String body) {
    /** One header line to send. */
    public record Header(String name, String value) {}

    public static final HttpCheckRequest DEFAULT =
            new HttpCheckRequest("OPTIONS", "/", "HTTP/1.0", Optional.empty(), List.of(), "");

    public HttpCheckRequest {
        headers = List.copyOf(headers);
    }
}
