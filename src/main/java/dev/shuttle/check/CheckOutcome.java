package dev.shuttle.check;

/**
 * The result of one check run.
 *
 * @param status         what was found
 * @param code           the HTTP status of a layer-7 check, or -1
 * @param info           details ("ECONNREFUSED returned by OS (Connection refused)", a reason phrase), or ""
 * @param durationMillis how long the check took, or -1 when it did not get far enough to count
 */
public record CheckOutcome(CheckStatus status, int code, String info, long durationMillis) {
    public static final int NO_CODE = -1;

    public static CheckOutcome of(CheckStatus status, String info) {
        return new CheckOutcome(status, NO_CODE, info, -1);
    }

    public static CheckOutcome of(CheckStatus status, int code, String info) {
        return new CheckOutcome(status, code, info, -1);
    }

    /** The same result, timed. */
    public CheckOutcome took(long millis) {
        return new CheckOutcome(status, code, info, millis);
    }

    public CheckStatus.Verdict verdict() {
        return status.verdict();
    }
}
