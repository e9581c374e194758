package dev.shuttle.config;

/**
 * How a server's traffic adjusts its health (configuration.txt §5.2, "observe", "error-limit",
 * "on-error"): the errors its connections and responses show are counted, and {@code errorLimit}
 * of them in a row trigger {@code onError}. It needs the server's health checks: without them
 * nothing is observed (HAProxy's health_adjust()).
 *
 * @param mode       {@code observe}: which errors count
 * @param errorLimit {@code error-limit}: consecutive errors that trigger the action (default 10)
 * @param onError    {@code on-error}: what they trigger (default {@code fail-check})
 */
public record ObserveSettings(Mode mode, int errorLimit, OnError onError) {
    public static final int DEFAULT_ERROR_LIMIT = 10;

    public static final ObserveSettings NONE = new ObserveSettings(Mode.NONE, DEFAULT_ERROR_LIMIT, OnError.FAIL_CHECK);

    /** {@code observe none|layer4|layer7}. */
    public enum Mode {
        NONE, LAYER4, LAYER7
    }

    /** {@code on-error fastinter|fail-check|sudden-death|mark-down}. */
    public enum OnError {
        /** Only the next checks come at {@code fastinter}, as every action does. */
        FASTINTER,
        /** A failed check, as if the check had failed. */
        FAIL_CHECK,
        /** A check failure that leaves the server one failure from down. */
        SUDDEN_DEATH,
        /** Down at once. */
        MARK_DOWN
    }
}
