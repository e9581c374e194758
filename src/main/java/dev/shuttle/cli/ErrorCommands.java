package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stats.ErrorSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code show errors [<iid>|<proxy>] [request|response]} (management.txt §9.3): the last malformed
 * request each frontend and the last malformed response each backend refused, in HAProxy 3.5's
 * layout, the message dumped line by line with its offsets ({@link ErrorDump}). HAProxy's H1 mux
 * flags and states have no counterpart in Shuttle's parser: their three lines are one line that
 * says why the parser stopped. The buffer is a plain array: it never wraps, and nothing of it was
 * sent yet, so it "starts at 0 (including 0 out)" and "wraps at" its size.
 */
final class ErrorCommands {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT);
    /** {@code -1}: every proxy. */
    private static final int ALL = -1;

    private ErrorCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "errors"), "show errors [<px>] [request|response]",
                "report last request and/or response errors for each proxy", CliLevel.OPERATOR,
                (args, session, out) -> showErrors(args, process, out)));
    }

    private static void showErrors(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        int proxyId = ALL;
        if (!args.isEmpty() && !args.getFirst().isEmpty()) {
            proxyId = proxyId(args.getFirst(), process);
        }
        String kind = args.size() > 1 ? args.get(1) : "";
        boolean requests = !kind.equals("response");
        boolean responses = !kind.equals("request");
        out.append("Total events captured on [").append(date(System.currentTimeMillis())).append("] : ")
                .append(ErrorSnapshot.captured()).append('\n');
        for (Frontend frontend : process.frontends()) {
            ErrorSnapshot last = frontend.errors().lastRequest();
            if (requests && last != null && concerns(last, frontend.config().id(), proxyId)) {
                entry("frontend", frontend.name(), frontend.config().id(), last, out);
            }
        }
        for (Backend backend : process.backends()) {
            ErrorSnapshot last = backend.errors().lastResponse();
            if (responses && last != null && concerns(last, backend.config().id(), proxyId)) {
                entry("backend", backend.name(), backend.config().id(), last, out);
            }
        }
    }

    /** A proxy's id, {@code -1} for all, or the id of the proxy so named. */
    private static int proxyId(String word, ProcessView process) throws CliException {
        if (word.chars().allMatch(c -> Character.isDigit(c) || c == '-')) {
            return RuntimeArguments.atoi(word);
        }
        Optional<Integer> id = ProxyLookup.frontend(word, process).map(f -> f.config().id())
                .or(() -> ProxyLookup.backend(word, process).map(b -> b.config().id()));
        return id.orElseThrow(() -> new CliException("No such proxy."));
    }

    /** Whether the capture concerns the selected proxy: the one that refused it, or the other side (as HAProxy filters). */
    private static boolean concerns(ErrorSnapshot snapshot, int ownId, int selected) {
        return selected == ALL || selected == ownId || selected == snapshot.otherProxyId();
    }

    private static void entry(String side, String name, int id, ErrorSnapshot error, StringBuilder out) {
        int length = error.bytes().length;
        out.append(" \n[").append(date(error.atMillis())).append("] ").append(side).append(' ').append(name)
                .append(" (#").append(id).append("): invalid ").append(error.request() ? "request" : "response")
                .append('\n');
        out.append("  ").append(error.request() ? "backend " : "frontend ").append(orNone(error.otherProxy()))
                .append(" (#").append(error.otherProxyId()).append("), server ").append(orNone(error.server()))
                .append(" (#").append(error.serverId()).append("), event #").append(error.event())
                .append(", src ").append(error.source()).append('\n');
        out.append("  buffer starts at 0 (including 0 out), ").append(error.bufferSize() - length).append(" free,\n");
        out.append("  len ").append(length).append(", wraps at ").append(error.bufferSize())
                .append(", error at position ").append(error.position()).append('\n');
        out.append("  H1 parser: ").append(error.reason()).append(" :\n");
        out.append("  \n");
        ErrorDump.lines(error.bytes(), out);
    }

    private static String orNone(String name) {
        return name == null ? "<NONE>" : name;
    }

    private static String date(long millis) {
        return DATE.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }
}
