package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.LiveStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The runtime API commands about live streams (management.txt §9.3): {@code show sess} and the
 * {@code shutdown} commands that end streams or a whole frontend. A stream here is a client
 * connection ({@link LiveStream}); its dump adds to HAProxy's fields where its virtual thread is
 * blocked ({@link StreamPlace}) and, in the long format, the top of that thread's stack.
 */
final class StreamCommands {
    private static final String SHOW_SESS_HELP = """
            Usage: show sess [<id> | all | help] [<options>*]
            Dumps active streams (formerly called 'sessions'). Available selectors:
               <id>         dump only this stream identifier (0x...)
               all          dump all matching streams in large format
               help         show this message
               susp         report streams considered suspicious
            Available options:\s
               show-uri     also display the transaction URI, if available
               older <age>  only display streams older than <age> seconds
               server <b/s> only show streams attached to this backend+server
               backend <b>  only show streams attached to this backend
               frontend <f> only show streams attached to this frontend
            Without any argument, all streams are dumped in a shorter format.
            """;

    private StreamCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "sess"), "show sess [help|<id>|all] [opts...]",
                "report the list of current streams or dump this exact stream", CliLevel.OPERATOR,
                (args, session, out) -> showSessions(args, process, out)));
        table.register(new CliCommand(List.of("shutdown", "session"), "shutdown session [id]",
                "kill a specific session", CliLevel.ADMIN,
                (args, session, out) -> shutdownSession(args, process)));
        table.register(new CliCommand(List.of("shutdown", "sessions", "server"), "shutdown sessions server <bk>/<srv>",
                "kill sessions on a server", CliLevel.ADMIN,
                (args, session, out) -> shutdownServerSessions(args, process)));
        table.register(new CliCommand(List.of("shutdown", "frontend"), "shutdown frontend <frontend>",
                "stop a specific frontend", CliLevel.ADMIN,
                (args, session, out) -> shutdownFrontend(args, process)));
    }

    /** What {@code show sess} was asked for: one stream or all, the long format or not, and the filters. */
    private record Selection(long id, boolean longFormat, boolean showUri, Predicate<LiveStream> filter) {}

    private static void showSessions(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (!args.isEmpty() && args.getFirst().equals("help")) {
            out.append(SHOW_SESS_HELP);
            return;
        }
        Selection selection = select(args, process);
        long now = System.currentTimeMillis();
        for (Frontend frontend : process.frontends()) {
            for (LiveStream stream : frontend.liveStreams().snapshot()) {
                if (selection.id() != 0 && stream.id() != selection.id() || !selection.filter().test(stream)) {
                    continue;
                }
                if (selection.longFormat()) {
                    StreamDump.detailed(stream, process, now, out);
                } else {
                    StreamDump.line(stream, now, selection.showUri(), out);
                }
            }
        }
        if (selection.id() != 0 && out.isEmpty()) {
            throw new CliException("Session not found.");
        }
    }

    /** Reads the selector and the options of {@code show sess}, with HAProxy 3.5's answers to bad ones. */
    private static Selection select(List<String> args, ProcessView process) throws CliException {
        long id = 0;
        boolean longFormat = false;
        boolean showUri = false;
        Predicate<LiveStream> filter = stream -> true;
        int i = 0;
        if (!args.isEmpty()) {
            String first = args.getFirst();
            if (first.equals("all")) {
                longFormat = true;
                i++;
            } else if (first.equals("susp")) {
                // Nothing is suspicious here: HAProxy flags streams its scheduler keeps waking in
                // vain; a Shuttle stream is a thread blocked in one call, under a deadline.
                filter = stream -> false;
                i++;
            } else if (!first.isEmpty() && Character.isDigit(first.charAt(0))) {
                id = identifier(first).orElseThrow(() -> unsupported(first));
                longFormat = true;
                i++;
            }
        }
        for (; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "show-uri" -> showUri = true;
                case "older" -> {
                    long seconds = minimumAge(i + 1 < args.size() ? args.get(++i) : "");
                    long now = System.currentTimeMillis();
                    filter = filter.and(stream -> (now - stream.acceptedAtMillis()) / 1000 > seconds);
                }
                case "backend" -> {
                    String name = argument(args, ++i, "Missing backend name.");
                    Backend backend = ProxyLookup.backend(name, process)
                            .orElseThrow(() -> new CliException("No such backend."));
                    filter = filter.and(stream -> backend.name().equals(backendOf(stream)));
                }
                case "frontend" -> {
                    String name = argument(args, ++i, "Missing frontend name.");
                    Frontend frontend = ProxyLookup.frontend(name, process)
                            .orElseThrow(() -> new CliException("No such frontend."));
                    filter = filter.and(stream -> stream.frontend() == frontend);
                }
                case "server" -> {
                    String word = argument(args, ++i, "Missing server name (<backend>/<server>).");
                    ProxyLookup.ServerTarget target = ProxyLookup.ServerTarget.of(word, process);
                    filter = filter.and(stream -> uses(stream, target));
                }
                default -> throw unsupported(option);
            }
        }
        return new Selection(id, longFormat, showUri, filter);
    }

    private static String argument(List<String> args, int index, String missing) throws CliException {
        if (index >= args.size() || args.get(index).isEmpty()) {
            throw new CliException(missing);
        }
        return args.get(index);
    }

    private static CliException unsupported(String option) {
        return new CliException("Unsupported option '" + option + "', try 'help' for more info.");
    }

    /** {@code older <age>}: a delay in seconds unless a unit says otherwise (configuration.txt §2.5). */
    private static long minimumAge(String text) throws CliException {
        if (text.isEmpty()) {
            throw new CliException("Expects a minimum age (in seconds by default).");
        }
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 18) {
            throw new CliException("Invalid age.");
        }
        long value = Long.parseLong(text.substring(0, digits));
        return switch (text.substring(digits)) {
            case "", "s" -> value;
            case "ms" -> value / 1000;
            case "us" -> value / 1_000_000;
            case "m" -> value * 60;
            case "h" -> value * 3600;
            case "d" -> value * 86400;
            default -> throw new CliException("Invalid age.");
        };
    }

    /**
     * A stream identifier as C's strtoul() reads it in base 0 ({@code 0x} hexadecimal, else decimal
     * here), the whole word taken; empty when the word is not entirely a number or names no stream (0).
     */
    private static Optional<Long> identifier(String word) {
        try {
            long id = word.startsWith("0x") || word.startsWith("0X") ? Long.parseUnsignedLong(word.substring(2), 16)
                    : Long.parseLong(word);
            return Optional.of(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** As {@link #identifier} but stopping at the first character that is not a digit, as {@code shutdown session} reads it. */
    private static long identifierPrefix(String word) {
        boolean hex = word.startsWith("0x") || word.startsWith("0X");
        int start = hex ? 2 : 0;
        int end = start;
        while (end < word.length() && Character.digit(word.charAt(end), hex ? 16 : 10) >= 0 && end - start < 15) {
            end++;
        }
        return end == start ? 0 : Long.parseLong(word.substring(start, end), hex ? 16 : 10);
    }

    /** The backend of a stream serving a request, or null. */
    static String backendOf(LiveStream stream) {
        return StreamPlace.withoutRequest(stream.phase()) ? null : stream.backend();
    }

    /** The server of a stream serving a request, or null. */
    static String serverOf(LiveStream stream) {
        return StreamPlace.withoutRequest(stream.phase()) ? null : stream.server();
    }

    private static boolean uses(LiveStream stream, ProxyLookup.ServerTarget target) {
        return target.backend().name().equals(backendOf(stream)) && target.server().name().equals(serverOf(stream));
    }

    /** {@code shutdown session <id>}: ends one stream; it is logged with the termination state {@code K}. */
    private static void shutdownSession(List<String> args, ProcessView process) throws CliException {
        long id = args.isEmpty() ? 0 : identifierPrefix(args.getFirst());
        if (id == 0) {
            throw new CliException("Session pointer expected (use 'show sess').");
        }
        for (Frontend frontend : process.frontends()) {
            LiveStream stream = frontend.liveStreams().get(id);
            if (stream != null) {
                stream.kill();
                return;
            }
        }
        throw new CliException("No such session (use 'show sess').");
    }

    /** {@code shutdown sessions server <b>/<s>}: ends every stream using the server now. */
    private static void shutdownServerSessions(List<String> args, ProcessView process) throws CliException {
        ProxyLookup.ServerTarget target = ProxyLookup.ServerTarget.of(args.isEmpty() ? "" : args.getFirst(), process);
        List<LiveStream> using = new ArrayList<>();
        for (Frontend frontend : process.frontends()) {
            for (LiveStream stream : frontend.liveStreams().snapshot()) {
                if (uses(stream, target)) {
                    using.add(stream);
                }
            }
        }
        using.forEach(LiveStream::kill);
    }

    /**
     * {@code shutdown frontend <f>}: the frontend stops accepting for good and its ports are
     * released; the connections it accepted go on, as HAProxy's stop of a proxy leaves them.
     */
    private static void shutdownFrontend(List<String> args, ProcessView process) throws CliException {
        if (args.isEmpty() || args.getFirst().isEmpty()) {
            throw new CliException("A frontend name is expected.");
        }
        Frontend frontend = ProxyLookup.frontend(args.getFirst(), process)
                .orElseThrow(() -> new CliException("No such frontend."));
        if (!process.shutdownFrontend(frontend)) {
            throw new CliException("Frontend was already shut down.");
        }
    }
}
