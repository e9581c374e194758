package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
