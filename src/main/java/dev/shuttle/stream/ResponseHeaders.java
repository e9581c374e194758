package dev.shuttle.stream;

import dev.shuttle.http.BodyFraming;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.mux.BodyForwarder;

/**
 * The header changes a response gets on its way to the client: the framing headers when the
 * body is re-framed, and the {@code Connection} header that states whether the client
 * connection persists.
 */
final class ResponseHeaders {
    private ResponseHeaders() {}

    static void prepare(ResponseHead head, RequestHead request, BodyFraming framing, BodyForwarder.Output output,
                        boolean closeClient) {
        boolean rechunked = output == BodyForwarder.Output.CHUNKED && !(framing instanceof BodyFraming.Chunked);
        boolean dechunked = output == BodyForwarder.Output.UNTIL_CLOSE && framing instanceof BodyFraming.Chunked;
        if (rechunked) {
            head.headers().removeAll("Content-Length");
            head.headers().set("Transfer-Encoding", "chunked");
        } else if (dechunked) {
            head.headers().removeAll("Transfer-Encoding");
        }
        ConnectionHeader.rewriteResponse(head.headers(), head.version() == HttpVersion.HTTP_1_1,
                request.version() == HttpVersion.HTTP_1_1, closeClient);
    }
}
