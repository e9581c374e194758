package dev.shuttle.sample;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settings rules may change for one stream only (configuration.txt §4.3): the timeouts of
 * {@code set-timeout}, the log level of {@code set-log-level} and the queue priority of
 * {@code set-priority-class}/{@code set-priority-offset}, the server connection's TOS of
 * {@code set-bc-tos}, the retries of {@code set-retries} and {@code disable-l7-retry}. Empty means "as the proxy says".
 * Owned by the stream's thread.
 */
public final class StreamSettings {
    /** {@code set-log-level silent}: no log line for this stream. */
    public static final int SILENT = -1;

    private OptionalLong serverTimeout = OptionalLong.empty();
    private OptionalLong tunnelTimeout = OptionalLong.empty();
    private OptionalLong clientTimeout = OptionalLong.empty();
    private Optional<Integer> logLevel = Optional.empty();
    private int priorityClass;
    private int priorityOffset;
    /** {@code set-bc-tos}: the TOS byte of the server connection, -1 for none. */
    private int backTos = -1;
    /** {@code set-retries}: the stream's own {@code retries}, -1 for the backend's. */
    private int maxRetries = -1;
    /** {@code disable-l7-retry}: no retry on the server's response (only on a failed connection). */
    private boolean layer7RetryDisabled;

    void reset() {
        backTos = -1;
        maxRetries = -1;
        layer7RetryDisabled = false;
        serverTimeout = OptionalLong.empty();
        tunnelTimeout = OptionalLong.empty();
        clientTimeout = OptionalLong.empty();
        logLevel = Optional.empty();
        priorityClass = 0;
        priorityOffset = 0;
    }

    /** {@code set-timeout server}: waiting for the response head and each read of its body. */
    public OptionalLong serverTimeout() {
        return serverTimeout;
    }

    public void serverTimeout(long millis) {
        serverTimeout = OptionalLong.of(millis);
    }

    /** {@code set-timeout tunnel}: both directions of a WebSocket or CONNECT tunnel. */
    public OptionalLong tunnelTimeout() {
        return tunnelTimeout;
    }

    public void tunnelTimeout(long millis) {
        tunnelTimeout = OptionalLong.of(millis);
    }

    /** {@code set-timeout client}: reading the request body from the client. */
    public OptionalLong clientTimeout() {
        return clientTimeout;
    }

    public void clientTimeout(long millis) {
        clientTimeout = OptionalLong.of(millis);
    }

    /** The syslog severity (0 emerg .. 7 debug) or {@link #SILENT}, when a rule set one. */
    public Optional<Integer> logLevel() {
        return logLevel;
    }

    public void logLevel(int level) {
        logLevel = Optional.of(level);
    }

    /** {@code set-retries}: this stream's retries, 0 to 100; -1 when no rule set it (the backend's {@code retries}). */
    public int maxRetries() {
        return maxRetries;
    }

    public void maxRetries(int retries) {
        maxRetries = retries;
    }

    /** {@code http-request disable-l7-retry}: the response's {@code retry-on} conditions do not apply to this stream. */
    public boolean layer7RetryDisabled() {
        return layer7RetryDisabled;
    }

    public void disableLayer7Retry() {
        layer7RetryDisabled = true;
    }

    /** {@code set-bc-tos}: the IP TOS byte of the connection to the server, 0 to 255; -1 when no rule set it. */
    public int backTos() {
        return backTos;
    }

    public void backTos(int tos) {
        backTos = tos & 0xff;
    }

    /** {@code set-priority-class}, clamped to -2047..2047; lower is served first. */
    public int priorityClass() {
        return priorityClass;
    }

    public void priorityClass(long value) {
        priorityClass = (int) Math.max(-2047, Math.min(2047, value));
    }

    /** {@code set-priority-offset} in milliseconds, clamped to -524287..524287. */
    public int priorityOffset() {
        return priorityOffset;
    }

    public void priorityOffset(long value) {
        priorityOffset = (int) Math.max(-524287, Math.min(524287, value));
    }
}
