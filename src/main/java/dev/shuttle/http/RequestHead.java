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
    /** Whether the target is an absolute URI the protocol implied rather than one the client wrote. */
    private boolean normalizedTarget;
    /** The {@code Sec-WebSocket-Key} the proxy made for this request (RFC 8441 §5), or null. */
    private String generatedWebSocketKey;

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
        normalizedTarget = false;
    }

    /**
     * Marks the target as HAProxy's "normalized URI": an absolute {@code http}/{@code https} URI
     * built from HTTP/2's pseudo-headers, which an HTTP/1.1 server gets in origin form ({@link
     * #originFormTarget()}). A rule that sets the target clears the mark.
     */
    public void markNormalizedTarget() {
        normalizedTarget = true;
    }

    public boolean isNormalizedTarget() {
        return normalizedTarget;
    }

    /**
     * Notes that the proxy made this request's {@code Sec-WebSocket-Key} (the client's extended
     * CONNECT had none): an HTTP/1 server's answer is then checked against it.
     */
    public void markGeneratedWebSocketKey(String key) {
        generatedWebSocketKey = key;
    }

    /** The {@code Sec-WebSocket-Key} the proxy made for this request, or null when the client sent one. */
    public String generatedWebSocketKey() {
        return generatedWebSocketKey;
    }

    /**
     * The target as an HTTP/1.1 server should read it: the path and query of a normalized target
     * ({@code /} when empty, {@code *} for OPTIONS), else the target as it is.
     */
    public String originFormTarget() {
        if (!normalizedTarget) {
            return target;
        }
        int authorityStart = target.indexOf("://");
        int pathStart = authorityStart < 0 ? -1 : target.indexOf('/', authorityStart + 3);
        if (pathStart < 0) {
            int query = authorityStart < 0 ? -1 : target.indexOf('?', authorityStart + 3);
            return query >= 0 ? "/" + target.substring(query) : method.equals("OPTIONS") ? "*" : "/";
        }
        return target.substring(pathStart);
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
