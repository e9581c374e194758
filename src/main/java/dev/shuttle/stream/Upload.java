package dev.shuttle.stream;

import dev.shuttle.http.BodyFraming;
import dev.shuttle.mux.BodyForwarder;
import dev.shuttle.mux.H1Connection;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * A request body on its way to the server, on a virtual thread of its own, so that the response
 * can be read at the same time: a server may answer before the whole body arrived (a 100
 * Continue, a 413, or a slow client's body while the server is already waiting), as HAProxy
 * forwards both directions at once.
 *
 * <p>Only this thread reads the client connection and writes the server connection until
 * {@link #await} says it ended; the exchange's thread reads the server and writes the client.
 */
final class Upload {
    /** How the upload ended. */
    enum Outcome {
        /** Every byte of the body reached the server. */
        COMPLETE,
        /** The client closed before the end of the body. */
        CLIENT_CLOSED,
        /** The client sent nothing for {@code timeout client}. */
        CLIENT_TIMEOUT,
        /** The body broke the chunked syntax. */
        INVALID_BODY,
        /** Writing to the server failed (it closed, or the exchange aborted the upload). */
        SERVER_FAILED
    }

    private final Thread thread;
    private volatile Outcome outcome;

    private Upload(Thread thread) {
        this.thread = thread;
    }

    /** Starts sending the body; the request head must already be written (it is flushed with the body). */
    static Upload start(H1Connection client, H1Connection server, BodyFraming framing, BodyForwarder.Output output,
                        long clientTimeoutMillis) {
        Upload[] self = new Upload[1];
        Thread thread = Thread.ofVirtual().name("upload").unstarted(() -> {
            Outcome result;
            try {
                server.forwardBodyFrom(client, framing, output, clientTimeoutMillis);
                server.flush();
                result = Outcome.COMPLETE;
            } catch (BodyForwarder.BodyException e) {
                result = Outcome.INVALID_BODY;
            } catch (SocketTimeoutException e) {
                result = Outcome.CLIENT_TIMEOUT;
            } catch (EOFException e) {
                result = Outcome.CLIENT_CLOSED;
            } catch (IOException e) {
                result = client.input().isExhausted() ? Outcome.CLIENT_CLOSED : Outcome.SERVER_FAILED;
            }
            self[0].outcome = result;
        });
        self[0] = new Upload(thread);
        thread.start();
        return self[0];
    }

    /** The outcome if the upload has ended, else null. */
    Outcome outcomeIfDone() {
        return outcome;
    }

    /**
     * Waits up to {@code millis} for the upload to end; the outcome, or null if it is still going.
     * A server usually answers once it has read the whole body, a moment before this thread notes
     * that it is done; a server that answered early and stopped reading keeps it going.
     */
    Outcome awaitBriefly(long millis) throws InterruptedException {
        thread.join(java.time.Duration.ofMillis(millis));
        return outcome;
    }

    /** Waits for the upload to end. */
    Outcome await() throws InterruptedException {
        thread.join();
        return outcome;
    }
}
