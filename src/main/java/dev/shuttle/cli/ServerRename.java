package dev.shuttle.cli;

import java.util.Collection;

/**
 * The checks of {@code set server <b>/<s> name <new>} (management.txt §9.3, "set server"), shared
 * by traffic and log servers, with HAProxy 3.5's refusals in its order (checked live): no name, a
 * character other than an ASCII letter or digit, '.', ':', '_' or '-' (HAProxy's invalid_char()),
 * 64 characters or more (its rename event's field), a server not in maintenance; then, the same
 * name being a success that changes nothing, a name another server of the backend has.
 */
final class ServerRename {
    /** The longest new name 3.5 takes: shorter than its rename event's 64-byte field. */
    static final int MAX_NAME_LENGTH = 63;
    static final String UPDATED = "Server name updated.\n";
    static final String TAKEN = "A server with the same name already exists in this backend.";

    private ServerRename() {}

    /**
     * Refuses a rename as 3.5 does before it looks at the other servers' names.
     *
     * @param inMaintenance whether the server is in maintenance (configured {@code disabled} or set so)
     */
    static void check(String newName, boolean inMaintenance) throws CliException {
        if (newName.isEmpty()) {
            throw new CliException("set server <b>/<s> name requires a new name.");
        }
        if (!newName.chars().allMatch(ServerRename::nameCharacter)) {
            throw new CliException("Server name contains invalid characters.");
        }
        if (newName.length() > MAX_NAME_LENGTH) {
            throw new CliException("Server name too long.");
        }
        if (!inMaintenance) {
            throw new CliException("Server must be in maintenance mode to be renamed (set server <b>/<s> state maint).");
        }
    }

    /** Refuses a name that another server of the backend has ({@code others}: their names now, the server's own excluded). */
    static void checkFree(String newName, Collection<String> others) throws CliException {
        if (others.contains(newName)) {
            throw new CliException(TAKEN);
        }
    }

    private static boolean nameCharacter(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '_' || c == '-');
    }
}
