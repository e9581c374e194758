package dev.shuttle.mux;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * A write to an HTTP/2 connection that could not go out within the connection's write deadline
 * ({@code timeout client} or {@code timeout server}): the peer stopped reading and the connection
 * was aborted. A timeout of the side being written to, not of the side being read.
 */
public final class H2WriteTimeout extends SocketTimeoutException {
    H2WriteTimeout(IOException cause) {
        super("HTTP/2 write deadline passed: the peer stopped reading");
        if (cause != null) {
            initCause(cause);
        }
    }
}
