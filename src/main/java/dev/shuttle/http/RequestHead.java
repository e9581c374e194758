package dev.shuttle.http;

/**
 * The head of an HTTP request, independent of the protocol that carried it: method, target,
 * version and header fields. Mutable, because rules rewrite it before it is forwarded; owned by
 * the thread handling the exchange.
 */
public final class RequestHead {
    private String method;
    private String target;
    private HttpVersion version;
    private final HeaderList headers;

    public RequestHead(String method, String target, HttpVersion version, HeaderList headers) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
    }

    public String method() {
        return method;
    }

    public void method(String newMethod) {
        method = newMethod;
    }

    /** The request-target as received: origin-form {@code /p?q}, absolute-form, authority-form or {@code *}. */
    public String target() {
        return target;
    }

    public void target(String newTarget) {
        target = newTarget;
    }

    public HttpVersion version() {
        return version;
    }

    public void version(HttpVersion newVersion) {
        version = newVersion;
    }

    public HeaderList headers() {
        return headers;
    }

    public boolean isMethod(String name) {
        return method.equals(name);
    }

    /** {@code GET /x HTTP/1.1}, for logs ({@code %r}). */
    public String requestLine() {
        return method + " " + target + " " + version.text();
    }
}
