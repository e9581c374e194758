package dev.shuttle.h2;

import dev.shuttle.http.RequestHead;

/**
 * A request received over HTTP/2, once its header block is mapped onto the protocol-neutral head.
 *
 * @param head the method, target and fields; the version is {@code HTTP/2.0}, {@code host} is set
 *             from {@code :authority} (which wins over any {@code host} field the client sent),
 *             cookie crumbs are one {@code cookie} field again
 * @param absoluteTarget whether the target is {@code scheme://authority/path}, built from the
 *                       pseudo-headers (HAProxy's "normalized URI": logged whole, sent to an HTTP/1.1
 *                       server in origin form)
 * @param contentLength the {@code content-length} announced, or -1; the DATA frames must add up to it
 *                      (§8.1.1)
 * @param tunnel a CONNECT (RFC 9113 §8.5) or an extended CONNECT (RFC 8441): after the response,
 *               DATA frames carry a tunnel's bytes
 * @param protocol the extended CONNECT's {@code :protocol} (for example {@code websocket}), else null
 * @param badRequest a well-formed HTTP/2 request whose method is no token or whose {@code :scheme}
 *                   is no scheme: not a stream error, but a request the HTTP layer answers with 400
 *                   (HAProxy 3.5's h2.c marks it HTX_FL_PARSING_ERROR)
 */
public record H2Request(RequestHead head, boolean absoluteTarget, long contentLength, boolean tunnel,
        String protocol, boolean badRequest) {
    /** A request the HTTP layer may serve. */
    public H2Request(RequestHead head, boolean absoluteTarget, long contentLength, boolean tunnel, String protocol) {
        this(head, absoluteTarget, contentLength, tunnel, protocol, false);
    }
}
