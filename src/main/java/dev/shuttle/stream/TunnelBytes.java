package dev.shuttle.stream;

import dev.shuttle.io.InputBuffer;
import dev.shuttle.mux.H1Connection;
import java.io.IOException;

/**
 * Before an HTTP connection turns into a tunnel, bytes already read past the last head (a
 * WebSocket frame sent right after the upgrade request, say) must reach the other side first.
 */
final class TunnelBytes {
    private TunnelBytes() {}

    static void flushBuffered(H1Connection from, H1Connection to) throws IOException {
        InputBuffer buffered = from.input();
        if (buffered.buffered() > 0) {
            to.output().write(buffered.array(), buffered.start(), buffered.buffered());
            buffered.consume(buffered.buffered());
        }
        to.flush();
    }
}
