package dev.shuttle.sample;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The log facts of something that has no stream: a connection that failed before one existed
 * (the error log line, configuration.txt §8.2.5) or a health check (its log-format strings).
 * HAProxy fills a temporary stream log the same way: no request, queue, connection nor data
 * ({@code -1}), no status, no bytes, nothing captured.
 *
 * @param idleMillis        {@code %Ti}: 0 for a failed connection, -1 for a check
 * @param terminationState  {@code %ts}: {@code PR} for a failed connection
 * @param origin            {@code %OG}: {@code sess_error}, or {@code unspec} for a check
 * @param streamNumber      {@code %rt}: 0, or the number a rule's line before the stream took
 */
public record StreamlessFacts(long acceptEpochMillis, long handshakeMillis, long idleMillis, long closeMillis,
                              String terminationState, String backendName, String serverName,
                              long frontendConnections, long backendConnections, long serverConnections,
                              long logCounter, String origin, long streamNumber) implements LogFacts {
    @Override
    public long requestMillis() {
        return -1;
    }

    @Override
    public long queueMillis() {
        return -1;
    }

    @Override
    public long connectMillis() {
        return -1;
    }

    @Override
    public long dataMillis() {
        return -1;
    }

    @Override
    public boolean complete() {
        return true;
    }

    @Override
    public int status() {
        return 0;
    }

    @Override
    public long bytesFromClient() {
        return 0;
    }

    @Override
    public long bytesToClient() {
        return 0;
    }

    @Override
    public int retries() {
        return 0;
    }

    @Override
    public boolean redispatched() {
        return false;
    }

    @Override
    public Optional<String> requestLine() {
        return Optional.empty();
    }

    @Override
    public List<String> requestCaptures() {
        return List.of();
    }

    @Override
    public List<String> responseCaptures() {
        return List.of();
    }

    @Override
    public long serverQueue() {
        return 0;
    }

    @Override
    public long backendQueue() {
        return 0;
    }

    @Override
    public Optional<InetSocketAddress> serverAddress() {
        return Optional.empty();
    }

    @Override
    public Optional<InetSocketAddress> backendSource() {
        return Optional.empty();
    }
}
