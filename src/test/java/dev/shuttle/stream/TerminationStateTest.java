package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shuttle.backend.ServerConnector;
import dev.shuttle.mux.TcpTunnel;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two letters of configuration.txt §8.5. */
class TerminationStateTest {
    @Test
    void theCodesAreHaproxysLetters() {
        assertEquals("--", TerminationState.NORMAL.code());
        assertEquals("CR", TerminationState.CLIENT_ABORTED_REQUEST.code());
        assertEquals("cR", TerminationState.CLIENT_TIMEOUT_REQUEST.code());
        assertEquals("PR", TerminationState.PROXY_REQUEST.code());
        assertEquals("PT", TerminationState.PROXY_TARPIT.code());
        assertEquals("sQ", TerminationState.QUEUE_TIMEOUT.code());
        assertEquals("SC", TerminationState.SERVER_REFUSED.code());
        assertEquals("sC", TerminationState.CONNECT_TIMEOUT.code());
        assertEquals("SH", TerminationState.SERVER_ABORTED_HEADERS.code());
        assertEquals("sH", TerminationState.SERVER_TIMEOUT_HEADERS.code());
        assertEquals("PH", TerminationState.PROXY_HEADERS.code());
        assertEquals("CD", TerminationState.CLIENT_ABORTED_DATA.code());
        assertEquals("cD", TerminationState.CLIENT_TIMEOUT_DATA.code());
        assertEquals("SD", TerminationState.SERVER_ABORTED_DATA.code());
        assertEquals("sD", TerminationState.SERVER_TIMEOUT_DATA.code());
        assertEquals("PD", TerminationState.PROXY_DATA.code());
        assertEquals("KD", TerminationState.KILLED_DATA.code());
    }

    @Test
    void everyPairHasItsOwnCodeMadeOnce() {
        Set<String> codes = new HashSet<>();
        for (TerminationState.Cause cause : TerminationState.Cause.values()) {
            for (TerminationState.Phase phase : TerminationState.Phase.values()) {
                TerminationState state = new TerminationState(cause, phase);
                codes.add(state.code());
                assertSame(state.code(), new TerminationState(cause, phase).code(), "no string made per log line");
            }
        }
        assertEquals(TerminationState.Cause.values().length * TerminationState.Phase.values().length, codes.size());
    }

    @Test
    void tcpSessionsAndExchangesMapTheirEndingsAsHaproxyLogsThem() {
        assertEquals("KD", TcpSession.connectFailure(ServerConnector.Failure.ABORTED).code());
        assertEquals("SC", TcpSession.connectFailure(ServerConnector.Failure.NO_SERVER).code());
        assertEquals("sD", TcpSession.tunnelEnding(TcpTunnel.Ending.SERVER_TIMEOUT).code());
        assertEquals("--", TcpSession.tunnelEnding(TcpTunnel.Ending.CLOSED).code());
    }
}
