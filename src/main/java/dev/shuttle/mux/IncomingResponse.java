package dev.shuttle.mux;

import dev.shuttle.http.ResponseHead;

/**
 * A response as a server stream received it: the head (rules may rewrite it), its body, and what
 * its protocol says about the rest of the exchange.
 *
 * @param head              the head
 * @param body              its body, to forward to the client
 * @param tunnel            the server switched protocols (101) or accepted a CONNECT: bytes flow
 *                          both ways from now on
 * @param serverMayPersist  nothing in the response ends the server connection (HTTP/1: no
 *                          {@code Connection: close}, a body not delimited by the close)
 */
public record IncomingResponse(ResponseHead head, BodySource body, boolean tunnel, boolean serverMayPersist) {}
