package dev.shuttle.sample;

import static dev.shuttle.sample.TerminationEvent.FD_RCV_ERR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTW;
import static dev.shuttle.sample.TerminationEvent.FD_SND_ERR;
import static dev.shuttle.sample.TerminationEvent.HS_TRUNCATED_RCV_ERR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.tls.SocketBeneath;
import org.junit.jupiter.api.Test;

/**
 * How a TLS connection's socket events are told apart into the socket's and the transport's, on
 * both sides, from what the socket beneath met ({@link SocketBeneath}); the sequences are 3.5's,
 * checked live (log difftest term-events-tls-*).
 */
class StreamTerminationEventsTlsTest {
    /** A socket beneath whose findings the test sets. */
    private static final class Beneath implements SocketBeneath {
        boolean ended;
        boolean failed;

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public boolean failed() {
            return failed;
        }
    }

    private final Beneath beneath = new Beneath();
    private final StreamTerminationEvents events = new StreamTerminationEvents();

    private String front() {
        return TerminationEvents.toString(events.frontConnectionLog());
    }

    private String back() {
        return TerminationEvents.toString(events.backConnectionLog());
    }

    @Test
    void aClientClosingTcpWithoutCloseNotifyShowsTheSocketsEndFirst() {
        events.overTls(beneath);
        beneath.ended = true;
        events.frontConnection(FD_SHUTR);
        events.frontConnection(FD_SHUTW);
        assertEquals("f2x2x1f1", front());
    }

    @Test
    void aCloseNotifyIsTheTransportsEndAlone() {
        events.overTls(beneath);
        events.frontConnection(FD_SHUTR);
        events.frontConnection(FD_SHUTW);
        assertEquals("x2x1f1", front());
    }

    @Test
    void aResetIsTheSocketsErrorThenTheTransports() {
        events.overTls(beneath);
        beneath.failed = true;
        events.frontConnection(FD_RCV_ERR);
        assertEquals("f3x3", front());
        assertTrue(events.frontConnectionFailed());
    }

    @Test
    void anErrorOfTheTlsLayerAloneLeavesTheSocketAbleToShut() {
        events.overTls(beneath);
        events.frontConnection(FD_RCV_ERR);
        assertFalse(events.frontConnectionFailed());
        events.frontConnectionClosedAfterFailure();
        assertEquals("x3x1f1", front());
    }

    @Test
    void aTunnelClosedAfterItsSocketFailedReportsThePollersError() {
        events.overTls(beneath);
        beneath.failed = true;
        events.frontConnection(FD_RCV_ERR);
        events.frontConnectionClosedAfterFailure();
        assertEquals("f3x3x1fA", front());
    }

    @Test
    void aSendErrorIsToldApartTheSameWay() {
        events.overTls(beneath);
        events.frontConnection(FD_SND_ERR);
        assertEquals("x4", front());
    }

    @Test
    void anUnwatchedTlsConnectionTakesAnErrorForTheSocketsAndAnEndForACloseNotify() {
        events.overTls(true);
        events.frontConnection(FD_SHUTR);
        events.frontConnection(FD_RCV_ERR);
        assertEquals("x2f3x3", front());
    }

    @Test
    void aPlainConnectionReportsTheSocketAlone() {
        events.overTls(false);
        events.frontConnection(FD_SHUTR);
        events.frontConnection(FD_SHUTW);
        assertEquals("f2f1", front());
    }

    @Test
    void aTlsServerSendingCloseNotifyLogsX2X1F1() {
        events.beginStream();
        events.backConnectionOpened();
        events.backOverTls(beneath);
        events.backConnection(FD_SHUTR);
        events.backConnection(FD_SHUTW);
        assertEquals("X2X1F1", back());
    }

    @Test
    void aTlsServerResettingLogsF3X3ThenX1FAInATunnel() {
        events.beginStream();
        events.backConnectionOpened();
        events.backOverTls(beneath);
        beneath.failed = true;
        events.backConnection(FD_RCV_ERR);
        events.backConnectionClosedAfterFailure();
        assertEquals("F3X3X1FA", back());
    }

    @Test
    void aPlainServerConnectionIsUnchanged() {
        events.beginStream();
        events.backConnectionOpened();
        events.backConnection(FD_SHUTR);
        events.backConnectionClosedAfterFailure(); // nothing: not over TLS
        assertEquals("F2", back());
    }

    @Test
    void aNewExchangeForgetsThePreviousServersTls() {
        events.beginStream();
        events.backConnectionOpened();
        events.backOverTls(beneath);
        events.beginStream();
        events.backConnectionOpened();
        events.backConnection(FD_SHUTR);
        assertEquals("F2", back());
    }

    @Test
    void aFailedHandshakeIsReportedInPlaceOfTheConnectsErrorUntilTheNextAttempt() {
        assertEquals(TerminationEvent.FD_CONNECT_ERR, events.backConnectFailure());
        events.backConnectFailure(HS_TRUNCATED_RCV_ERR);
        assertEquals(HS_TRUNCATED_RCV_ERR, events.backConnectFailure());
        events.beginStream();
        events.backConnectionOpened();
        events.backConnection(events.backConnectFailure());
        assertEquals("H6", back());
        events.backConnectFailure(null); // the next attempt's connect
        assertEquals(TerminationEvent.FD_CONNECT_ERR, events.backConnectFailure());
    }
}
