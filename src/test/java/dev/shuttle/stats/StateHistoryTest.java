package dev.shuttle.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The up/down history behind chkdown, chkfail, lastchg and downtime. */
class StateHistoryTest {
    @Test
    void countsTransitionsToDownOnceEach() {
        StateHistory history = new StateHistory(false);
        history.observe(false);
        history.observe(true);
        history.observe(true);
        history.observe(false);
        history.observe(true);
        assertEquals(2, history.downTransitions());
        assertTrue(history.isDown());
        assertEquals(0, history.secondsSinceLastChange());
    }

    @Test
    void checkFailuresAndClear() {
        StateHistory history = new StateHistory(true);
        history.checkFailed();
        history.checkFailed();
        assertEquals(2, history.checkFailures());
        assertEquals(0, history.downTransitions(), "starting down is no transition");
        history.clear();
        assertEquals(0, history.checkFailures());
    }
}
