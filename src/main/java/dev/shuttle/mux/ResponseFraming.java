package dev.shuttle.mux;

import dev.shuttle.h1.BodyFraming;
import dev.shuttle.h1.ConnectionHeader;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.ResponseHead;

/**
 * The header changes a response gets on its way to an HTTP/1 client: the framing headers when the
 * body is re-framed, and the {@code Connection} header that states whether the client connection
 * persists.
 */
final class ResponseFraming {
    private ResponseFraming() {}

    static void prepare(ResponseHead head, BodyFraming framing, BodyForwarder.Output output, boolean http11Client,
                        boolean closeClient) {
        boolean rechunked = output == BodyForwarder.Output.CHUNKED && !(framing instanceof BodyFraming.Chunked);
        boolean dechunked = output == BodyForwarder.Output.UNTIL_CLOSE && framing instanceof BodyFraming.Chunked;
        if (rechunked) {
            head.headers().removeAll("Content-Length");
            head.headers().set("Transfer-Encoding", "chunked");
        } else if (dechunked) {
            head.headers().removeAll("Transfer-Encoding");
        }
        ConnectionHeader.rewriteResponse(head.headers(), head.version() == HttpVersion.HTTP_1_1, http11Client,
                closeClient);
    }
}
