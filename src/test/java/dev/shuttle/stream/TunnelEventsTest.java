package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.SocketException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The termination events a TCP tunnel's end leaves for {@code term_events}, as HAProxy 3.5 logs them. */
class TunnelEventsTest {
    private SampleContext context;

    @BeforeEach
    void connected() {
        context = new SampleContext(null, null, null, "test", VariableStore.shared());
        context.terminationEvents().beginStream();
        context.terminationEvents().backConnectionOpened();
    }

    @Test
    void theClientClosesThenTheServer() {
        TunnelEvents.ended(context, ending(TcpTunnel.Ending.CLOSED), true);
        assertEquals("{f2f1,m2m1,e1,s2S1S2s1,E1,M1M2M1,F1F2}", context.terminationEvents().describe());
    }

    @Test
    void theServerClosesThenTheClient() {
        TunnelEvents.ended(context, ending(TcpTunnel.Ending.CLOSED), false);
        assertEquals("{f1f2,m1m2m1,e1,S2s1s2S1,E1,M2M1,F2F1}", context.terminationEvents().describe());
    }

    @Test
    void theClientResets() {
        TunnelEvents.ended(context, ending(TcpTunnel.Ending.CLIENT_ABORT), false);
        assertEquals("{f3,m3m1,e1,s5s1S1,E1,M1,F1}", context.terminationEvents().describe());
    }

    @Test
    void aTlsClientResets() {
        // 3.5, checked live (log difftest term-events-tls-tcp-reset): the socket's error is the
        // TLS transport's too, whose close_notify is still tried as the connection closes.
        context.terminationEvents().overTls(true);
        TunnelEvents.ended(context, ending(TcpTunnel.Ending.CLIENT_ABORT), false);
        assertEquals("{f3x3x1fA,m3m1,e1,s5s1S1,E1,M1,F1}", context.terminationEvents().describe());
    }

    @Test
    void theServerResets() {
        TunnelEvents.ended(context, ending(TcpTunnel.Ending.SERVER_ABORT), false);
        assertEquals("{f1,m1,e1,S5S1s1,E1,M3M1,F3}", context.terminationEvents().describe());
    }

    private static TcpTunnel.Result ending(TcpTunnel.Ending ending) {
        return new TcpTunnel.Result(1, 1, ending);
    }

    @Test
    void theClientTimesOutThenTheServerCloses() {
        TunnelEvents.ended(context, new TcpTunnel.Result(5, 5, TcpTunnel.Ending.CLIENT_TIMEOUT, false,
                TcpTunnel.Ending.CLOSED), false);
        assertEquals("{f1,m1,e1,s7S1S2s1,E1,M1M2M1,F1F2}", context.terminationEvents().describe());
    }

    @Test
    void theServerTimesOutThenTheClientResets() {
        TunnelEvents.ended(context, new TcpTunnel.Result(5, 5, TcpTunnel.Ending.SERVER_TIMEOUT, false,
                TcpTunnel.Ending.CLIENT_ABORT), false);
        assertEquals("{f1f3,m1m3m1,e1,S7s1s5S1,E1,M1,F1}", context.terminationEvents().describe(),
                "no shutdown of the client socket after its reset");
    }

    @Test
    void bothTimeOutTogether() {
        TunnelEvents.ended(context, new TcpTunnel.Result(5, 5, TcpTunnel.Ending.CLIENT_TIMEOUT, true, null), false);
        assertEquals("{f1,m1,e1,s7S7S1s1,E1,M1,F1}", context.terminationEvents().describe());
    }

    @Test
    void aTlsClientsEndIsTheTransportsAndItsCloseSendsACloseNotify() {
        context.terminationEvents().overTls(true);
        TunnelEvents.ended(context, ending(TcpTunnel.Ending.CLOSED), true);
        assertEquals("{x2x1f1,m2m1,e1,s2S1S2s1,E1,M1M2M1,F1F2}", context.terminationEvents().describe());
    }

    @Test
    void aWebSocketWhoseClientTimesOutShutsItsEndpointsAsThe35H1Mux() {
        TunnelEvents.httpTunnelEnded(context, new TcpTunnel.Result(5, 5, TcpTunnel.Ending.CLIENT_TIMEOUT, false,
                TcpTunnel.Ending.CLOSED), false);
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f1,m1,e1,s7S1S2s1,E1E2,M1M2M1,F1F2}", context.terminationEvents().describe(),
                "the exchange's end adds nothing after the tunnel's");
    }

    @Test
    void aWebSocketWhoseServerTimesOut() {
        TunnelEvents.httpTunnelEnded(context, new TcpTunnel.Result(5, 5, TcpTunnel.Ending.SERVER_TIMEOUT, false,
                TcpTunnel.Ending.CLOSED), false);
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f1f2,m1m2m1,e1e2,S7s1s2S1,E1,M1,F1}", context.terminationEvents().describe());
    }

    // HTTP tunnels closed or reset by a side: 3.5's sequences, checked live with a WebSocket and a
    // CONNECT (log difftest term-events-websocket-*, term-events-connect-*).

    @Test
    void aWebSocketWhoseClientClosesThenTheServer() {
        TunnelEvents.httpTunnelEnded(context, ending(TcpTunnel.Ending.CLOSED), true);
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f2f1,m2m1,e2e1,s2S1S2s1,E1E2,M1M2M1,F1F2}", context.terminationEvents().describe());
    }

    @Test
    void aWebSocketWhoseServerClosesThenTheClient() {
        TunnelEvents.httpTunnelEnded(context, ending(TcpTunnel.Ending.CLOSED), false);
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f1f2,m1m2m1,e1e2,S2s1s2S1,E2E1,M2M1,F2F1}", context.terminationEvents().describe());
    }

    @Test
    void aWebSocketWhoseClientResetsNamesTheClientsError() {
        TunnelEvents.httpTunnelEnded(context, new TcpTunnel.Result(1, 1, TcpTunnel.Ending.CLIENT_ABORT, false, null,
                new SocketException("Connection reset")), false);
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f3,m3m1,e3e1,s2s1S1,E1,M1,F1}", context.terminationEvents().describe());
        assertEquals("ERESET", context.frontError().orElseThrow().name());
    }

    @Test
    void aWebSocketWhoseServerResetsNamesTheServersError() {
        context.backConnection(null);
        TunnelEvents.httpTunnelEnded(context, new TcpTunnel.Result(1, 1, TcpTunnel.Ending.SERVER_ABORT, false, null,
                new SocketException("Connection reset")), false);
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f1,m1,e1,S2S1s1,E3E1,M3M1,F3}", context.terminationEvents().describe());
        assertEquals("ERESET", context.backError().orElseThrow().name());
        assertTrue(context.frontError().isEmpty());
    }
}
