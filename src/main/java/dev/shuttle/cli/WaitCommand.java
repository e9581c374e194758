package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;

/**
 * {@code wait {-h|<delay>} [srv-removable <backend>/<server>]} (management.txt §9.3, "wait"): waits
 * for the delay, or until the server could be removed by {@code del server} (in maintenance, no
 * request in flight or queued, no connection in use), whichever comes first. A condition that can
 * never come true (not in maintenance, tracked, no such server) fails at once. The answers are
 * HAProxy 3.5's: "Done.", "Failed. <why>", "Interrupted. <why it is still not removable>". The
 * session's virtual thread sleeps between two looks (every {@value #POLL_MILLIS} ms).
 */
final class WaitCommand {
    private static final long POLL_MILLIS = 10;
    private static final String USAGE = """
            Usage: wait {-h|<duration>} [condition [args...]]
              - '-h' displays this help
              - <duration> is the maximum wait time, optionally suffixed by the unit among
                'us', 'ms', 's', 'm', 'h', and 'd'. ; the default unit is milliseconds.
              - <condition> indicates what to wait for, no longer than the specified
                duration. Supported conditions are:
                - <none> : by default, just sleep for the specified duration.
                - srv-removable <px>/<sv> : wait for this server to become removable.
            """;

    private WaitCommand() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("wait"), "wait {-h|<delay_ms>} cond [args...]",
                "wait the specified delay or condition (-h to see list)", CliLevel.ADMIN,
                (args, session, out) -> run(args, process, out)));
    }

    private static void run(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (args.isEmpty()) {
            throw new CliException("Expects a duration in milliseconds.");
        }
        if (args.getFirst().equals("-h") || args.size() > 1 && args.get(1).equals("-h")) {
            throw new CliException(USAGE.stripTrailing());
        }
        long delayMillis = duration(args.getFirst());
        long deadline = System.nanoTime() + delayMillis * 1_000_000L;
        if (args.size() == 1) {
            sleepUntil(deadline);
            // HAProxy 3.5-dev5 answers a plain wait so, its reason being unset ("(null)" from printf).
            out.append("Interrupted. (null)\n");
            return;
        }
        if (args.get(1).equals("be-removable")) {
            waitBackendRemovable(args, process, deadline, out);
            return;
        }
        if (!args.get(1).equals("srv-removable")) {
            throw new CliException(USAGE.stripTrailing());
        }
        if (args.size() < 3) {
            throw new CliException("Missing server name (<backend>/<server>).");
        }
        DynamicServerCommands.Names names = DynamicServerCommands.Names.of(args.subList(2, args.size()));
        while (true) {
            Blocker blocker = blocker(names, process);
            if (blocker == null) {
                out.append("Done.\n");
                return;
            }
            if (!blocker.mayPass()) {
                throw new CliException("Failed. " + blocker.reason());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new CliException("Interrupted. " + blocker.reason());
            }
            sleepUntil(Math.min(deadline, System.nanoTime() + POLL_MILLIS * 1_000_000L));
        }
    }

    /** {@code wait <delay> be-removable <backend>}: until {@code del backend} would succeed. */
    private static void waitBackendRemovable(List<String> args, ProcessView process, long deadline, StringBuilder out)
            throws CliException {
        if (args.size() < 3) {
            throw new CliException("Missing backend name.");
        }
        while (true) {
            String reason = DynamicBackendCommands.blocker(DynamicServerCommands.backend(args.get(2), process), process);
            if (reason == null) {
                out.append("Done.\n");
                return;
            }
            if (!reason.equals(DynamicBackendCommands.STREAMS_ATTACHED)) {
                throw new CliException("Failed. " + reason);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new CliException("Interrupted. " + reason);
            }
            sleepUntil(Math.min(deadline, System.nanoTime() + POLL_MILLIS * 1_000_000L));
        }
    }

    /** Why a server cannot be removed now, and whether that may pass with time (a busy server). */
    private record Blocker(String reason, boolean mayPass) {}

    /** What keeps the server from being removed now; null when nothing does. */
    private static Blocker blocker(DynamicServerCommands.Names names, ProcessView process) {
        Optional<Backend> backend = DynamicServerCommands.backend(names.backend(), process);
        if (backend.isEmpty()) {
            return new Blocker("No such backend.", false);
        }
        Optional<Server> server = backend.get().server(names.server());
        if (server.isEmpty()) {
            return new Blocker("No such server.", false);
        }
        if (Tracking.isTracked(server.get(), backend.get(), process)) {
            return new Blocker(Tracking.REFERENCED, false);
        }
        Backend.Removal removal = backend.get().removability(server.get());
        return switch (removal) {
            case REMOVED -> null;
            case BUSY -> new Blocker(removal.answer(), true);
            case NO_SUCH_SERVER, NOT_IN_MAINTENANCE -> new Blocker(removal.answer(), false);
        };
    }

    /** The delay, a time in HAProxy's notation (milliseconds by default); zero is refused as HAProxy refuses it. */
    private static long duration(String text) throws CliException {
        try {
            long millis = TimeValue.parseMillis(text, "wait");
            if (millis <= 0) {
                throw new CliException("Invalid duration.");
            }
            return millis;
        } catch (ConfigException e) {
            throw new CliException("Invalid duration.");
        }
    }

    private static void sleepUntil(long deadline) throws CliException {
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }
}
