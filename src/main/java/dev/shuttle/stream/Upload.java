package dev.shuttle.stream;

import dev.shuttle.mux.BodySink;
import dev.shuttle.mux.BodySource;
import dev.shuttle.mux.BodyTransferException;
import java.io.IOException;
import java.time.Duration;

/**
 * A request body on its way to the server, on a virtual thread of its own, so that the response
 * can be read at the same time: a server may answer before the whole body arrived (a 100
 * Continue, a 413, or a slow client's body while the server is already waiting), as HAProxy
 * forwards both directions at once.
 *
 * <p>Only this thread reads the request body and writes it to the server until {@link #await} says
 * it ended; the exchange's thread reads the server and writes the client.
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
        SERVER_FAILED;

        /**
         * Whether the client broke the request: it can never be completed, nor answered by the
         * server. A client that went silent breaks it too: while it uploads, the server's timeout
         * does not run (see {@link dev.shuttle.io.Activity}), so HAProxy 3.x answers it 400 ({@code cH}).
         */
        boolean breaksRequest() {
            return this == CLIENT_CLOSED || this == CLIENT_TIMEOUT || this == INVALID_BODY;
        }
    }

    private final Thread thread;
    private volatile Outcome outcome;
    /** What the client's side of the body failed with (a reset, a close), for fc_err and term_events; else null. */
    private volatile IOException clientFailure;

    private Upload(Thread thread) {
        this.thread = thread;
    }

    /**
     * Starts sending the body; the request head must already be written (it is flushed with the
     * body). When the client breaks the body (bad framing, a close), {@code onClientFailure} runs,
     * once the outcome is known: the exchange stops waiting for a response that can no longer come
     * and answers at once; so does a client silent for {@code timeout client}.
     */
    static Upload start(BodySource body, BodySink server, long clientTimeoutMillis, Runnable onClientFailure) {
        Upload[] self = new Upload[1];
        Thread thread = Thread.ofVirtual().name("upload").unstarted(() -> {
            Outcome result;
            try {
                body.forwardTo(server, clientTimeoutMillis);
                result = Outcome.COMPLETE;
            } catch (BodyTransferException e) {
                if (e.failure() == BodyTransferException.Failure.SOURCE_CLOSED) {
                    self[0].clientFailure = e.getCause() instanceof IOException cause ? cause : e;
                }
                result = switch (e.failure()) {
                    case INVALID_BODY -> Outcome.INVALID_BODY;
                    case SOURCE_TIMEOUT -> Outcome.CLIENT_TIMEOUT;
                    case SOURCE_CLOSED -> Outcome.CLIENT_CLOSED;
                    case SINK_FAILED, SINK_TIMEOUT -> Outcome.SERVER_FAILED;
                };
            }
            self[0].outcome = result;
            if (result.breaksRequest()) {
                onClientFailure.run();
            }
        });
        self[0] = new Upload(thread);
        thread.start();
        return self[0];
    }

    /** What the client's close or reset failed the body with, once the upload ended {@link Outcome#CLIENT_CLOSED}; else null. */
    IOException clientFailure() {
        return clientFailure;
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
        thread.join(Duration.ofMillis(millis));
        return outcome;
    }

    /** The outcome once the upload ended, waiting up to {@code millis}; null if it still runs (or the wait is interrupted). */
    Outcome outcomeWithin(long millis) {
        try {
            return awaitBriefly(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome;
        }
    }

    /** Waits for the upload to end. */
    Outcome await() throws InterruptedException {
        thread.join();
        return outcome;
    }

    /** Waits for an upload to end (null when there was none); an interrupt counts as a failed upload. */
    static Outcome awaitQuietly(Upload upload) {
        if (upload == null) {
            return null;
        }
        try {
            return upload.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.SERVER_FAILED;
        }
    }
}
