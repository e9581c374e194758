package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The log words, compared with lines HAProxy 3.5 wrote. */
class CheckMessagesTest {
    @Test
    void aFailedLayer4CheckLine() {
        CheckOutcome outcome = CheckOutcome.of(CheckStatus.L4CON,
                CheckMessages.connectionError("Connection refused")).took(0);
        assertEquals("Health check for server be/s1 failed, reason: Layer4 connection problem, info: \"ECONNREFUSED "
                + "returned by OS (Connection refused)\", check duration: 0ms, status: 0/2 DOWN.",
                CheckMessages.healthCheckLine("be/s1", false, outcome, new Health(0, 2, 2)));
    }

    @Test
    void aPassedLayer7CheckLine() {
        CheckOutcome outcome = CheckOutcome.of(CheckStatus.L7OK, 200, "").took(1);
        assertEquals("Health check for server be/s1 succeeded, reason: Layer7 check passed, code: 200, check "
                + "duration: 1ms, status: 2/2 UP.", CheckMessages.healthCheckLine("be/s1", false, outcome, new Health(3, 2, 2)));
    }

    @Test
    void aWrongStatusReasonAndOthers() {
        assertEquals(", reason: Layer7 wrong status, code: 500, info: \"Internal Server Error\", check duration: 3ms",
                CheckMessages.reason(CheckOutcome.of(CheckStatus.L7STS, 500, "Internal Server Error").took(3)));
        assertEquals(", reason: Layer7 timeout, check duration: 501ms",
                CheckMessages.reason(CheckOutcome.of(CheckStatus.L7TOUT, "").took(501)));
        assertEquals(", reason: Layer7 check conditionally passed, code: 404, check duration: 1ms",
                CheckMessages.reason(CheckOutcome.of(CheckStatus.L7OKC, 404, "").took(1)));
        assertEquals("Health check for backup server b/c conditionally succeeded, reason: Layer7 check conditionally "
                + "passed, code: 404, check duration: 1ms, status: 1/1 UP.", CheckMessages.healthCheckLine("b/c", true,
                CheckOutcome.of(CheckStatus.L7OKC, 404, "").took(1), new Health(1, 1, 1)));
    }

    @Test
    void theStateWordOfSendState() {
        assertEquals("UP", CheckMessages.stateWord(new Health(4, 2, 3), false, false));
        assertEquals("UP 0/3", CheckMessages.stateWord(new Health(0, 1, 3), false, false));
        assertEquals("UP 2/3", CheckMessages.stateWord(new Health(3, 2, 3), false, false));
        assertEquals("NOLB", CheckMessages.stateWord(new Health(4, 2, 3), false, true));
        assertEquals("DOWN", CheckMessages.stateWord(new Health(0, 2, 3), true, false));
        assertEquals("DOWN 1/2", CheckMessages.stateWord(new Health(1, 2, 3), true, false));
    }

    @Test
    void connectionErrorsInHaproxysWords() {
        assertEquals("ECONNREFUSED returned by OS (Connection refused)", CheckMessages.connectionError("Connection refused"));
        assertEquals("EHOSTUNREACH returned by OS (No route to host)", CheckMessages.connectionError("No route to host"));
        assertEquals("something else", CheckMessages.connectionError("something else"));
        assertEquals("", CheckMessages.connectionError(null));
    }
}
