package dev.shuttle.backend;

import dev.shuttle.lang.SyslogLevel;

/**
 * Where a backend reports its servers' state changes: the process prints each as a warning and
 * sends it to the backend's own {@code log} targets at {@code level}, as HAProxy does
 * ({@code "Server be/s1 is going DOWN for maintenance. ..."}). Called without any backend lock held.
 */
@FunctionalInterface
public interface ServerStateLog {
    void report(Backend backend, SyslogLevel level, String text);

    /** Reports nothing (tests, tools). */
    ServerStateLog NONE = (backend, level, text) -> { };
}
