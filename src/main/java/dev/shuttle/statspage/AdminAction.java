package dev.shuttle.statspage;

import dev.shuttle.server.AdminState;
import java.util.Optional;

/**
 * The admin actions Shuttle performs from the page's form: the server states of {@code set server
 * <b>/<s> state} (management.txt §9.3), under HAProxy's form values. HAProxy's other actions
 * (checks and agent forced or disabled, killing sessions) are answered {@link AdminStatus#NOT_SUPPORTED}.
 */
enum AdminAction {
    READY("ready", "Set state to READY", AdminState.READY),
    DRAIN("drain", "Set state to DRAIN", AdminState.DRAIN),
    MAINT("maint", "Set state to MAINT", AdminState.MAINT);

    /** HAProxy's form values for the actions Shuttle does not perform. */
    static final java.util.Set<String> HAPROXY_ONLY = java.util.Set.of("dhlth", "ehlth", "hrunn", "hnolb", "hdown",
            "dagent", "eagent", "arunn", "adown", "shutdown");

    private final String formValue;
    private final String title;
    private final AdminState state;

    AdminAction(String formValue, String title, AdminState state) {
        this.formValue = formValue;
        this.title = title;
        this.state = state;
    }

    String formValue() {
        return formValue;
    }

    String title() {
        return title;
    }

    AdminState state() {
        return state;
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
