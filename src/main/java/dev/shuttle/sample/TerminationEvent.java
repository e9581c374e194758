package dev.shuttle.sample;

/**
 * One termination event: where it happened (a location, 4 bits) and what happened there (a type,
 * 4 bits), with HAProxy 3.5's values for both (include/haproxy/connection-t.h, "enum
 * term_event_loc" and the per-location "*_term_event_type" enums). Each location has its own list
 * of types; the same number means about the same thing across locations (1 a shut for writes, 2 a
 * shut for reads, 3 and 4 receive and send errors...), with holes kept where a location lacks one.
 * {@link TerminationEvents} packs them into a 32-bit log and prints that log.
 */
public enum TerminationEvent {
    // The socket (HAProxy's fd layer): 'f' on the client side, 'F' on the server side.
    FD_SHUTW(Location.FD, 1),
    FD_SHUTR(Location.FD, 2),
    FD_RCV_ERR(Location.FD, 3),
    FD_SND_ERR(Location.FD, 4),
    FD_CONNECT_ERR(Location.FD, 7),
    FD_INTERCEPTED(Location.FD, 8),
    FD_CONNECT_POLL_ERR(Location.FD, 9),
    FD_POLL_ERR(Location.FD, 10),
    FD_POLL_HUP(Location.FD, 11),

    // The handshakes before the mux (PROXY header, TLS): 'h' / 'H'.
    HS_SND_ERR(Location.HS, 4),
    HS_TRUNCATED_SHUTR(Location.HS, 5),
    HS_TRUNCATED_RCV_ERR(Location.HS, 6),

    // The transport (TLS records): 'x' / 'X'.
    XPRT_SHUTW(Location.XPRT, 1),
    XPRT_SHUTR(Location.XPRT, 2),
    XPRT_RCV_ERR(Location.XPRT, 3),
    XPRT_SND_ERR(Location.XPRT, 4),

    // The mux connection: 'm' / 'M'.
    MUXC_SHUTW(Location.MUXC, 1),
    MUXC_SHUTR(Location.MUXC, 2),
    MUXC_RCV_ERR(Location.MUXC, 3),
    MUXC_SND_ERR(Location.MUXC, 4),
    MUXC_TRUNCATED_SHUTR(Location.MUXC, 5),
    MUXC_TRUNCATED_RCV_ERR(Location.MUXC, 6),
    MUXC_TOUT(Location.MUXC, 7),
    MUXC_GOAWAY_RCVD(Location.MUXC, 8),
    MUXC_PROTO_ERR(Location.MUXC, 9),
    MUXC_INTERNAL_ERR(Location.MUXC, 10),
    MUXC_OTHER_ERR(Location.MUXC, 11),
    MUXC_GRACEFUL_SHUT(Location.MUXC, 12),

    // The stream endpoint (the mux stream): 'e' / 'E'.
    SE_SHUTW(Location.SE, 1),
    SE_EOS(Location.SE, 2),
    SE_RCV_ERR(Location.SE, 3),
    SE_SND_ERR(Location.SE, 4),
    SE_TRUNCATED_EOS(Location.SE, 5),
    SE_TRUNCATED_RCV_ERR(Location.SE, 6),
    SE_RST_RCVD(Location.SE, 8),
    SE_PROTO_ERR(Location.SE, 9),
    SE_INTERNAL_ERR(Location.SE, 10),
    SE_OTHER_ERR(Location.SE, 11),
    SE_CANCELLED(Location.SE, 12),

    // The stream: 's' for its client side, 'S' for its server side.
    STRM_SHUTW(Location.STRM, 1),
    STRM_EOS(Location.STRM, 2),
    STRM_RCV_ERR(Location.STRM, 3),
    STRM_SND_ERR(Location.STRM, 4),
    STRM_TRUNCATED_EOS(Location.STRM, 5),
    STRM_TRUNCATED_RCV_ERR(Location.STRM, 6),
    STRM_TOUT(Location.STRM, 7),
    STRM_INTERCEPTED(Location.STRM, 8),
    STRM_PROTO_ERR(Location.STRM, 9),
    STRM_INTERNAL_ERR(Location.STRM, 10),
    STRM_OTHER_ERR(Location.STRM, 11),
    STRM_ABORTED(Location.STRM, 12);

    /**
     * Where an event happens, and the letter that prints it (lower case on the client side; the
     * server side sets the location's high bit, 8, and prints it in upper case).
     */
    public enum Location {
        FD(1, 'f'),
        HS(2, 'h'),
        XPRT(3, 'x'),
        MUXC(4, 'm'),
        SE(5, 'e'),
        STRM(6, 's');

        private final int code;
        private final char letter;

        Location(int code, char letter) {
            this.code = code;
            this.letter = letter;
        }

        /** HAProxy's value (1 to 6), without the server-side bit. */
        public int code() {
            return code;
        }

        public char letter() {
            return letter;
        }
    }

    private final Location location;
    private final int type;

    TerminationEvent(Location location, int type) {
        this.location = location;
        this.type = type;
    }

    public Location location() {
        return location;
    }

    /** The type's value within its location (1 to 12). */
    public int type() {
        return type;
    }
}
