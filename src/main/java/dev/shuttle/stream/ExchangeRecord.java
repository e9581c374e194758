package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.Server;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The summary of one HTTP exchange, from which the HTTP log line is written (configuration.txt
 * §8.2.3). Times are in milliseconds, -1 when the step was never reached.
 *
 * @param requestDateMillis when the request's first byte arrived ({@code %tr})
 * @param requestMillis     first byte to complete head ({@code %TR})
 * @param queueMillis       waiting for a server slot ({@code %Tw})
 * @param connectMillis     connecting to the server ({@code %Tc})
 * @param responseMillis    request sent to response head received ({@code %Tr})
 * @param activeMillis      request's first byte to the end of the response ({@code %Ta})
 * @param status            the status sent to the client, -1 if none ({@code %ST})
 * @param bytesToClient     bytes of the response, head included ({@code %B})
 * @param terminationState  how it ended, the first two characters of {@code %tsc} (cookies are not tracked yet)
 * @param requestLine       the request line, or {@code <BADREQ>} ({@code %r})
 * @param requestCaptures   the request capture slots' values ({@code %hr}), empty when none is declared
 * @param responseCaptures  the response capture slots' values ({@code %hs}), empty when none is declared
 * @param logLevel          the syslog severity a rule chose ({@code set-log-level}), -1 for silent
 * @param tls               the client connection's TLS, for {@code %ft}'s {@code ~} and {@code option httpslog}
 * @param facts             the exchange's facts for log-format aliases (null when only the summary is known)
 * @param context           the exchange's sample context, for log-format expressions (null likewise)
 */
public record ExchangeRecord(Frontend frontend, SocketAddress clientAddress, long requestDateMillis,
                             Optional<Backend> backend, Server server, long requestMillis, long queueMillis,
                             long connectMillis, long responseMillis, long activeMillis, int status,
                             long bytesToClient, TerminationState terminationState, int retries, boolean redispatched,
                             String requestLine, List<String> requestCaptures, List<String> responseCaptures,
                             Optional<Integer> logLevel, Optional<TlsConnection> tls, LogFacts facts,
                             SampleContext context) {
    /** An exchange seen without its stream (tests, summaries): no custom log-format can be rendered from it. */
    public ExchangeRecord(Frontend frontend, SocketAddress clientAddress, long requestDateMillis,
                          Optional<Backend> backend, Server server, long requestMillis, long queueMillis,
                          long connectMillis, long responseMillis, long activeMillis, int status,
                          long bytesToClient, TerminationState terminationState, int retries, boolean redispatched,
                          String requestLine, List<String> requestCaptures, List<String> responseCaptures,
                          Optional<Integer> logLevel, Optional<TlsConnection> tls) {
        this(frontend, clientAddress, requestDateMillis, backend, server, requestMillis, queueMillis, connectMillis,
                responseMillis, activeMillis, status, bytesToClient, terminationState, retries, redispatched,
                requestLine, requestCaptures, responseCaptures, logLevel, tls, null, null);
    }

    public ExchangeRecord {
        requestCaptures = List.copyOf(requestCaptures);
        responseCaptures = List.copyOf(responseCaptures);
    }

    /** An exchange on a plain connection. */
    public ExchangeRecord(Frontend frontend, SocketAddress clientAddress, long requestDateMillis,
                          Optional<Backend> backend, Server server, long requestMillis, long queueMillis,
                          long connectMillis, long responseMillis, long activeMillis, int status,
                          long bytesToClient, TerminationState terminationState, int retries, boolean redispatched,
                          String requestLine, List<String> requestCaptures, List<String> responseCaptures,
                          Optional<Integer> logLevel) {
        this(frontend, clientAddress, requestDateMillis, backend, server, requestMillis, queueMillis, connectMillis,
                responseMillis, activeMillis, status, bytesToClient, terminationState, retries, redispatched,
                requestLine, requestCaptures, responseCaptures, logLevel, Optional.empty());
    }
}
