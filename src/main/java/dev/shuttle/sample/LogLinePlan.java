package dev.shuttle.sample;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A log-format without an encoding, made once, when the configuration is loaded, into the steps
 * that write its line (configuration.txt §8.2.6): the default formats ({@code option httplog},
 * {@code httplog clf}, {@code httpslog}, {@code tcplog}) and most custom ones.
 *
 * <ul>
 *   <li>Literal text and the separator that follows it become one string: after a text the
 *       separator always prints, and a second separator never does.
 *   <li>The aliases of the default formats, with the default flags (or {@code +Q}), get a step
 *       of their own that writes the value straight into the line: no flag tests, no {@link
 *       LogLineBuilder}, no {@code Optional}.
 *   <li>Every other item (a sample expression, an alias with other flags or a value the fast
 *       step does not cover, such as an IPv6 address) is written by {@link LogFormat}'s general
 *       code, so that a line is byte for byte the general walk's ({@code LogLinePlanTest}
 *       compares them on many formats and exchanges).
 * </ul>
 *
 * <p>Immutable and shared by every thread; a rendering owns only the line it writes into.
 */
final class LogLinePlan {
    /** The flags the fast steps implement: the default ones of a log line, with or without {@code +Q}. */
    private static final int PLAIN = LogOptions.MANDATORY | LogOptions.MERGE_SPACES;
    private static final int QUOTED = PLAIN | LogOptions.QUOTE;
    private static final String BAD_REQUEST = "<BADREQ>";

    /** What a step writes. */
    private enum Op {
        /** Literal text, a separator included when one followed it. */
        TEXT,
        /** A separator after an item: printed unless the line already ends with one (or is empty). */
        SEPARATOR,
        /** An item the general code writes. */
        GENERAL,
        CLIENT_IP, CLIENT_PORT, FRONTEND_IP, FRONTEND_PORT,
        /** {@code %t}, {@code %tr}: local date with milliseconds; {@code %T}, {@code %trg}: GMT; {@code %ms}. */
        ACCEPT_DATE, REQUEST_DATE, ACCEPT_DATE_GMT, REQUEST_DATE_GMT, ACCEPT_MILLISECONDS,
        FRONTEND, FRONTEND_TRANSPORT, BACKEND, SERVER,
        /** Timers and counters written as plain integers. */
        INTEGER,
        /** Totals and byte counts, with a {@code +} while the stream goes on ({@code option logasap}). */
        TOTAL,
        RETRIES, TERMINATION_STATE, TERMINATION_STATE_COOKIES, REQUEST_COOKIE, RESPONSE_COOKIE,
        REQUEST_LINE,
        /** {@code %hr}, {@code %hs}, {@code %hrl}, {@code %hsl}: nothing without captures, else the general code. */
        CAPTURES
    }

    /**
     * @param text              the literal of a TEXT step
     * @param separatorLast     whether a TEXT step's literal ends with a separator merged into it
     * @param item              the item of any other step
     * @param quoted            whether the item has {@code +Q}
     */
    private record Step(Op op, String text, boolean separatorLast, LogFormat.Node.Item item, boolean quoted) {
        static Step text(String text, boolean separatorLast) {
            return new Step(Op.TEXT, text, separatorLast, null, false);
        }

        /** The alias of a step that writes one (every op but TEXT, SEPARATOR and GENERAL). */
        LogAlias alias() {
            return ((LogFormat.Node.Alias) item).alias();
        }
    }

    private final Step[] steps;

    private LogLinePlan(List<Step> steps) {
        this.steps = steps.toArray(Step[]::new);
    }

    /**
     * The plan of a format's nodes; null with an encoding ({@code %{+json}o}, {@code %{+cbor}o}),
     * whose lines the general code writes.
     */
    static LogLinePlan of(List<LogFormat.Node> nodes, int globalOptions) {
        if ((globalOptions & LogOptions.ENCODE) != 0) {
            return null;
        }
        List<Step> steps = new ArrayList<>();
        // Whether the line surely ends with a separator here (TRUE at its start), surely not (FALSE), or may (null).
        Boolean endsWithSeparator = Boolean.TRUE;
        for (LogFormat.Node node : nodes) {
            switch (node) {
                case LogFormat.Node.Text text -> {
                    Step last = steps.isEmpty() ? null : steps.getLast();
                    if (last != null && last.op() == Op.TEXT) {
                        steps.set(steps.size() - 1, Step.text(last.text() + text.text(), false));
                    } else {
                        steps.add(Step.text(text.text(), false));
                    }
                    endsWithSeparator = Boolean.FALSE;
                }
                case LogFormat.Node.Separator separator -> {
                    if (endsWithSeparator == Boolean.FALSE) {
                        // Right after a text the separator always prints: one string with it.
                        steps.set(steps.size() - 1, Step.text(steps.getLast().text() + " ", true));
                    } else if (endsWithSeparator == null) {
                        steps.add(new Step(Op.SEPARATOR, null, false, null, false));
                    }
                    endsWithSeparator = Boolean.TRUE; // and a separator after one never prints
                }
                case LogFormat.Node.Item item -> {
                    steps.add(step(item));
                    endsWithSeparator = null;
                }
            }
        }
        return new LogLinePlan(steps);
    }

    private static Step step(LogFormat.Node.Item item) {
        boolean quoted = item.options() == QUOTED;
        if (!(item instanceof LogFormat.Node.Alias alias) || item.typecast() != LogFormat.Typecast.NONE
                || (item.options() != PLAIN && !quoted)) {
            return new Step(Op.GENERAL, null, false, item, false);
        }
        Op op = switch (alias.alias()) {
            case CLIENT_IP -> Op.CLIENT_IP;
            case CLIENT_PORT -> Op.CLIENT_PORT;
            case FRONTEND_IP -> Op.FRONTEND_IP;
            case FRONTEND_PORT -> Op.FRONTEND_PORT;
            case ACCEPT_DATE -> Op.ACCEPT_DATE;
            case REQUEST_DATE -> Op.REQUEST_DATE;
            case ACCEPT_DATE_GMT -> Op.ACCEPT_DATE_GMT;
            case REQUEST_DATE_GMT -> Op.REQUEST_DATE_GMT;
            case ACCEPT_MILLISECONDS -> Op.ACCEPT_MILLISECONDS;
            case FRONTEND -> Op.FRONTEND;
            case FRONTEND_TRANSPORT -> Op.FRONTEND_TRANSPORT;
            case BACKEND -> Op.BACKEND;
            case SERVER -> Op.SERVER;
            case STATUS, BYTES_FROM_CLIENT, HANDSHAKE_TIME, IDLE_TIME, REQUEST_TIME, REQUEST_TOTAL_TIME, QUEUE_TIME,
                 CONNECT_TIME, RESPONSE_TIME, DATA_TIME, ACTIVE_CONNECTIONS, FRONTEND_CONNECTIONS,
                 BACKEND_CONNECTIONS, SERVER_CONNECTIONS, SERVER_QUEUE, BACKEND_QUEUE -> Op.INTEGER;
            case BYTES_TO_CLIENT, ACTIVE_TIME, TOTAL_TIME, USER_TIME -> Op.TOTAL;
            case RETRIES -> Op.RETRIES;
            case TERMINATION_STATE -> Op.TERMINATION_STATE;
            case TERMINATION_STATE_COOKIES -> Op.TERMINATION_STATE_COOKIES;
            case REQUEST_COOKIE -> Op.REQUEST_COOKIE;
            case RESPONSE_COOKIE -> Op.RESPONSE_COOKIE;
            case REQUEST_LINE -> Op.REQUEST_LINE;
            case REQUEST_HEADERS, RESPONSE_HEADERS, REQUEST_HEADER_LIST, RESPONSE_HEADER_LIST -> Op.CAPTURES;
            default -> Op.GENERAL;
        };
        return new Step(op, null, false, item, quoted);
    }

    /** How many items the general code writes (for the tests: none in the default formats). */
    int generalItems() {
        int count = 0;
        for (Step step : steps) {
            if (step.op() == Op.GENERAL) {
                count++;
            }
        }
        return count;
    }

    /** Writes the line of a stream's {@code facts} into {@code out}. */
    void render(StringBuilder out, SampleContext context, LogFacts facts, boolean httpBackend) {
        LogLineBuilder general = null;
        boolean lastWasSpace = true;
        for (Step step : steps) {
            int before = out.length();
            switch (step.op()) {
                case TEXT -> {
                    out.append(step.text());
                    lastWasSpace = step.separatorLast();
                    continue;
                }
                case SEPARATOR -> {
                    if (!lastWasSpace) {
                        out.append(' ');
                        lastWasSpace = true;
                    }
                    continue;
                }
                case GENERAL -> {
                    if (general == null) {
                        general = new LogLineBuilder(out);
                    }
                    if (LogFormat.writeWholeItem(step.item(), general, context, facts, httpBackend)) {
                        lastWasSpace = false;
                    }
                    continue;
                }
                case CLIENT_IP -> general = ip(out, step, context.logClientAddress(), general, context, facts,
                        httpBackend);
                case FRONTEND_IP -> general = ip(out, step, context.logFrontendAddress(), general, context, facts,
                        httpBackend);
                case CLIENT_PORT -> port(out, step, context.logClientAddress());
                case FRONTEND_PORT -> port(out, step, context.logFrontendAddress());
                case ACCEPT_DATE -> LogDates.appendLocalMillis(out, facts.acceptEpochMillis());
                case REQUEST_DATE -> LogDates.appendLocalMillis(out,
                        facts.acceptEpochMillis() + LogTimers.requestStart(facts));
                case ACCEPT_DATE_GMT -> out.append(LogDates.gmt(facts.acceptEpochMillis()));
                case REQUEST_DATE_GMT -> out.append(LogDates.gmt(facts.acceptEpochMillis()
                        + LogTimers.requestStart(facts)));
                case ACCEPT_MILLISECONDS -> {
                    int millis = (int) Math.floorMod(facts.acceptEpochMillis(), 1000);
                    out.append(millis < 10 ? "00" : millis < 100 ? "0" : "").append(millis);
                }
                case FRONTEND -> text(out, step, context.frontend().name());
                case FRONTEND_TRANSPORT -> {
                    quote(out, step);
                    plain(out, context.frontend().name());
                    if (context.tlsListener() || context.frontTls().isPresent()) {
                        out.append('~');
                    }
                    quote(out, step);
                }
                case BACKEND -> text(out, step, facts.backendName());
                case SERVER -> text(out, step, facts.serverName());
                case INTEGER -> number(out, LogAliasValues.integerValue(step.alias(), context, facts, httpBackend));
                case TOTAL -> {
                    if (!facts.complete()) {
                        out.append('+');
                    }
                    number(out, LogAliasValues.totalValue(step.alias(), facts));
                }
                case RETRIES -> {
                    if (facts.redispatched()) {
                        out.append('+');
                    }
                    number(out, facts.retries());
                }
                case TERMINATION_STATE -> plain(out, facts.terminationState());
                case TERMINATION_STATE_COOKIES -> {
                    plain(out, facts.terminationState());
                    plain(out, facts.cookieStates());
                }
                case REQUEST_COOKIE -> text(out, step, facts.requestCookie().orElse(null));
                case RESPONSE_COOKIE -> text(out, step, facts.responseCookie().orElse(null));
                case REQUEST_LINE -> {
                    quote(out, step);
                    LogLineBuilder.encodePlain(out, '#', LogLineBuilder.URL_UNSAFE,
                            facts.requestLine().orElse(BAD_REQUEST));
                    quote(out, step);
                }
                case CAPTURES -> {
                    if (!captures(step.alias(), facts).isEmpty()) {
                        if (general == null) {
                            general = new LogLineBuilder(out);
                        }
                        LogFormat.writeWholeItem(step.item(), general, context, facts, httpBackend);
                    }
                }
            }
            if (out.length() != before) {
                lastWasSpace = false;
            }
        }
    }

    /** An IPv4 address written as is; anything else (IPv6, none) by the general code. */
    private static LogLineBuilder ip(StringBuilder out, Step step, InetSocketAddress address, LogLineBuilder general,
                                     SampleContext context, LogFacts facts, boolean httpBackend) {
        InetAddress ip = address == null ? null : address.getAddress();
        if (ip instanceof Inet4Address && !step.quoted()) {
            byte[] octets = ip.getAddress();
            out.append(octets[0] & 0xFF).append('.').append(octets[1] & 0xFF).append('.')
                    .append(octets[2] & 0xFF).append('.').append(octets[3] & 0xFF);
            return general;
        }
        LogLineBuilder line = general == null ? new LogLineBuilder(out) : general;
        LogFormat.writeWholeItem(step.item(), line, context, facts, httpBackend);
        return line;
    }

    private static void port(StringBuilder out, Step step, InetSocketAddress address) {
        if (address != null) {
            number(out, address.getPort());
        } else {
            text(out, step, null);
        }
    }

    /**
     * A decimal number. Most of a line's numbers are timers and counters of a few digits, which
     * {@code StringBuilder.append(long)} writes through a loop of 64-bit divisions (a third of a
     * line's CPU in a profile): one digit is one character, and an {@code int} takes the 32-bit path.
     */
    private static void number(StringBuilder out, long value) {
        if (value >= 0 && value < 10) {
            out.append((char) ('0' + value));
        } else if (value == (int) value) {
            out.append((int) value);
        } else {
            out.append(value);
        }
    }

    private static void quote(StringBuilder out, Step step) {
        if (step.quoted()) {
            out.append('"');
        }
    }

    /** A text value ({@link LogLineBuilder#text}): in quotes with {@code +Q}, else {@code -} when empty. */
    private static void text(StringBuilder out, Step step, String value) {
        if (step.quoted()) {
            out.append('"');
            plain(out, value);
            out.append('"');
        } else if (!plain(out, value)) {
            out.append('-');
        }
    }

    /** A text as it is, up to a NUL byte (HAProxy's strings end there); false when nothing was written. */
    private static boolean plain(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        int nul = value.indexOf('\0');
        out.append(value, 0, nul < 0 ? value.length() : nul);
        return nul != 0;
    }

    private static List<String> captures(LogAlias alias, LogFacts facts) {
        return alias == LogAlias.REQUEST_HEADERS || alias == LogAlias.REQUEST_HEADER_LIST
                ? facts.requestCaptures() : facts.responseCaptures();
    }
}
