package dev.shuttle.stream;

import dev.shuttle.server.ShutdownCause;

/**
 * The first two characters of a log's termination state (configuration.txt §8.5, "Stream state at
 * disconnection"): the event that ended the stream, and the phase it was in. {@link #code()} is what
 * the log prints ({@code CD}, {@code sH}, {@code --}...). Shuttle's logs use these constants only.
 */
public record TerminationState(Cause cause, Phase phase) {
    /** The first character: what ended the stream first. */
    public enum Cause {
        /** {@code C}: the client aborted. */
        CLIENT_ABORT('C'),
        /** {@code S}: the server aborted or refused. */
        SERVER_ABORT('S'),
        /** {@code P}: the proxy ended it (a deny rule, a protocol violation, a limit). */
        PROXY('P'),
        /** {@code L}: the proxy processed it locally. */
        LOCAL('L'),
        /** {@code R}: a resource of the proxy ran out. */
        RESOURCE('R'),
        /** {@code I}: an internal error. */
        INTERNAL('I'),
        /** {@code D}: killed because its server went down. */
        SERVER_DOWN('D'),
        /** {@code U}: killed on a backup server because an active one came up. */
        SERVER_UP('U'),
        /** {@code K}: killed by an admin (or a stop). */
        KILLED('K'),
        /** {@code c}: the client-side timeout expired. */
        CLIENT_TIMEOUT('c'),
        /** {@code s}: the server-side timeout expired. */
        SERVER_TIMEOUT('s'),
        /** {@code -}: normal completion. */
        NONE('-');

        private final char letter;

        Cause(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    /** The second character: where the stream was when it ended. */
    public enum Phase {
        /** {@code R}: waiting for a complete, valid request. */
        REQUEST('R'),
        /** {@code Q}: waiting in a queue for a server slot. */
        QUEUE('Q'),
        /** {@code C}: waiting for the connection to the server. */
        CONNECT('C'),
        /** {@code H}: waiting for complete, valid response headers. */
        HEADERS('H'),
        /** {@code D}: in the data phase. */
        DATA('D'),
        /** {@code L}: sending the last data to the client once the server finished. */
        LAST_DATA('L'),
        /** {@code T}: tarpitted. */
        TARPIT('T'),
        /** {@code -}: normal completion after the data transfer. */
        NONE('-');

        private final char letter;

        Phase(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    /** {@code --}: both sides closed normally. */
    /**
     * A stream ended by an action on its server ({@code D}, {@code U}) or by an administrator
     * ({@code K}). HAProxy 3.5 logs these with the phase {@code C} whatever the stream was doing
     * (checked live: waiting for the response head, forwarding a body, a TCP tunnel).
     */
    public static TerminationState shutDownBy(ShutdownCause shutdown) {
        return new TerminationState(switch (shutdown) {
            case SERVER_DOWN -> Cause.SERVER_DOWN;
            case SERVER_UP -> Cause.SERVER_UP;
            case KILLED -> Cause.KILLED;
        }, Phase.CONNECT);
    }

    public static final TerminationState NORMAL = new TerminationState(Cause.NONE, Phase.NONE);
    /** {@code CR}: the client closed before its request was complete. */
    public static final TerminationState CLIENT_ABORTED_REQUEST = new TerminationState(Cause.CLIENT_ABORT, Phase.REQUEST);
    /** {@code cR}: the client's request did not come in time. */
    public static final TerminationState CLIENT_TIMEOUT_REQUEST = new TerminationState(Cause.CLIENT_TIMEOUT, Phase.REQUEST);
    /** {@code PR}: the proxy refused the request (a rule, a bad request). */
    public static final TerminationState PROXY_REQUEST = new TerminationState(Cause.PROXY, Phase.REQUEST);
    /** {@code LR}: the proxy answered the request itself ({@code return}, {@code redirect}). */
    public static final TerminationState LOCAL_REQUEST = new TerminationState(Cause.LOCAL, Phase.REQUEST);
    /** {@code PT}: the request was tarpitted. */
    /** The proxy answered itself once a server was chosen, without connecting to it (a server's {@code redir}). */
    public static final TerminationState LOCAL_CONNECT = new TerminationState(Cause.LOCAL, Phase.CONNECT);
    public static final TerminationState PROXY_TARPIT = new TerminationState(Cause.PROXY, Phase.TARPIT);
    /** {@code CQ}: the client left (closed, reset) while its request waited for a server slot ({@code option abortonclose}). */
    public static final TerminationState CLIENT_ABORTED_QUEUE = new TerminationState(Cause.CLIENT_ABORT, Phase.QUEUE);
    /** {@code CC}: the client left while its request's server connection was being opened (or between retries). */
    public static final TerminationState CLIENT_ABORTED_CONNECT = new TerminationState(Cause.CLIENT_ABORT, Phase.CONNECT);
    /** {@code sQ}: no server slot freed within {@code timeout queue}. */
    public static final TerminationState QUEUE_TIMEOUT = new TerminationState(Cause.SERVER_TIMEOUT, Phase.QUEUE);
    /** {@code SQ}: the server's queue was full ({@code maxqueue}), with no redispatch allowed. */
    public static final TerminationState QUEUE_REFUSED = new TerminationState(Cause.SERVER_ABORT, Phase.QUEUE);
    /** {@code SC}: no server, or the connection was refused. */
    public static final TerminationState SERVER_REFUSED = new TerminationState(Cause.SERVER_ABORT, Phase.CONNECT);
    /** {@code sC}: the connection did not complete within {@code timeout connect}. */
    public static final TerminationState CONNECT_TIMEOUT = new TerminationState(Cause.SERVER_TIMEOUT, Phase.CONNECT);
    /** {@code SH}: the server closed before its response head was complete. */
    public static final TerminationState SERVER_ABORTED_HEADERS = new TerminationState(Cause.SERVER_ABORT, Phase.HEADERS);
    /** {@code sH}: the response head did not come within {@code timeout server}. */
    public static final TerminationState SERVER_TIMEOUT_HEADERS = new TerminationState(Cause.SERVER_TIMEOUT, Phase.HEADERS);
    /** {@code cH}: the client went silent in its request body while the response head was awaited. */
    public static final TerminationState CLIENT_TIMEOUT_HEADERS = new TerminationState(Cause.CLIENT_TIMEOUT, Phase.HEADERS);
    /** {@code CH}: the client aborted while the response head was awaited. */
    public static final TerminationState CLIENT_ABORTED_HEADERS = new TerminationState(Cause.CLIENT_ABORT, Phase.HEADERS);
    /** {@code PH}: the proxy refused the server's response (invalid, or a switch nobody asked for). */
    public static final TerminationState PROXY_HEADERS = new TerminationState(Cause.PROXY, Phase.HEADERS);
    /** {@code CD}: the client aborted during the data phase. */
    public static final TerminationState CLIENT_ABORTED_DATA = new TerminationState(Cause.CLIENT_ABORT, Phase.DATA);
    /** {@code cD}: the client went silent during the data phase. */
    public static final TerminationState CLIENT_TIMEOUT_DATA = new TerminationState(Cause.CLIENT_TIMEOUT, Phase.DATA);
    /** {@code SD}: the server aborted during the data phase. */
    public static final TerminationState SERVER_ABORTED_DATA = new TerminationState(Cause.SERVER_ABORT, Phase.DATA);
    /** {@code sD}: the server went silent during the data phase. */
    public static final TerminationState SERVER_TIMEOUT_DATA = new TerminationState(Cause.SERVER_TIMEOUT, Phase.DATA);
    /** {@code PD}: the proxy refused a broken request body. */
    public static final TerminationState PROXY_DATA = new TerminationState(Cause.PROXY, Phase.DATA);
    /** {@code CL}: the client aborted while the proxy still waited on it after the server had finished. */
    public static final TerminationState CLIENT_ABORTED_LAST_DATA = new TerminationState(Cause.CLIENT_ABORT, Phase.LAST_DATA);
    /** {@code cL}: the client went silent in its request body after the server had finished its response. */
    public static final TerminationState CLIENT_TIMEOUT_LAST_DATA = new TerminationState(Cause.CLIENT_TIMEOUT, Phase.LAST_DATA);
    /** {@code KD}: a stop interrupted it. */
    public static final TerminationState KILLED_DATA = new TerminationState(Cause.KILLED, Phase.DATA);

    /** Every code, made once: a log line is written for each exchange. */
    private static final String[][] CODES = codes();

    private static String[][] codes() {
        String[][] codes = new String[Cause.values().length][Phase.values().length];
        for (Cause cause : Cause.values()) {
            for (Phase phase : Phase.values()) {
                codes[cause.ordinal()][phase.ordinal()] = new String(new char[] {cause.letter(), phase.letter()});
            }
        }
        return codes;
    }

    /** The two letters, as logs print them. */
    public String code() {
        return CODES[cause.ordinal()][phase.ordinal()];
    }

    @Override
    public String toString() {
        return code();
    }
}
