package dev.shuttle.backend;

import dev.shuttle.lang.SyslogLevel;

/**
 * Where a backend reports its servers' state changes: the process prints each as a warning and
 * sends it to the backend's own {@code log} targets at {@code level}, as HAProxy does
 * ({@code "Server be/s1 is going DOWN for maintenance. ..."}). Called without any backend lock held.
 */
public interface ServerStateLog {
    void report(Backend backend, SyslogLevel level, String text);

    /**
     * The backend has no usable server left, active or backup: HAProxy logs "backend <name> has no
     * server available!" at emergency level (and prints it as an alert with the name quoted).
     */
    default void backendDown(Backend backend) {
        report(backend, SyslogLevel.EMERG, "backend " + backend.name() + " has no server available!");
    }

    /** Reports nothing (tests, tools). */
    ServerStateLog NONE = (backend, level, text) -> { };
}
