package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The summary of one TCP-mode session, from which the TCP log line is written
 * (configuration.txt §8.2.2). Times are in milliseconds, -1 when the step was never reached.
 *
 * @param acceptedAtMillis when the connection was accepted ({@code %t})
 * @param backend          the backend chosen, if any
 * @param server           the server connected to (or last tried), or null
 * @param retries          connection attempts after the first ({@code %rc})
 * @param redispatched     a retry went to another server (the {@code +} of {@code %rc})
 * @param queueMillis      waiting for a free server slot ({@code %Tw})
 * @param connectMillis    establishing the server connection ({@code %Tc})
 * @param totalMillis      accept to close ({@code %Tt})
 * @param terminationState how it ended ({@code %ts})
 * @param bytesFromClient  bytes read from the client
 * @param bytesToClient    bytes written to the client ({@code %B})
 * @param tls              the client connection's TLS, for {@code %ft}'s {@code ~}
 * @param facts            the session's facts for log-format aliases (null when only the summary is known)
 * @param context          the session's sample context, for log-format expressions (null likewise)
 */
public record SessionRecord(Frontend frontend, SocketAddress clientAddress, SocketAddress frontendAddress,
                            long acceptedAtMillis, Optional<Backend> backend, Server server, int retries,
                            boolean redispatched, long queueMillis, long connectMillis, long totalMillis,
                            TerminationState terminationState, long bytesFromClient, long bytesToClient,
                            Optional<TlsConnection> tls, LogFacts facts, SampleContext context) {
    /** A session seen without its stream (tests, summaries): no custom log-format can be rendered from it. */
    public SessionRecord(Frontend frontend, SocketAddress clientAddress, SocketAddress frontendAddress,
                         long acceptedAtMillis, Optional<Backend> backend, Server server, int retries,
                         boolean redispatched, long queueMillis, long connectMillis, long totalMillis,
                         TerminationState terminationState, long bytesFromClient, long bytesToClient,
                         Optional<TlsConnection> tls) {
        this(frontend, clientAddress, frontendAddress, acceptedAtMillis, backend, server, retries, redispatched,
                queueMillis, connectMillis, totalMillis, terminationState, bytesFromClient, bytesToClient, tls,
                null, null);
    }

    /** A session on a plain connection. */
    public SessionRecord(Frontend frontend, SocketAddress clientAddress, SocketAddress frontendAddress,
                         long acceptedAtMillis, Optional<Backend> backend, Server server, int retries,
                         boolean redispatched, long queueMillis, long connectMillis, long totalMillis,
                         TerminationState terminationState, long bytesFromClient, long bytesToClient) {
        this(frontend, clientAddress, frontendAddress, acceptedAtMillis, backend, server, retries, redispatched,
                queueMillis, connectMillis, totalMillis, terminationState, bytesFromClient, bytesToClient,
                Optional.empty(), null, null);
    }
}
