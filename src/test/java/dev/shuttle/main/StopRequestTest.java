package dev.shuttle.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which signal a hard stop ends the process by: the last one that asked (VTest escalates from
 * SIGINT to SIGTERM when the process outlives 2 s, and then expects SIGTERM).
 */
class StopRequestTest {
    @Test
    void aSecondStopSignalIsTheOneTheProcessEndsBy() {
        StopRequest stop = new StopRequest();
        stop.hardStopBy("INT");
        stop.hardStopBy("TERM");
        assertEquals(Optional.of("TERM"), stop.hardStopSignal());
        assertEquals(StopRequest.Kind.HARD, stop.current());
    }

    @Test
    void oneStopSignalIsTheOneTheProcessEndsBy() {
        StopRequest stop = new StopRequest();
        stop.request(StopRequest.Kind.SOFT);
        stop.hardStopBy("INT");
        assertEquals(Optional.of("INT"), stop.hardStopSignal());
    }

    @Test
    void aStopWithoutSignalEndsByNone() {
        StopRequest stop = new StopRequest();
        stop.request(StopRequest.Kind.HARD);
        assertEquals(Optional.empty(), stop.hardStopSignal());
    }
}
