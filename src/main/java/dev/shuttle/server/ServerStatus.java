package dev.shuttle.server;

/**
 * A server's state in its two dimensions, read and replaced as one value so that a reader never
 * sees one half of a change.
 */
public record ServerStatus(AdminState admin, OperationalState operational) {
    /** Whether the server takes requests of this kind now. */
    public boolean admits(Traffic traffic) {
        return admin.admits(traffic) && operational.admits(traffic);
    }

    public ServerStatus withAdmin(AdminState state) {
        return new ServerStatus(state, operational);
    }

    public ServerStatus withOperational(OperationalState state) {
        return new ServerStatus(admin, state);
    }
}
