package dev.shuttle.statspage;

/**
 * The outcome of an admin action, carried by the redirect after the form's POST as {@code ;st=<code>}
 * with HAProxy's codes, and shown once on the page that follows.
 */
final class AdminStatus {
    private AdminStatus() {}

    static final String DONE = "DONE";
    static final String NONE = "NONE";
    static final String PARTIAL = "PART";
    static final String BAD_PARAMETERS = "ERRP";
    static final String DENIED = "DENY";

    static String describe(String code) {
        return switch (code) {
            case DONE -> "Action processed successfully.";
            case NONE -> "Nothing has changed.";
            case PARTIAL -> "Action partially processed: some server names are unknown.";
            case BAD_PARAMETERS -> "Action not processed because of invalid parameters (unknown action or backend).";
            case DENIED -> "Action denied.";
            default -> "Unexpected result.";
        };
    }
}
