package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.listener.Frontend;
import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.server.Server;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The summary of one ended TCP session, from which logs and debug output are written.
 *
 * @param clientAddress    the client's address, read when the connection was accepted
 * @param frontendAddress  the address the client connected to
 * @param acceptedAtMillis when the connection was accepted (epoch milliseconds, {@code %t})
 * @param server           the last server tried, or null when none was
 * @param retries          connection attempts after the first ({@code %rc})
 * @param redispatched     a retry went to another server
 * @param queueMillis      time waiting for a server slot, -1 if the session never got that far ({@code %Tw})
 * @param connectMillis    time to connect to the server, -1 if no connection was made ({@code %Tc})
 * @param totalMillis      accept to end ({@code %Tt})
 * @param outcome          how it ended; its {@link Outcome#terminationState()} is the log's two-letter code
 */
public record SessionRecord(Frontend frontend, SocketAddress clientAddress, SocketAddress frontendAddress,
                            long acceptedAtMillis, Optional<Backend> backend,
                            Server server, int retries, boolean redispatched, long queueMillis, long connectMillis,
                            long totalMillis, Outcome outcome, long bytesFromClient, long bytesToClient) {

    /** How a session ended, with HAProxy's termination state (configuration.txt §8.5). */
    public enum Outcome {
        CLOSED("--"),
        CLIENT_TIMEOUT("cD"),
        SERVER_TIMEOUT("sD"),
        CLIENT_ABORT("CD"),
        SERVER_ABORT("SD"),
        NO_BACKEND("--"),
        /** A {@code tcp-request content reject} closed it. */
        REJECTED("PR"),
        NO_SERVER("SC"),
        QUEUE_TIMEOUT("sQ"),
        CONNECT_FAILED("SC"),
        CONNECT_TIMEOUT("sC"),
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
                case CONNECT_TIMEOUT -> CONNECT_TIMEOUT;
                case ABORTED -> ABORTED;
            };
        }
    }
}
