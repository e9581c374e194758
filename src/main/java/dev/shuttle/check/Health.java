package dev.shuttle.check;

import dev.shuttle.config.CheckInitState;
import dev.shuttle.server.OperationalState;
import java.util.Optional;

/**
 * A server's health counter, as HAProxy keeps it (configuration.txt, "rise", "fall", "init-state"):
 * a value from 0 to {@code rise + fall - 1}. From {@code rise} up the server is healthy; a failure
 * below {@code rise} drops the counter to 0, a success at {@code rise} or more lifts it to the top,
 * so that {@code fall} failures in a row take a healthy server down and {@code rise} successes in a
 * row bring a failed one up. Immutable: each result gives the next value.
 *
 * @param value the counter
 */
public record Health(int value, int rise, int fall) {
    public Health {
        if (rise < 1 || fall < 1 || value < 0 || value > rise + fall - 1) {
            throw new IllegalArgumentException("health " + value + " out of range for rise " + rise + " fall " + fall);
        }
    }

    /** Where the counter starts: HAProxy 3.5 starts a server without {@code init-state} at 0, still up. */
    public static Health initial(int rise, int fall, CheckInitState state) {
        int top = rise + fall - 1;
        return new Health(switch (state) {
            case NONE, FULLY_DOWN -> 0;
            case UP -> rise;
            case FULLY_UP -> top;
            case DOWN -> rise - 1;
        }, rise, fall);
    }

    private int top() {
        return rise + fall - 1;
    }

    /** The counter after a check with this verdict (a conditional pass counts as a pass). */
    public Health after(CheckStatus.Verdict verdict) {
        if (verdict == CheckStatus.Verdict.FAILED) {
            if (value == 0) {
                return this;
            }
            int next = value - 1;
            return new Health(next < rise ? 0 : next, rise, fall);
        }
        if (value >= top()) {
            return this;
        }
        int next = value + 1;
        return new Health(next >= rise ? top() : next, rise, fall);
    }

    /** Whether the counter is at or above {@code rise}. */
    public boolean healthy() {
        return value >= rise;
    }

    /**
     * The operational state a verdict asks for once the counter moved, or empty when the server
     * keeps its state (HAProxy's check_notify_failure/success/stopping): a failure takes it down
     * only at 0, a pass brings it up (or to stopping, for a conditional pass) only from {@code rise}.
     */
    public Optional<OperationalState> target(CheckStatus.Verdict verdict) {
        return switch (verdict) {
            case FAILED -> value == 0 ? Optional.of(OperationalState.DOWN) : Optional.empty();
            case PASSED -> healthy() ? Optional.of(OperationalState.UP) : Optional.empty();
            case CONDITIONALLY_PASSED -> healthy() ? Optional.of(OperationalState.STOPPING) : Optional.empty();
        };
    }

    /** "2/3 UP" or "1/2 DOWN": successes towards rise, or remaining failures before fall, as HAProxy logs it. */
    public String describe() {
        return healthy() ? (value - rise + 1) + "/" + fall + " UP" : value + "/" + rise + " DOWN";
    }

    /** Whether the counter is at its top: a healthy server checked at {@code inter}. */
    public boolean full() {
        return value == top();
    }
}
