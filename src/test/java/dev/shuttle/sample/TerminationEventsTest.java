package dev.shuttle.sample;

import static dev.shuttle.sample.TerminationEvent.FD_CONNECT_ERR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTR;
import static dev.shuttle.sample.TerminationEvent.FD_SHUTW;
import static dev.shuttle.sample.TerminationEvent.MUXC_GRACEFUL_SHUT;
import static dev.shuttle.sample.TerminationEvent.SE_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_EOS;
import static dev.shuttle.sample.TerminationEvent.STRM_SHUTW;
import static dev.shuttle.sample.TerminationEvent.STRM_TOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The termination events log: HAProxy 3.5's packing (8 bits an event, four at most) and printed form. */
class TerminationEventsTest {
    @Test
    void eventsArePackedOldestFirstLocationThenType() {
        int log = TerminationEvents.report(0, STRM_TOUT, true);
        assertEquals(0xe7, log); // strm (6) | server side (8) = 0xe, tout = 7
        log = TerminationEvents.report(log, STRM_SHUTW, true);
        assertEquals(0xe7e1, log);
        assertEquals("S7S1", TerminationEvents.toString(log));
        assertEquals(2, TerminationEvents.count(log));
    }

    @Test
    void theClientSidePrintsInLowerCase() {
        int log = TerminationEvents.report(0, FD_SHUTR, false);
        log = TerminationEvents.report(log, FD_SHUTW, false);
        assertEquals(0x1211, log);
        assertEquals("f2f1", TerminationEvents.toString(log));
    }

    @Test
    void typesAboveNinePrintInUpperCaseHexadecimal() {
        // HAProxy's hextab is upper case: 3.5 logs {f3x3x1fA,...} for a TLS client's reset (checked live).
        assertEquals("mC", TerminationEvents.toString(TerminationEvents.report(0, MUXC_GRACEFUL_SHUT, false)));
        assertEquals("F7", TerminationEvents.toString(TerminationEvents.report(0, FD_CONNECT_ERR, true)));
    }

    @Test
    void onlyTheFirstFourEventsAreKept() {
        int log = 0;
        for (TerminationEvent event : new TerminationEvent[] {STRM_TOUT, STRM_SHUTW, STRM_EOS, SE_SHUTW, FD_SHUTW}) {
            log = TerminationEvents.report(log, event, false);
        }
        assertEquals("s7s1s2e1", TerminationEvents.toString(log));
        assertEquals(4, TerminationEvents.count(log));
    }

    @Test
    void anEventRepeatingTheLastOneIsDropped() {
        int log = TerminationEvents.report(0, STRM_SHUTW, true);
        log = TerminationEvents.report(log, STRM_SHUTW, true);
        assertEquals("S1", TerminationEvents.toString(log));
        // The same event on the other side is another event.
        assertEquals("S1s1", TerminationEvents.toString(TerminationEvents.report(log, STRM_SHUTW, false)));
    }

    @Test
    void anEmptyLogPrintsNothingAndAnAbsentEntityADash() {
        assertEquals("", TerminationEvents.toString(0));
        assertEquals("-", TerminationEvents.toString(TerminationEvents.ABSENT));
        assertEquals(0, TerminationEvents.count(TerminationEvents.ABSENT));
    }

    @Test
    void theValuesAreHaproxys() {
        // include/haproxy/connection-t.h: locations 1 to 6, and a few types of each.
        assertEquals(1, TerminationEvent.Location.FD.code());
        assertEquals(6, TerminationEvent.Location.STRM.code());
        assertEquals(11, TerminationEvent.FD_POLL_HUP.type());
        assertEquals(6, TerminationEvent.HS_TRUNCATED_RCV_ERR.type());
        assertEquals(12, TerminationEvent.SE_CANCELLED.type());
        assertEquals(12, TerminationEvent.STRM_ABORTED.type());
        Set<String> seen = new java.util.HashSet<>();
        for (TerminationEvent event : TerminationEvent.values()) {
            // Every (location, type) pair is distinct and fits its 4 bits.
            assertEquals(true, seen.add(event.location() + "/" + event.type()), event.name());
            assertEquals(true, event.type() > 0 && event.type() < 16, event.name());
        }
        assertEquals(EnumSet.allOf(TerminationEvent.Location.class).size(), 6);
    }

    @Test
    void aStreamPrintsItsSevenLogsAsTermEventsDoes() {
        StreamTerminationEvents events = new StreamTerminationEvents();
        assertEquals("{,-,-,-,-,-,-}", events.describe()); // before the mux: tcp-request connection rules
        events.muxStarted();
        assertEquals("{,,-,-,-,-,-}", events.describe()); // no stream yet
        events.beginStream();
        assertEquals("{,,,,,-,-}", events.describe());
        events.backConnectionOpened();
        events.backConnection(FD_CONNECT_ERR);
        events.stream(STRM_SHUTW, true);
        assertEquals("{,,,S1,,,F7}", events.describe()); // HAProxy 3.5 on a refused connect
        events.frontEndpoint(SE_SHUTW);
        events.stream(STRM_SHUTW, false);
        assertEquals("{,,e1,S1s1,,,F7}", events.describe());
        events.beginStream();
        assertEquals("{,,,,,-,-}", events.describe());
    }

    @Test
    void theServerConnectionsLogsWaitForAConnection() {
        StreamTerminationEvents events = new StreamTerminationEvents();
        events.beginStream();
        events.backConnection(FD_SHUTW);
        events.backMux(TerminationEvent.MUXC_SHUTW);
        assertEquals("{,,,,,-,-}", events.describe());
    }
}
