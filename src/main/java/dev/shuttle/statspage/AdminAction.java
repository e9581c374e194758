package dev.shuttle.statspage;

import java.util.Optional;

/**
 * The admin actions of the page's form, under HAProxy 3.5's form values and titles (stats-html.c's
 * action list; management.txt §9.3 for the commands each mirrors): the admin states of
 * {@code set server <b>/<s> state}, {@code enable|disable health|agent}, the forced states of
 * {@code set server <b>/<s> health|agent}, and {@code shutdown sessions server}. The four older
 * values HAProxy still takes ({@code disable}, {@code enable}, {@code stop}, {@code start}) are
 * accepted and not offered.
 */
enum AdminAction {
    READY("ready", "Set state to READY"),
    DRAIN("drain", "Set state to DRAIN"),
    MAINT("maint", "Set state to MAINT"),
    DISABLE_HEALTH("dhlth", "Health: disable checks"),
    ENABLE_HEALTH("ehlth", "Health: enable checks"),
    HEALTH_UP("hrunn", "Health: force UP"),
    HEALTH_NOLB("hnolb", "Health: force NOLB"),
    HEALTH_DOWN("hdown", "Health: force DOWN"),
    DISABLE_AGENT("dagent", "Agent: disable checks"),
    ENABLE_AGENT("eagent", "Agent: enable checks"),
    AGENT_UP("arunn", "Agent: force UP"),
    AGENT_DOWN("adown", "Agent: force DOWN"),
    KILL_SESSIONS("shutdown", "Kill Sessions"),
    /** Older form values: maintenance on and off, drain on and off. */
    DISABLE("disable", null),
    ENABLE("enable", null),
    STOP("stop", null),
    START("start", null);

    private final String formValue;
    private final String title;

    AdminAction(String formValue, String title) {
        this.formValue = formValue;
        this.title = title;
    }

    String formValue() {
        return formValue;
    }

    /** Its option's text in the form; null for the older values, which the form does not offer. */
    String title() {
        return title;
    }

    static Optional<AdminAction> byFormValue(String value) {
        for (AdminAction action : values()) {
            if (action.formValue.equals(value)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
