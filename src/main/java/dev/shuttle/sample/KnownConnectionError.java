package dev.shuttle.sample;

import java.io.IOException;

/**
 * A failure that knows its connection error code because Shuttle's own code found it, not the
 * system (a SOCKS4 proxy's refusal, for instance): {@link SocketErrors} takes its code as it is.
 */
public class KnownConnectionError extends IOException {
    private final transient ConnectionError error;

    public KnownConnectionError(ConnectionError error) {
        this(error, null);
    }

    public KnownConnectionError(ConnectionError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public ConnectionError error() {
        return error;
    }
}
