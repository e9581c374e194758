package dev.shuttle.stream;

import dev.shuttle.h1.H1Request;
import dev.shuttle.http.BodyFraming;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.mux.BodyForwarder;
import dev.shuttle.rules.Verdict;

/**
 * The small decisions of an exchange that depend only on the messages: how a body leaves, what a
 * client connection is for an error page, whether a verdict ends the exchange. Pure functions.
 */
final class ExchangeFraming {
    private ExchangeFraming() {}

    /** Requests keep their framing: a chunked body stays chunked (servers speak HTTP/1.1). */
    static BodyForwarder.Output requestOutput(BodyFraming framing) {
        return framing instanceof BodyFraming.Chunked ? BodyForwarder.Output.CHUNKED : BodyForwarder.Output.LENGTH;
    }

    /**
     * A response keeps its framing, as HAProxy forwards it: a chunked one stays chunked for an
     * HTTP/1.1 client (an HTTP/1.0 one gets the bytes until close), a close-delimited one stays
     * close-delimited and closes the client connection.
     */
    static BodyForwarder.Output responseOutput(BodyFraming framing, HttpVersion clientVersion) {
        boolean http11Client = clientVersion == HttpVersion.HTTP_1_1;
        return switch (framing) {
            case BodyFraming.None none -> BodyForwarder.Output.LENGTH;
            case BodyFraming.Length length -> BodyForwarder.Output.LENGTH;
            case BodyFraming.Chunked chunked -> http11Client ? BodyForwarder.Output.CHUNKED
                    : BodyForwarder.Output.UNTIL_CLOSE;
            default -> BodyForwarder.Output.UNTIL_CLOSE;
        };
    }

    /** The client connection as an error page sees it: its HTTP version and whether it closes after. */
    static ErrorResponse.ClientConnection peer(H1Request request, boolean close) {
        boolean http11 = request.head().version() == HttpVersion.HTTP_1_1;
        if (http11) {
            return close ? ErrorResponse.ClientConnection.HTTP11_CLOSE : ErrorResponse.ClientConnection.HTTP11_KEEP_ALIVE;
        }
        return close ? ErrorResponse.ClientConnection.HTTP10_CLOSE : ErrorResponse.ClientConnection.HTTP10_KEEP_ALIVE;
    }

    /** Whether a rule set's verdict ends the exchange here (an answer or a rejection). */
    static boolean isFinal(Verdict verdict) {
        return verdict instanceof Verdict.Respond || verdict instanceof Verdict.Reject;
    }

    /** Waits for an upload to end (null when there was none); an interrupt counts as a failed upload. */
    static Upload.Outcome awaitQuietly(Upload upload) {
        if (upload == null) {
            return null;
        }
        try {
            return upload.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Upload.Outcome.SERVER_FAILED;
        }
    }
}
