package dev.shuttle.sample;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a stream knows for its log line beyond what sample fetches read: its timers, counters,
 * termination state and captures, in HAProxy's terms (configuration.txt §8.4, "Timing events").
 * Implemented by the stream layer (an HTTP exchange, a TCP session, a connection that failed
 * before any stream); read by the log-format aliases ({@link LogAlias}) and the timer fetches.
 *
 * <p>The timers are milliseconds counted from the stream's accept date, each -1 while its event
 * has not happened, as HAProxy keeps them: {@code t_handshake}, {@code t_idle}, the request
 * (whole head received), the queue (a server slot obtained), the connect (server connection
 * ready), the data (response head received) and the close. The aliases derive {@code %TR},
 * {@code %Tw}, {@code %Tc}... from their differences.
 */
public interface LogFacts {
    /** The stream's accept date (the connection's for its first stream, else the end of the previous one), epoch ms. */
    long acceptEpochMillis();

    /** {@code %Th}: the connection's handshakes (PROXY header, TLS), 0 after the first stream. */
    long handshakeMillis();

    /** {@code %Ti}: waiting for the request's first byte; -1 when unknown. */
    long idleMillis();

    /** The request head complete, from accept; -1 if never. */
    long requestMillis();

    /** A server slot obtained (the end of the queue), from accept; -1 if never. */
    long queueMillis();

    /** The server connection established, from accept; -1 if never. */
    long connectMillis();

    /** The response head received, from accept; -1 if never. */
    long dataMillis();

    /** The end (or now, for a line logged early with {@code option logasap}), from accept. */
    long closeMillis();

    /** False while the stream goes on (a {@code logasap} line): totals and bytes print with a {@code +}. */
    boolean complete();

    /** {@code %ST}: the status sent to the client; -1 (HTTP) or 0 (TCP) when none. */
    int status();

    /** {@code %U}: bytes received from the client. */
    long bytesFromClient();

    /**
     * {@code %B}: bytes of the response received from the server and passed on ({@code
     * res.bytes_in}); 0 for a reply the proxy made itself, as in HAProxy 3.5.
     */
    long bytesToClient();

    /**
     * {@code req.bytes_out}: bytes sent to the server, counted as {@link #bytesFromClient()} is (a
     * request head as rewritten, then its body); 0 before a server connection.
     */
    default long bytesToServer() {
        return connectMillis() >= 0 ? bytesFromClient() : 0;
    }

    /** {@code res.bytes_out}: bytes sent to the client, the proxy's own replies included. */
    default long bytesSentToClient() {
        return bytesToClient();
    }

    /** {@code bc_reused}: whether the server connection was an idle one reused. */
    default boolean serverConnectionReused() {
        return false;
    }

    /** {@code server_status}: the status of the server's response head, -1 when none arrived. */
    default int serverStatus() {
        return -1;
    }

    /** {@code %ts}: the two letters of the termination state. */
    String terminationState();

    /** The last two letters of {@code %tsc}: the persistence cookie's states ({@code --} without cookies). */
    default String cookieStates() {
        return "--";
    }

    /** {@code %rc}: connection attempts after the first. */
    int retries();

    /** Whether a retry went to another server (the {@code +} of {@code %rc}). */
    boolean redispatched();

    /** {@code %r}: the request line as received, empty before one arrived (printed {@code <BADREQ>}). */
    Optional<String> requestLine();

    /** {@code %hr}: the request capture slots' values, null for an empty slot; empty without slots. */
    List<String> requestCaptures();

    /** {@code %hs}: the response capture slots' values. */
    List<String> responseCaptures();

    /** {@code %CC}: the captured request cookie ({@code capture cookie}). */
    default Optional<String> requestCookie() {
        return Optional.empty();
    }

    /** {@code %CS}: the captured response cookie. */
    default Optional<String> responseCookie() {
        return Optional.empty();
    }

    /** {@code %sq}: the position the stream had in its server's queue. */
    long serverQueue();

    /** {@code %bq}: the position it had in its backend's queue. */
    long backendQueue();

    /** {@code %si:%sp}: the address connected to, if any. */
    Optional<InetSocketAddress> serverAddress();

    /** {@code %bi:%bp}: the local address of the server connection, if any. */
    Optional<InetSocketAddress> backendSource();

    /** The name of the server ({@code %s}), or {@code <NOSRV>}. */
    String serverName();

    /** The name of the backend ({@code %b}), the frontend's when none was chosen. */
    String backendName();

    /** {@code %fc}: connections of the frontend. */
    long frontendConnections();

    /** {@code %bc}: connections of the backend. */
    long backendConnections();

    /** {@code %sc}: connections of the server. */
    long serverConnections();

    /** {@code %rt}: the stream's number in the process (HAProxy's {@code uniq_id}). */
    long streamNumber();

    /** {@code %lc}: the frontend's log counter. */
    long logCounter();

    /** {@code %OG}: when the line is being made ({@code txn_close}, {@code txn_request}...). */
    default String origin() {
        return "txn_close";
    }
}
