package dev.shuttle.check;

import dev.shuttle.server.CheckReport;

/**
 * The words of health-check log lines, as HAProxy 3.5 writes them (observed, see vtc/checks/):
 * pure functions of a result and the health counter.
 * <pre>
 *   Health check for server be/s1 failed, reason: Layer4 connection problem, info: "ECONNREFUSED returned by OS (Connection refused)", check duration: 0ms, status: 0/2 DOWN.
 *   Health check for server be/s1 succeeded, reason: Layer7 check passed, code: 200, check duration: 1ms, status: 2/2 UP.
 * </pre>
 */
public final class CheckMessages {
    private CheckMessages() {}

    /** A completed check as the stats report it: "<status in words>[: <what it found>]", and the counter after it. */
    public static CheckReport report(CheckOutcome outcome, Health after) {
        return new CheckReport(outcome.status().name(), outcome.code(), outcome.durationMillis(),
                outcome.info().isEmpty() ? outcome.status().description()
                        : outcome.status().description() + ": " + outcome.info(),
                after.value(), after.rise(), after.fall());
    }

    /** ", reason: Layer7 wrong status, code: 500, info: \"Internal Server Error\", check duration: 1ms". */
    public static String reason(CheckOutcome outcome) {
        StringBuilder text = new StringBuilder(96).append(", reason: ").append(outcome.status().description());
        if (outcome.code() >= 0) {
            text.append(", code: ").append(outcome.code());
        }
        if (!outcome.info().isEmpty()) {
            text.append(", info: \"").append(outcome.info()).append('"');
        }
        if (outcome.durationMillis() >= 0) {
            text.append(", check duration: ").append(outcome.durationMillis()).append("ms");
        }
        return text.toString();
    }

    /** The line {@code option log-health-checks} writes after a check whose result or counter changed. */
    public static String healthCheckLine(String qualifiedName, boolean backup, CheckOutcome outcome, Health health) {
        String result = switch (outcome.verdict()) {
            case PASSED -> "succeeded";
            case CONDITIONALLY_PASSED -> "conditionally succeeded";
            case FAILED -> "failed";
        };
        return "Health check for " + (backup ? "backup " : "") + "server " + qualifiedName + " " + result
                + reason(outcome) + ", status: " + health.describe() + ".";
    }

    /**
     * The first word of the {@code X-Haproxy-Server-State} header (configuration.txt, "http-check
     * send-state"): UP, DOWN or NOLB (stopping), followed by the counter when it is between its ends.
     */
    public static String stateWord(Health health, boolean down, boolean stopping) {
        if (down) {
            return health.value() == 0 ? "DOWN" : "DOWN " + health.value() + "/" + health.rise();
        }
        String word = stopping ? "NOLB" : "UP";
        return health.full() ? word : word + " " + (health.value() - health.rise() + 1) + "/" + health.fall();
    }

    /** What Java says of a failed connection, in HAProxy's form: "ECONNREFUSED returned by OS (Connection refused)". */
    public static String connectionError(String javaMessage) {
        if (javaMessage == null || javaMessage.isEmpty()) {
            return "";
        }
        String text = javaMessage.replaceFirst("^Connection refused.*", "Connection refused")
                .replaceFirst("^Connection reset.*", "Connection reset by peer");
        String errno = switch (text) {
            case "Connection refused" -> "ECONNREFUSED";
            case "Connection reset by peer" -> "ECONNRESET";
            case "No route to host" -> "EHOSTUNREACH";
            case "Network is unreachable" -> "ENETUNREACH";
            case "Cannot assign requested address" -> "EADDRNOTAVAIL";
            default -> "";
        };
        return errno.isEmpty() ? text : errno + " returned by OS (" + text + ")";
    }
}
