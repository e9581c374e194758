package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class H2InboundBodyTest {
    @Test
    void payloadsAreReadInOrderAndCreditedAsConsumed() throws IOException {
        AtomicInteger credited = new AtomicInteger();
        H2InboundBody body = new H2InboundBody(credited::addAndGet);
        body.offer("hello ".getBytes());
        body.offer("world".getBytes());
        body.end();
        byte[] read = body.readAllBytes();
        assertArrayEquals("hello world".getBytes(), read);
        assertEquals(11, credited.get(), "every octet read is given back to the windows");
        assertEquals(11, body.received());
        assertEquals(-1, body.read());
    }

    @Test
    void aResetFailsTheNextRead() {
        H2InboundBody body = new H2InboundBody(octets -> { });
        body.fail(new H2StreamReset("reset by the client"));
        assertThrows(H2StreamReset.class, body::read);
    }

    @Test
    void aResetAfterTheEndChangesNothing() throws IOException {
        H2InboundBody body = new H2InboundBody(octets -> { });
        body.offer(new byte[] {1});
        body.end();
        body.fail(new H2StreamReset("late"));
        assertEquals(1, body.read());
        assertEquals(-1, body.read());
    }

    @Test
    void aReadWaitsAtMostTheStreamTimeout() {
        H2InboundBody body = new H2InboundBody(octets -> { });
        body.timeout(50);
        assertThrows(SocketTimeoutException.class, body::read);
    }

    @Test
    void aReaderIsWokenByDataFromAnotherThread() throws Exception {
        H2InboundBody body = new H2InboundBody(octets -> { });
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            body.offer(new byte[] {42});
        });
        assertEquals(42, body.read());
        writer.join();
    }

    @Test
    void aWatchedStreamWhoseBodyEndedStillHearsItsClientLeave() {
        // A GET's body ends with its HEADERS: the client's later RST_STREAM must still wake the
        // stream's thread waiting on the server (ClientFailureWatch).
        H2InboundBody body = new H2InboundBody(octets -> { });
        body.end();
        AtomicInteger runs = new AtomicInteger();
        assertTrue(body.onPeerFailure(runs::incrementAndGet));
        H2StreamReset reset = new H2StreamReset("stream reset by the client: CANCEL", H2StreamReset.Cause.STREAM_RESET);
        body.abandoned(reset);
        body.abandoned(new H2StreamReset("HTTP/2 connection closed", H2StreamReset.Cause.CONNECTION_CLOSED));
        assertEquals(1, runs.get(), "once");
        assertSame(reset, body.pendingFailure(), "the first cause is kept");
    }

    @Test
    void aWatchSetAfterTheClientLeftRunsAtOnceAndAStoppedOneNever() {
        H2InboundBody left = new H2InboundBody(octets -> { });
        left.abandoned(new H2StreamReset("gone", H2StreamReset.Cause.CONNECTION_CLOSED));
        AtomicInteger runs = new AtomicInteger();
        left.onPeerFailure(runs::incrementAndGet);
        assertEquals(1, runs.get());
        H2InboundBody stopped = new H2InboundBody(octets -> { });
        stopped.onPeerFailure(runs::incrementAndGet);
        stopped.stopWatchingFailure();
        stopped.abandoned(new H2StreamReset("gone", H2StreamReset.Cause.STREAM_RESET));
        assertEquals(1, runs.get());
    }
}
