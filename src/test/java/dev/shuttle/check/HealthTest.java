package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.check.CheckStatus.Verdict;
import dev.shuttle.config.CheckInitState;
import dev.shuttle.server.OperationalState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rise/fall counter, its starting points and what it reports, as observed on HAProxy 3.5. */
class HealthTest {
    /** Applies verdicts (P pass, F fail, C conditional pass) and lists "describe -> target" after each. */
    private static List<String> run(Health health, String verdicts) {
        List<String> steps = new ArrayList<>();
        for (char c : verdicts.toCharArray()) {
            Verdict verdict = switch (c) {
                case 'P' -> Verdict.PASSED;
                case 'C' -> Verdict.CONDITIONALLY_PASSED;
                default -> Verdict.FAILED;
            };
            health = health.after(verdict);
            steps.add(health.describe() + health.target(verdict).map(s -> " -> " + s).orElse(""));
        }
        return steps;
    }

    @Test
    void withoutInitStateTheCounterStartsAtZeroAndTheFirstFailureTakesTheServerDown() {
        Health start = Health.initial(2, 2, CheckInitState.NONE);
        // HAProxy 3.5: "succeeded ... status: 1/2 DOWN", then "2/2 UP" with no "is UP" (it already was)
        assertEquals(List.of("1/2 DOWN", "2/2 UP -> UP"), run(start, "PP"));
        assertEquals(List.of("0/2 DOWN -> DOWN"), run(start, "F"));
    }

    @Test
    void fallFailuresInARowTakeAHealthyServerDownAndRiseSuccessesBringItBack() {
        Health up = Health.initial(2, 3, CheckInitState.FULLY_UP);
        assertEquals(List.of("2/3 UP", "1/3 UP", "0/2 DOWN -> DOWN", "0/2 DOWN -> DOWN", "1/2 DOWN", "3/3 UP -> UP"),
                run(up, "FFFFPP"));
    }

    @Test
    void aSuccessInTheMiddleRestoresTheFullCounter() {
        Health up = Health.initial(2, 3, CheckInitState.FULLY_UP);
        assertEquals(List.of("2/3 UP", "3/3 UP -> UP", "2/3 UP", "1/3 UP"), run(up, "FPFF"));
    }

    @Test
    void aFailureWhileRisingStartsAgainFromZero() {
        Health down = Health.initial(3, 2, CheckInitState.FULLY_DOWN);
        assertEquals(List.of("1/3 DOWN", "2/3 DOWN", "0/3 DOWN -> DOWN", "1/3 DOWN"), run(down, "PPFP"));
    }

    @Test
    void initStatesStartWhereTheManualSays() {
        assertEquals(List.of("0/3 DOWN -> DOWN"), run(Health.initial(3, 3, CheckInitState.UP), "F"));
        assertEquals(List.of("2/3 UP"), run(Health.initial(3, 3, CheckInitState.FULLY_UP), "F"));
        assertEquals(List.of("3/3 UP -> UP"), run(Health.initial(3, 3, CheckInitState.DOWN), "P"));
        assertEquals(List.of("1/3 DOWN", "2/3 DOWN", "3/3 UP -> UP"),
                run(Health.initial(3, 3, CheckInitState.FULLY_DOWN), "PPP"));
        assertEquals(List.of("0/3 DOWN -> DOWN"), run(Health.initial(3, 3, CheckInitState.DOWN), "F"));
    }

    @Test
    void aConditionalPassCountsAsAPassAndAsksForStopping() {
        Health down = Health.initial(1, 1, CheckInitState.NONE);
        assertEquals(List.of("1/1 UP -> STOPPING", "1/1 UP -> UP"), run(down, "CP"));
        assertEquals(Optional.empty(), Health.initial(2, 2, CheckInitState.NONE).after(Verdict.CONDITIONALLY_PASSED)
                .target(Verdict.CONDITIONALLY_PASSED));
    }

    @Test
    void theCounterStaysWithinItsBounds() {
        Health top = new Health(4, 2, 3);
        assertEquals(top, top.after(Verdict.PASSED));
        Health bottom = new Health(0, 2, 3);
        assertEquals(bottom, bottom.after(Verdict.FAILED));
        assertThrows(IllegalArgumentException.class, () -> new Health(5, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new Health(0, 0, 3));
    }

    @Test
    void theTargetIsDownOnlyAtZeroAndUpOnlyFromRise() {
        assertEquals(Optional.of(OperationalState.DOWN), new Health(0, 2, 2).target(Verdict.FAILED));
        assertEquals(Optional.empty(), new Health(2, 2, 2).target(Verdict.FAILED));
        assertEquals(Optional.empty(), new Health(1, 2, 2).target(Verdict.PASSED));
        assertEquals(Optional.of(OperationalState.UP), new Health(3, 2, 2).target(Verdict.PASSED));
    }
}
