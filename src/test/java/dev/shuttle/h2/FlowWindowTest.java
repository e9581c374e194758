package dev.shuttle.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 9113 §6.9's arithmetic. */
class FlowWindowTest {
    @Test
    void receivingMoreThanTheWindowIsAnErrorOfItsOwner() throws H2Exception {
        FlowWindow stream = new FlowWindow(3, 100);
        stream.receive(60);
        assertEquals(40, stream.available());
        H2Exception error = assertThrows(H2Exception.class, () -> stream.receive(41));
        assertEquals(H2ErrorCode.FLOW_CONTROL_ERROR, error.errorCode());
        assertEquals(3, error.streamId());
        H2Exception connection = assertThrows(H2Exception.class, () -> new FlowWindow(0, 10).receive(11));
        assertTrue(connection.isConnectionError());
    }

    @Test
    void anUpdatePastTwoToTheThirtyOneIsRefused() throws H2Exception {
        FlowWindow window = new FlowWindow(0, 65_535);
        window.increase(Integer.MAX_VALUE - 65_535);
        assertEquals(Integer.MAX_VALUE, window.available());
        assertThrows(H2Exception.class, () -> window.increase(1));
    }

    @Test
    void aSmallerInitialWindowCanLeaveAStreamNegative() throws H2Exception {
        FlowWindow window = new FlowWindow(1, 65_535);
        window.send(60_000);
        window.adjust(16_384 - 65_535);
        assertEquals(5_535 - 49_151, window.available());
        assertTrue(window.available() < 0);
        window.increase(50_000);
        assertTrue(window.available() > 0);
    }

    @Test
    void sendingPastTheWindowIsAProgrammingError() {
        FlowWindow window = new FlowWindow(1, 10);
        assertThrows(IllegalStateException.class, () -> window.send(11));
    }
}
