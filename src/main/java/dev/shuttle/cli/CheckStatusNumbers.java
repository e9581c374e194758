package dev.shuttle.cli;

import java.util.List;

/**
 * A last check's status and result as the numbers {@code show servers state} prints in its
 * {@code srv_check_status} and {@code srv_check_result} columns (management.txt §9.3): HAProxy's
 * HCHK_STATUS_* and CHK_RES_* numbers (3.5's check-t.h), from the short names the stats show.
 */
final class CheckStatusNumbers {
    /** HAProxy's check statuses in the order of its HCHK_STATUS_* numbers, by the names the stats show. */
    private static final List<String> STATUS_NUMBERS = List.of("UNK", "INI", "START", "CHECKED", "HANA",
            "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK", "L6TOUT", "L6RSP", "L7TOUT", "L7RSP", "L57DATA", "L7OK",
            "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK");
    /** HCHK_STATUS_INI: a check configured that has not run yet, or no check. */
    static final int STATUS_INITIAL = 1;
    /** CHK_RES_UNKNOWN: no check ran. */
    static final int RESULT_UNKNOWN = 0;
    static final int RESULT_FAILED = 2;
    static final int RESULT_PASSED = 3;
    /** CHK_RES_CONDPASS: a check that passed on condition. */
    static final int RESULT_CONDITIONAL = 4;

    private CheckStatusNumbers() {}

    /** The number of a check status named as the stats name it; "" (no check ran): INI. */
    static int status(String name) {
        return name.isEmpty() ? STATUS_INITIAL : Math.max(STATUS_NUMBERS.indexOf(name), 0);
    }

    /** The result a check with this status reached; "" (no check ran): unknown. */
    static int result(String name) {
        if (name.isEmpty()) {
            return RESULT_UNKNOWN;
        }
        return switch (name) {
            case "L4OK", "L6OK", "L7OK", "PROCOK" -> RESULT_PASSED;
            case "L7OKC" -> RESULT_CONDITIONAL;
            default -> RESULT_FAILED;
        };
    }
}
