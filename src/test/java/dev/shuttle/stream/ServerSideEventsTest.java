package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.ServerConnector;
import dev.shuttle.mux.BodyTransferException;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.io.EOFException;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each outcome of the connector leaves for {@code bc_err} and {@code term_events}, as HAProxy 3.5 shows it. */
class ServerSideEventsTest {
    private SampleContext context;

    @BeforeEach
    void context() {
        context = new SampleContext(null, null, null, "test", VariableStore.shared());
        context.beginExchange(null);
    }

    private static ServerConnector.Result failed(ServerConnector.Failure failure, Optional<ConnectionError> error) {
        return new ServerConnector.Result(Optional.empty(), failure, Optional.empty(), 0, false, 0, false, error);
    }

    @Test
    void aRefusedConnect() {
        ServerSideEvents.connected(context, failed(ServerConnector.Failure.CONNECT_FAILED,
                Optional.of(ConnectionError.EREFUSED)));
        assertEquals("{,,,S1,,,F7}", context.terminationEvents().describe());
        assertEquals(Optional.of(ConnectionError.EREFUSED), context.backError());
    }

    @Test
    void aConnectThatTimesOutHasNoErrorYet() {
        ServerSideEvents.connected(context, failed(ServerConnector.Failure.CONNECT_TIMEOUT, Optional.empty()));
        assertEquals("{,,,S1,,,}", context.terminationEvents().describe());
        assertFalse(context.backConnectionTried(), "bc_err finds nothing, as with HAProxy 3.5");
    }

    @Test
    void noServerAndAQueueTimeoutMakeNoServerConnection() {
        ServerSideEvents.connected(context, failed(ServerConnector.Failure.QUEUE_TIMEOUT, Optional.empty()));
        ServerSideEvents.connected(context, failed(ServerConnector.Failure.NO_SERVER, Optional.empty()));
        assertEquals("{,,,,,-,-}", context.terminationEvents().describe());
        assertFalse(context.backConnectionTried());
    }

    @Test
    void aServerTimeoutBeforeTheHead() {
        ServerSideEvents.connected(context, failed(ServerConnector.Failure.CONNECT_FAILED, Optional.empty()));
        context.beginExchange(null);
        context.terminationEvents().backConnectionOpened();
        context.backConnection(null);
        ServerSideEvents.timedOut(context);
        assertEquals("{,,,S7S1,E1,M1,F1}", context.terminationEvents().describe());
        assertTrue(context.backConnectionTried());
        assertEquals(Optional.empty(), context.backError());
    }

    @Test
    void aResponseBodyCutOrResetByTheServer() {
        context.terminationEvents().backConnectionOpened();
        context.backConnection(null);
        ServerSideEvents.responseBodyBroken(context, new BodyTransferException(
                BodyTransferException.Failure.SOURCE_CLOSED, new EOFException("cut")));
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f1,m1,e1,S5s1,E5E1,M5M1,F2F1}", context.terminationEvents().describe()); // 3.5, live

        context.beginExchange(null);
        context.terminationEvents().backConnectionOpened();
        context.backConnection(null);
        ServerSideEvents.responseBodyBroken(context, new BodyTransferException(
                BodyTransferException.Failure.SOURCE_CLOSED, new SocketException("Connection reset")));
        assertEquals(Optional.of(ConnectionError.ERESET), context.backError());
        assertEquals("{f1,m1,,S5,E6E1,M6M1,F3}", context.terminationEvents().describe());
    }

    @Test
    void aClientThatStopsReadingIsNotTheServersEvent() {
        context.terminationEvents().backConnectionOpened();
        ServerSideEvents.responseBodyBroken(context, new BodyTransferException(
                BodyTransferException.Failure.SINK_FAILED, new SocketException("Broken pipe")));
        assertEquals("{,,,,,,}", context.terminationEvents().describe());
    }
}
