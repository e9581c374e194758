package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.util.List;

/**
 * {@code publish backend <b>} and {@code unpublish backend <b>} (management.txt §9.3): whether
 * content switching may choose a backend. An unpublished backend keeps running (its checks, the
 * streams it already has); other proxies' {@code use_backend} rules pass over it and a {@code
 * default_backend} naming it leaves the stream without a backend (HAProxy's 503). The answers and
 * the level are HAProxy 3.5-dev5's (its manual allows the operator level; the build refuses it).
 */
final class BackendPublicationCommands {
    private BackendPublicationCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("publish", "backend"), "publish backend <backend>",
                "mark backend as ready for traffic", CliLevel.ADMIN,
                (args, session, out) -> publish(args, process, true, out)));
        table.register(new CliCommand(List.of("unpublish", "backend"), "unpublish backend <backend>",
                "remove backend for traffic processing", CliLevel.ADMIN,
                (args, session, out) -> publish(args, process, false, out)));
    }

    private static void publish(List<String> args, ProcessView process, boolean published, StringBuilder out)
            throws CliException {
        Backend backend = DynamicServerCommands.backend(args.isEmpty() ? "" : args.getFirst(), process)
                .orElseThrow(() -> new CliException("No such backend."));
        backend.setPublished(published);
        out.append(published ? "Backend published.\n" : "Backend unpublished.\n");
    }
}
