package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.mux.IncomingResponse;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.server.Server;
import java.io.IOException;

/** What the server side of an exchange came to ({@link ServerAttempt}). */
sealed interface AttemptResult {
    /**
     * A final response head arrived (interim ones were passed on).
     *
     * @param upload the request body's upload, still running perhaps; null when there was no body
     */
    record Responded(ServerLink link, ServerStream server, IncomingResponse response, Upload upload)
            implements AttemptResult {}

    /** No server connection could be had. */
    record NoConnection(TerminationState state) implements AttemptResult {}

    /**
     * The server gave no valid response: the client gets {@code status}. The server connection is
     * closed; {@code upload} (null when there was no body) tells whether the request was read whole.
     */
    record NoResponse(int status, TerminationState state, Upload upload) implements AttemptResult {}

    /**
     * The request body could not be delivered ({@code outcome}: null when nothing of it was sent;
     * {@code clientFailure}: the client's close or reset that broke it, else null).
     */
    record UploadFailed(Upload.Outcome outcome, IOException clientFailure) implements AttemptResult {}

    /** The request's server has a {@code redir} prefix: the client is sent to {@code location}. */
    record Redirected(String location) implements AttemptResult {}

    /** The client left while an interim response was passed on to it. The server connection is closed. */
    record ClientGone() implements AttemptResult {}

    /**
     * The client reset its connection while the response head was awaited ({@code failure}: what
     * reading it reports). The server connection is closed.
     */
    record ClientReset(IOException failure) implements AttemptResult {}

    /**
     * The client left while its request waited, under {@code option abortonclose}: it closed its
     * sending side (a FIN; {@code failure} null) or reset (what reading it reports) while the
     * request was queued ({@code CQ}), while its server connection was being opened ({@code CC}),
     * or, a FIN, while its response head was awaited ({@code CH}, answered 400). Any server
     * connection is closed; {@code serverConnection} says whether one was open, {@code server} is
     * the server it was for (null when none was assigned).
     */
    record ClientLeftWaiting(TerminationState state, IOException failure, boolean serverConnection, Backend backend,
                             Server server) implements AttemptResult {
        /** What the client is answered: a 400 while the response head was awaited, else nothing (-1). */
        int status() {
            return state.phase() == TerminationState.Phase.HEADERS ? 400 : -1;
        }
    }
}
