package dev.shuttle.server;

/** Why the proxy ended a stream that was using a server (the first letter of its termination state). */
public enum ShutdownCause {
    /** {@code D}: its server went down, under {@code on-marked-down shutdown-sessions}. */
    SERVER_DOWN,
    /** {@code U}: it used a backup server and an active server came up, under {@code on-marked-up shutdown-backup-sessions}. */
    SERVER_UP,
    /** {@code K}: an administrator ended it. */
    KILLED
}
