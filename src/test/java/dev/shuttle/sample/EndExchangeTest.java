package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SampleContext#endExchange()}: an idle keep-alive connection's context lets go of what its
 * last exchange left there, so that the exchange (its log record, its client stream) is not kept
 * while the connection waits for its next request.
 */
class EndExchangeTest {
    private final SampleContext context = new SampleContext(null, null, null, "test", VariableStore.shared());

    @Test
    void theExchangesStepLoggerGoesWithIt() {
        List<String> logged = new ArrayList<>();
        context.stepLogger((step, profile) -> logged.add(step));
        context.logStep("http-req", Optional.empty());
        context.endExchange();
        context.logStep("http-req", Optional.empty());
        assertEquals(List.of("http-req"), logged, "no step logged after the exchange ended");
    }

    @Test
    void itsLogFactsGoWithItToo() {
        context.logFacts(new StreamlessFacts(0, 0, -1, 0, "--", "be", "srv", 0, 0, 0, 0, "unspec", 0));
        context.endExchange();
        assertTrue(context.logFacts().isEmpty());
    }
}
