package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.listener.Frontend;
import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.server.Server;
import java.net.Socket;
import java.util.Optional;

/**
 * The summary of one ended TCP session, from which logs and debug output are written.
 *
 * @param server   the last server tried, or null when none was
 * @param outcome  how it ended; its {@link Outcome#terminationState()} is the log's two-letter code
 */
public record SessionRecord(Frontend frontend, Socket client, long startedMillis, Optional<Backend> backend,
                            Server server, int retries, Outcome outcome, long bytesFromClient, long bytesToClient) {

    /** How a session ended, with HAProxy's termination state (configuration.txt §8.5). */
    public enum Outcome {
        CLOSED("--"),
        CLIENT_TIMEOUT("cD"),
        SERVER_TIMEOUT("sD"),
        CLIENT_ABORT("CD"),
        SERVER_ABORT("SD"),
        NO_BACKEND("--"),
        NO_SERVER("SC"),
        QUEUE_TIMEOUT("sQ"),
        CONNECT_FAILED("SC"),
        ABORTED("KD");

        private final String terminationState;

        Outcome(String terminationState) {
            this.terminationState = terminationState;
        }

        /** The first two characters of the log's termination state field. */
        public String terminationState() {
            return terminationState;
        }

        static Outcome from(TcpTunnel.Ending ending) {
            return switch (ending) {
                case CLOSED -> CLOSED;
                case CLIENT_TIMEOUT -> CLIENT_TIMEOUT;
                case SERVER_TIMEOUT -> SERVER_TIMEOUT;
                case CLIENT_ABORT -> CLIENT_ABORT;
                case SERVER_ABORT -> SERVER_ABORT;
            };
        }

        static Outcome from(ServerConnector.Failure failure) {
            return switch (failure) {
                case NO_SERVER -> NO_SERVER;
                case QUEUE_TIMEOUT -> QUEUE_TIMEOUT;
                case CONNECT_FAILED -> CONNECT_FAILED;
                case ABORTED -> ABORTED;
            };
        }
    }
}
