package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.server.Server;
import java.util.Optional;

/**
 * The {@code track [<backend>/]<server>} links (configuration.txt §5.2, "track") as the runtime API
 * sees them: the server a dynamic server may track (a configured one, checked or tracking in turn;
 * management.txt §9.3, "add server": "it is not possible to track another dynamic server"), and
 * whether a server is tracked, which forbids its removal. The refusal texts are HAProxy 3.5's.
 */
final class Tracking {
    static final String REFERENCED =
            "This server cannot be removed at runtime due to other configuration elements pointing to it.";

    /** The server a new server tracks, with its backend. */
    record Target(Backend backend, Server server) {}

    private Tracking() {}

    /** The server that {@code config}'s {@code track} names, empty without one; refused as HAProxy refuses it. */
    static Optional<Target> target(ServerConfig config, Backend own, ProcessView process) throws CliException {
        Optional<String> track = config.check().track();
        if (track.isEmpty()) {
            return Optional.empty();
        }
        String name = track.get();
        int slash = name.indexOf('/');
        Backend backend = own;
        if (slash >= 0) {
            String backendName = name.substring(0, slash);
            backend = DynamicServerCommands.backend(backendName, process).orElseThrow(() -> new CliException(
                    "unable to find required proxy '" + backendName + "' for tracking."));
            name = name.substring(slash + 1);
        }
        String serverName = name;
        Server server = backend.server(serverName).orElseThrow(() -> new CliException(
                "unable to find required server '" + serverName + "' for tracking."));
        if (server.isDynamic()) {
            throw new CliException("unable to use " + server.qualifiedName()
                    + " for tracking as it is a dynamic server.");
        }
        ServerCheckSettings check = server.config().check();
        if (!check.enabled() && !check.agent().enabled() && check.track().isEmpty()) {
            throw new CliException("unable to use " + server.qualifiedName()
                    + " for tracking as it does not have any check nor agent enabled.");
        }
        return Optional.of(new Target(backend, server));
    }

    /** Whether a server of the process declares {@code track} to {@code server} of {@code backend}. */
    static boolean isTracked(Server server, Backend backend, ProcessView process) {
        for (Backend each : process.backends()) {
            for (Server other : each.servers()) {
                Optional<String> track = other.config().check().track();
                if (track.isEmpty()) {
                    continue;
                }
                String name = track.get();
                int slash = name.indexOf('/');
                String backendName = slash < 0 ? each.name() : name.substring(0, slash);
                if (backendName.equals(backend.name()) && name.substring(slash + 1).equals(server.name())) {
                    return true;
                }
            }
        }
        return false;
    }
}
