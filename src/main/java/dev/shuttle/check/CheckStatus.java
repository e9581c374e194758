package dev.shuttle.check;

/**
 * What a check found, with HAProxy's short name (the {@code check_status} field of {@code show
 * stat}, management.txt §9.1) and its description (the "reason" of the log lines).
 */
public enum CheckStatus {
    /** The server was reached; nothing more was asked (a TCP connect check). */
    L4OK("Layer4 check passed", Verdict.PASSED),
    /** The connection did not open in time. */
    L4TOUT("Layer4 timeout", Verdict.FAILED),
    /** The connection was refused, reset or unreachable. */
    L4CON("Layer4 connection problem", Verdict.FAILED),
    /**
     * The TLS handshake of a check over TLS succeeded, {@code ssl-hello-chk} got a TLS record back, or
     * an expect rule's {@code ok-status L6OK} applies.
     */
    L6OK("Layer6 check passed", Verdict.PASSED),
    /** The TLS handshake (or the answer to {@code ssl-hello-chk}) did not come in time; or {@code tout-status L6TOUT}. */
    L6TOUT("Layer6 timeout", Verdict.FAILED),
    /**
     * The TLS handshake failed (verification, a server that does not speak TLS...), the answer to
     * {@code ssl-hello-chk} is not TLS, or {@code error-status L6RSP}.
     */
    L6RSP("Layer6 invalid response", Verdict.FAILED),
    /** The connection broke after it opened (reset while reading or writing). */
    SOCKERR("Socket error", Verdict.FAILED),
    /** The response did not come in time. */
    L7TOUT("Layer7 timeout", Verdict.FAILED),
    /** The response was not a valid answer, or its content did not match. */
    L7RSP("Layer7 invalid response", Verdict.FAILED),
    /** The response passed. */
    L7OK("Layer7 check passed", Verdict.PASSED),
    /** The response passed but asks the server to leave load balancing ({@code disable-on-404}). */
    L7OKC("Layer7 check conditionally passed", Verdict.CONDITIONALLY_PASSED),
    /** The status code was not the one expected. */
    L7STS("Layer7 wrong status", Verdict.FAILED),
    /** {@code option external-check}: the command exited with status 0. */
    PROCOK("External check passed", Verdict.PASSED),
    /** {@code option external-check}: the command exited with another status, or could not run. */
    PROCERR("External check error", Verdict.FAILED),
    /** {@code option external-check}: the command still ran at the timeout, and was killed. */
    PROCTOUT("External check timeout", Verdict.FAILED),
    /** The server's traffic showed {@code error-limit} errors in a row ({@code observe}, {@code on-error}). */
    HANA("Health analyze", Verdict.FAILED);

    /** How the server's health counter takes the result. */
    public enum Verdict {
        PASSED,
        /** Passed, but the server should only take requests that name it. */
        CONDITIONALLY_PASSED,
        FAILED
    }

    private final String description;
    private final Verdict verdict;

    CheckStatus(String description, Verdict verdict) {
        this.description = description;
        this.verdict = verdict;
    }

    /** HAProxy's words for it ("Layer4 connection problem"). */
    public String description() {
        return description;
    }

    /** Whether HAProxy's lines and {@code show stat} give this result's code (statuses past layer 5's data). */
    public boolean hasCode() {
        return this == L7OK || this == L7OKC || this == L7STS;
    }

    public Verdict verdict() {
        return verdict;
    }
}
