package dev.shuttle.stream;

import dev.shuttle.io.InputBuffer;
import dev.shuttle.session.ClientConnection;
import java.io.IOException;

/**
 * What a TCP client had sent when its stream ends without a server connection (every connect
 * refused or timed out, a stop during the wait): the bytes the content rules left in the client's
 * buffer and those already waiting in the socket, taken without blocking. HAProxy 3.5 reads the
 * client while it connects and counts what it read in the stream's request bytes ({@code %U},
 * configuration.txt §8.2.2 "bytes_uploaded"; the {@code bin} counters of the frontend, listener,
 * backend and server, stream_process_counters): a client that sent "ping\n" before the server
 * refused is logged {@code %U} 5 (log difftest term-tcp-server-down).
 *
 * <p>Shuttle does not read the client while it connects (the tunnel starts once connected), so this
 * takes the bytes at the end instead: one {@code available()} (FIONREAD) on the failure path, and
 * one read only when it says some are there, so it never waits. A connect that succeeds costs
 * nothing. On TLS, {@code available()} only sees records already decrypted: bytes still encrypted
 * in the socket are not counted.
 */
final class ArrivedClientBytes {
    private ArrivedClientBytes() {}

    /** The bytes the client's buffer holds after taking, without blocking, what its socket has already received. */
    static long take(ClientConnection client) {
        InputBuffer input = client.input();
        try {
            if (client.socket().getInputStream().available() > 0) {
                input.fill();
            }
        } catch (IOException e) {
            // a reset client: what the buffer holds is all that arrived
        }
        return input.buffered();
    }
}
