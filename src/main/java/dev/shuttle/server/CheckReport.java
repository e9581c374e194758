package dev.shuttle.server;

/**
 * A server's last health-check result as HAProxy reports it (management.txt, "show stat" fields
 * {@code check_status}, {@code check_code}, {@code check_duration}, {@code check_desc}, and the
 * health counter shown as "3/3 UP"): a value the check replaces whole after each run.
 *
 * @param status         HAProxy's short status name ({@code L4OK}, {@code L7STS}...), "" before the first check
 * @param code           the layer-7 code (an HTTP status), or -1
 * @param durationMillis how long the check took, or -1
 * @param description    what the check found ({@code Layer7 wrong status}, plus its info), "" if nothing
 * @param health         the health counter, 0 to rise + fall - 1
 * @param rise           consecutive successes that bring the server up
 * @param fall           consecutive failures that take it down
 */
public record CheckReport(String status, int code, long durationMillis, String description, int health, int rise,
                          int fall) {
    /** No check ran (yet). */
    public static final CheckReport NONE = new CheckReport("", -1, -1, "", 0, 0, 0);
}
