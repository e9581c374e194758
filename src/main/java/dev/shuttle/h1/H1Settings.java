package dev.shuttle.h1;

/**
 * The HAProxy settings that change how HTTP/1 heads are parsed.
 *
 * @param maxHeaders {@code tune.http.maxhdr} (default 101): the most header lines a head may have,
 *     counting the start line, as HAProxy counts them (so 100 fields at most by default)
 * @param bufferSize {@code tune.bufsize} (default 16384): a response head must fit in it
 * @param maxRewrite {@code tune.maxrewrite} (default 1024): reserved, so a request head must fit in
 *     {@code bufferSize - maxRewrite} (HAProxy's internal overhead makes its real limit ~100 bytes
 *     lower; we do not imitate that)
 * @param acceptUnsafeRequest {@code option accept-unsafe-violations-in-http-request} (2.6:
 *     {@code accept-invalid-http-request}): any byte in header names (also whitespace before the
 *     colon and a first line starting with whitespace), NUL in values, bytes above 127 and '#' in
 *     the target, HTTP/0.9 and other protocol names or multi-digit versions, absolute-form target
 *     vs Host mismatches, and (3.x) WebSocket requests without a valid Sec-WebSocket-Key
 * @param acceptUnsafeResponse {@code option accept-unsafe-violations-in-http-response}: the same
 *     for responses (header names, NUL, multi-digit versions)
 * @param acceptPayloadWithAnyMethod global {@code h1-accept-payload-with-any-method}: HTTP/1.0
 *     GET/HEAD/DELETE requests with a body are otherwise refused with 413
 */
public record H1Settings(int maxHeaders, int bufferSize, int maxRewrite, boolean acceptUnsafeRequest,
        boolean acceptUnsafeResponse, boolean acceptPayloadWithAnyMethod) {

    /** HAProxy's defaults. */
    public static final H1Settings DEFAULTS = new H1Settings(101, 16384, 1024, false, false, false);

    public H1Settings {
        if (maxHeaders < 1 || maxHeaders > 32767) {
            throw new IllegalArgumentException("tune.http.maxhdr must be within 1..32767");
        }
    }

    /** The largest request head accepted: what a first read may fill. */
    public int maxRequestHead() {
        return bufferSize - Math.min(maxRewrite, bufferSize / 2);
    }

    /** The largest response head accepted. */
    public int maxResponseHead() {
        return bufferSize;
    }

    public H1Settings withAcceptUnsafeRequest(boolean accept) {
        return new H1Settings(maxHeaders, bufferSize, maxRewrite, accept, acceptUnsafeResponse, acceptPayloadWithAnyMethod);
    }

    public H1Settings withAcceptUnsafeResponse(boolean accept) {
        return new H1Settings(maxHeaders, bufferSize, maxRewrite, acceptUnsafeRequest, accept, acceptPayloadWithAnyMethod);
    }

    public H1Settings withMaxHeaders(int max) {
        return new H1Settings(max, bufferSize, maxRewrite, acceptUnsafeRequest, acceptUnsafeResponse, acceptPayloadWithAnyMethod);
    }

    public H1Settings withAcceptPayloadWithAnyMethod(boolean accept) {
        return new H1Settings(maxHeaders, bufferSize, maxRewrite, acceptUnsafeRequest, acceptUnsafeResponse, accept);
    }
}
