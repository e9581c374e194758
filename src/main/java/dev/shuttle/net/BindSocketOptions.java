package dev.shuttle.net;

/**
 * The socket-level settings of a {@code bind} line that apply when its sockets are created.
 *
 * <p>From the HAProxy manual, section 5.1 "Bind options": {@code backlog}, {@code v4v6},
 * {@code v6only}, and for unix sockets {@code mode}, {@code user}/{@code uid},
 * {@code group}/{@code gid}. HAProxy always sets {@code SO_REUSEADDR} on its listeners.
 *
 * @param backlog the listen queue length; 0 for the default
 * @param v4v6 an IPv6 wildcard also accepts IPv4 connections (the JDK's default anyway)
 * @param v6only an IPv6 socket accepts IPv6 connections only
 * @param unixMode permission bits for a unix socket file (e.g. {@code 0600}), or null to leave them
 * @param unixUser owner name or numeric uid for a unix socket file, or null
 * @param unixGroup group name or numeric gid for a unix socket file, or null
 * @param reuseAddress set {@code SO_REUSEADDR}
 */
public record BindSocketOptions(int backlog, boolean v4v6, boolean v6only, Integer unixMode,
        String unixUser, String unixGroup, boolean reuseAddress) {

    /** No bind option given: default backlog, {@code SO_REUSEADDR} on, unix files left as created. */
    public static final BindSocketOptions DEFAULTS =
            new BindSocketOptions(0, false, false, null, null, null, true);

    public BindSocketOptions {
        if (backlog < 0) {
            throw new IllegalArgumentException("negative backlog " + backlog);
        }
        if (v4v6 && v6only) {
            throw new IllegalArgumentException("v4v6 and v6only are exclusive");
        }
        if (unixMode != null && (unixMode < 0 || unixMode > 07777)) {
            throw new IllegalArgumentException("invalid unix mode " + Integer.toOctalString(unixMode));
        }
    }

    /** What the kernel is asked for when no maxconn says anything: it caps the queue at its somaxconn anyway. */
    static final int UNLIMITED_BACKLOG = 4096;

    /**
     * These options with the listen queue HAProxy gives a bind without {@code backlog}: the
     * frontend's maxconn, else the global one (configuration.txt, bind "backlog" and the proxy
     * keyword "backlog"). The JDK's own default, 50, drops the SYNs of a burst of clients, which
     * then wait a second for their retransmission.
     */
    public BindSocketOptions withDefaultBacklog(int frontendMaxconn, int globalMaxconn) {
        if (backlog > 0) {
            return this;
        }
        int queue = frontendMaxconn > 0 ? frontendMaxconn : globalMaxconn > 0 ? globalMaxconn : UNLIMITED_BACKLOG;
        return new BindSocketOptions(queue, v4v6, v6only, unixMode, unixUser, unixGroup, reuseAddress);
    }
}
