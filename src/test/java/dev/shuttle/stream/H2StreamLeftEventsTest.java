package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.mux.H2StreamReset;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP/2 client leaves its stream while the response head is awaited: the events, state and
 * {@code fc_err} HAProxy 3.5 logs (checked live against a silent server), then the exchange's end.
 */
class H2StreamLeftEventsTest {
    private SampleContext context;

    @BeforeEach
    void waitingOnTheServer() {
        context = new SampleContext(null, null, null, "test", VariableStore.shared());
        context.terminationEvents().beginStream();
        context.terminationEvents().backConnectionOpened();
    }

    @Test
    void itsRstStream() {
        TerminationState state = ClientSideEvents.h2StreamLeft(context,
                new H2StreamReset("stream reset by the client: CANCEL", H2StreamReset.Cause.STREAM_RESET));
        ClientSideEvents.exchangeEnded(context, false);
        assertEquals("CD", state.code());
        assertEquals("{,,e8e2e1,s2s1S1,E1,M1,F1}", context.terminationEvents().describe());
        assertTrue(context.frontError().isEmpty());
    }

    @Test
    void itsConnectionsReset() {
        TerminationState state = ClientSideEvents.h2StreamLeft(context, new SocketException("Connection reset"));
        ClientSideEvents.exchangeEnded(context, false);
        assertEquals("CD", state.code());
        assertEquals("{f3,m6,e3e1,s2s1S1,E1,M1,F1}", context.terminationEvents().describe());
        assertEquals(Optional.of(ConnectionError.ERESET), context.frontError());
    }

    @Test
    void itsConnectionsClose() {
        TerminationState state = ClientSideEvents.h2StreamLeft(context,
                new H2StreamReset("HTTP/2 connection closed", H2StreamReset.Cause.CONNECTION_CLOSED));
        ClientSideEvents.exchangeEnded(context, false);
        assertEquals("CH", state.code());
        assertEquals("{f2,m5,e2e1,s2S1s1,E1,M1,F1}", context.terminationEvents().describe());
    }
}
