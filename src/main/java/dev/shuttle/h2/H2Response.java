package dev.shuttle.h2;

import dev.shuttle.http.ResponseHead;

/**
 * A response received over HTTP/2, mapped onto the protocol-neutral head.
 *
 * @param head the status (with the usual reason phrase, which HTTP/2 does not carry), version
 *             {@code HTTP/2.0}, and fields
 * @param contentLength the {@code content-length} announced, or -1
 */
public record H2Response(ResponseHead head, long contentLength) {
}
