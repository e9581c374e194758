package dev.shuttle.mux;

import dev.shuttle.http.RequestHead;

/**
 * A request as a client stream received it: the head (rules may rewrite it), and what its
 * protocol says beyond the fields, in the terms the exchange decides with.
 *
 * @param head             the head, after the protocol's own normalisation (HTTP/1: the default
 *                         port of an absolute-form target dropped)
 * @param receivedLine     the request line as it arrived, for the log ({@code %r})
 * @param hasBody          whether payload bytes follow the head
 * @param clientAsksClose  the client said its connection ends after this exchange (HTTP/1.1
 *                         {@code Connection: close}, HTTP/1.0 without {@code keep-alive})
 * @param closeServerAfter the body's framing was ambiguous (HTTP/1: Transfer-Encoding with
 *                         Content-Length, or in HTTP/1.0): neither connection may be reused after
 *                         (RFC 9112 §6.3 point 3)
 * @param asksUpgrade      the client asked to switch protocols ({@code Upgrade} with
 *                         {@code Connection: upgrade})
 */
public record IncomingRequest(RequestHead head, String receivedLine, boolean hasBody, boolean clientAsksClose,
                              boolean closeServerAfter, boolean asksUpgrade) {}
