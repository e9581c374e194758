package dev.shuttle.config;

/**
 * The {@code global} settings of health checks (configuration.txt §3.1 and §3.2): how much the
 * check intervals are randomised, how long the first checks may be spread over, and whether
 * external checks may run at all.
 *
 * @param spreadPercent      {@code spread-checks}: each interval is moved by up to this percent
 *                           either way, 0 to 50; 0 keeps intervals exact
 * @param maxSpreadMillis    {@code max-spread-checks}: the first checks start within this delay
 *                           at most; 0 for the smallest interval alone
 * @param externalCheck      {@code external-check [preserve-env]}: whether external checks may run,
 *                           and with which environment
 * @param insecureForkWanted {@code insecure-fork-wanted}: the process may start other processes
 */
public record CheckGlobals(int spreadPercent, long maxSpreadMillis, ExternalChecks externalCheck,
                           boolean insecureForkWanted) {
    /** What {@code external-check} in the global section allows. */
    public enum ExternalChecks {
        /** Not declared: {@code option external-check} is refused. */
        FORBIDDEN,
        /** {@code external-check}: the command runs with only HAProxy's variables in its environment. */
        CLEAN_ENVIRONMENT,
        /** {@code external-check preserve-env}: the process's environment, plus HAProxy's variables. */
        PRESERVE_ENVIRONMENT
    }

    /** Nothing set: exact intervals, no external checks. */
    public static final CheckGlobals DEFAULTS = new CheckGlobals(0, 0, ExternalChecks.FORBIDDEN, false);
}
