package dev.shuttle.config;

/**
 * How a server's traffic and its health act on each other (configuration.txt §5.2). One way,
 * {@code observe}, {@code error-limit}, {@code on-error}: the errors its connections and responses
 * show are counted, and {@code errorLimit} of them in a row trigger {@code onError}; this needs the
 * server's health checks, without which nothing is observed (HAProxy's health_adjust()). The other
 * way, {@code on-marked-down shutdown-sessions} and {@code on-marked-up shutdown-backup-sessions}:
 * a change of its state ends the streams using it, or those using the backend's backups.
 *
 * @param mode       {@code observe}: which errors count
 * @param errorLimit {@code error-limit}: consecutive errors that trigger the action (default 10)
 * @param onError    {@code on-error}: what they trigger (default {@code fail-check})
 * @param shutdownSessionsOnDown       {@code on-marked-down shutdown-sessions}
 * @param shutdownBackupSessionsOnUp   {@code on-marked-up shutdown-backup-sessions}
 */
public record TrafficHealthSettings(Mode mode, int errorLimit, OnError onError, boolean shutdownSessionsOnDown,
                                    boolean shutdownBackupSessionsOnUp) {
    public static final int DEFAULT_ERROR_LIMIT = 10;

    public static final TrafficHealthSettings NONE = new TrafficHealthSettings(Mode.NONE, DEFAULT_ERROR_LIMIT, OnError.FAIL_CHECK,
            false, false);

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
