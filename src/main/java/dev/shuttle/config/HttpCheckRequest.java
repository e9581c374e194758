package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
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
 * @param uriFormat  {@code http-check send uri-lf <fmt>}: the URI made at each check
 * @param bodyFormat {@code http-check send body-lf <fmt>}: the body made at each check
 */
public record HttpCheckRequest(String method, String uri, String version, Optional<String> host,
                               List<Header> headers, String body, Optional<LogFormat> uriFormat,
                               Optional<LogFormat> bodyFormat) {
    /** One header line to send; {@code format}, when present, makes its value at each check. */
    public record Header(String name, String value, Optional<LogFormat> format) {
        public Header(String name, String value) {
            this(name, value, Optional.empty());
        }
    }

    /** A request whose every part is fixed. */
    public HttpCheckRequest(String method, String uri, String version, Optional<String> host, List<Header> headers,
                            String body) {
        this(method, uri, version, host, headers, body, Optional.empty(), Optional.empty());
    }

    public static final HttpCheckRequest DEFAULT =
            new HttpCheckRequest("OPTIONS", "/", "HTTP/1.0", Optional.empty(), List.of(), "");

    public HttpCheckRequest {
        headers = List.copyOf(headers);
    }
}
