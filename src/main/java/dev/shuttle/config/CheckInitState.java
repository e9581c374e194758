package dev.shuttle.config;

import java.util.Optional;

/**
 * A checked server's state when the process starts (configuration.txt, server "init-state"): where
 * its health counter starts, and whether it takes traffic before its first check.
 */
public enum CheckInitState {
    /** The default: the server takes traffic, and its first failed check takes it down. */
    NONE("none"),
    /** Takes traffic; only {@code fall} failed checks in a row take it down. */
    FULLY_UP("fully-up"),
    /** Takes traffic; the next failed check takes it down. */
    UP("up"),
    /** Takes no traffic until the next check succeeds. */
    DOWN("down"),
    /** Takes no traffic until {@code rise} checks in a row succeed. */
    FULLY_DOWN("fully-down");

    private final String keyword;

    CheckInitState(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** Whether the server starts out of service. */
    public boolean startsDown() {
        return this == DOWN || this == FULLY_DOWN;
    }

    public static Optional<CheckInitState> fromKeyword(String word) {
        for (CheckInitState state : values()) {
            if (state.keyword.equals(word)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
