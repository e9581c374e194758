package dev.shuttle.sample;

/**
 * The termination events log of one entity (a connection, a mux, a stream...): its first four
 * events, in order, packed in an {@code int} as HAProxy 3.5 packs them (include/haproxy/connection.h,
 * "tevt_report_event" and "tevt_evts2str"). Each event takes 8 bits, the location in the high 4
 * (its bit 8 set on the server side), the type in the low 4; the oldest event is in the highest
 * byte that holds one. Reporting is integer arithmetic only, as it runs on every connection: an
 * event is dropped once four are logged, and when it repeats the last one.
 *
 * <p>The printed form is two characters per event, oldest first: the location's letter (upper
 * case on the server side) and the type in upper-case hexadecimal, as 3.5 prints it ({@code fA}, checked live): {@code F7} is a server
 * connection's failed connect, {@code S7S1} a server-side stream timeout then its shut. An empty
 * log prints nothing; {@link #ABSENT} (the entity does not exist, HAProxy's -1) prints {@code -}.
 */
public final class TerminationEvents {
    /** The log of an entity that does not exist, printed {@code -}. */
    public static final int ABSENT = -1;

    private static final int SERVER_SIDE = 0x8;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray(); // HAProxy's hextab (tools.c): upper case

    private TerminationEvents() {}

    /** {@code log} with {@code event} added on the client side ({@code server} false) or the server side. */
    public static int report(int log, TerminationEvent event, boolean server) {
        int location = event.location().code() | (server ? SERVER_SIDE : 0);
        int packed = (location << 4) | event.type();
        if ((log & 0xff000000) != 0 || (log & 0xff) == packed) {
            return log; // full, or the same event again
        }
        return (log << 8) | packed;
    }

    /** The number of events in {@code log} (0 to 4). */
    public static int count(int log) {
        if (log == ABSENT) {
            return 0;
        }
        int events = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            if (((log >>> shift) & 0xff) != 0) {
                events++;
            }
        }
        return events;
    }

    /** Appends the printed form of {@code log} to {@code out}. */
    public static StringBuilder appendTo(StringBuilder out, int log) {
        if (log == ABSENT) {
            return out.append('-');
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            int event = (log >>> shift) & 0xff;
            if (event == 0) {
                continue;
            }
            out.append(letter(event >>> 4)).append(HEX[event & 0xf]);
        }
        return out;
    }

    /** The printed form of {@code log}. */
    public static String toString(int log) {
        return appendTo(new StringBuilder(8), log).toString();
    }

    private static char letter(int location) {
        boolean server = (location & SERVER_SIDE) != 0;
        int code = location & ~SERVER_SIDE;
        for (TerminationEvent.Location known : LOCATIONS) {
            if (known.code() == code) {
                return server ? Character.toUpperCase(known.letter()) : known.letter();
            }
        }
        return '-';
    }

    private static final TerminationEvent.Location[] LOCATIONS = TerminationEvent.Location.values();
}
