package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.ServerProtocol;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Servers added and removed at runtime (management.txt §9.3): {@code add server <b>/<s> <args>},
 * {@code add server help}, {@code del server <b>/<s>}. The answers and their order are HAProxy
 * 3.5's. A server added this way is parsed as a configuration's {@code server} line is (without
 * {@code default-server}), starts in maintenance, takes part in balancing as soon as it is enabled,
 * and has its checks started at once; {@code del server} removes it (or a configured one) only in
 * maintenance, with no request in flight or queued, after closing its idle connections.
 * {@code wait ... srv-removable} is in {@link WaitCommand}.
 */
final class DynamicServerCommands {
    /**
     * Makes each addition or removal one step for the whole process, so that no server is added
     * to track a server whose removal was just decided (two CLI sessions may run at once).
     */
    private static final ReentrantLock CHANGES = new ReentrantLock();

    private DynamicServerCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("add", "server"), "add server <bk>/<srv>", "create a new server",
                CliLevel.ADMIN, (args, session, out) -> oneAtATime(() -> add(args, process, out))));
        table.register(new CliCommand(List.of("del", "server"), "del server <bk>/<srv>",
                "remove a dynamically added server", CliLevel.ADMIN,
                (args, session, out) -> oneAtATime(() -> delete(args, process, out))));
        WaitCommand.register(table, process);
    }

    /** A change of the process's servers. */
    private interface Change {
        void run() throws CliException;
    }

    private static void oneAtATime(Change change) throws CliException {
        CHANGES.lock();
        try {
            change.run();
        } finally {
            CHANGES.unlock();
        }
    }

    /** A {@code <backend>/<server>} argument, split. */
    record Names(String backend, String server) {
        /**
         * The first argument as {@code <backend>/<server>}, or HAProxy's "Require 'backend/server'."
         * when the slash or the server name is missing; an empty backend name is one no backend has
         * ({@code del server}, {@code wait}).
         */
        static Names of(List<String> args) throws CliException {
            String word = args.isEmpty() ? "" : args.getFirst();
            int slash = word.indexOf('/');
            if (slash < 0 || slash == word.length() - 1) {
                throw new CliException("Require 'backend/server'.");
            }
            return new Names(word.substring(0, slash), word.substring(slash + 1));
        }

        /** As {@link #of}, an empty backend name refused too, as {@code add server} does. */
        static Names ofNew(List<String> args) throws CliException {
            Names names = of(args);
            if (names.backend().isEmpty()) {
                throw new CliException("Require 'backend/server'.");
            }
            return names;
        }
    }

    private static void add(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (args.size() == 1 && args.getFirst().equals("help")) {
            out.append("List of keywords supported for dynamic server:\n");
            process.dynamicServerKeywords().forEach(keyword -> out.append(keyword).append('\n'));
            return;
        }
        Names names = Names.ofNew(args);
        Backend backend = backend(names.backend(), process)
                .orElseThrow(() -> new CliException("No such backend."));
        if (backend.config().disabled()) {
            // HAProxy 3.5-dev5 crashes here; Shuttle refuses as it refuses other changes to a disabled backend.
            throw new CliException("Proxy is disabled.");
        }
        if (backend.weightsAreStatic()) {
            // management.txt §9.3, "add server": only a backend whose weights may change at runtime
            throw new CliException("Backend does not support dynamic servers : "
                    + (backend.config().kind() == ProxyKind.LISTEN ? "proxy" : "backend") + " '" + backend.name()
                    + "' uses a non dynamic load balancing method.");
        }
        if (backend.server(names.server()).isPresent()) {
            throw new CliException("Already exists a server with the same name in backend.");
        }
        ServerConfig config;
        try {
            config = process.dynamicServer(backend.config(), names.server(), args.subList(1, args.size()));
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
        if (backend.config().mode() == ProxyMode.TCP && config.pooling().protocol() != ServerProtocol.BY_ALPN) {
            // management.txt §9.3, "add server": the server's mux must suit the backend's mode, and a
            // TCP backend has no HTTP mux (3.5 refuses proto h1 and h2 there alike, with this message).
            throw new CliException("MUX protocol is not usable for server.");
        }
        Optional<Tracking.Target> tracked = Tracking.target(config, backend, process);
        Server server;
        try {
            server = backend.addServer(config);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        process.serverAdded(backend, server, tracked.map(Tracking.Target::server));
        if (config.persistence().cookie().isPresent() && backend.config().mode() != ProxyMode.HTTP) {
            out.append("Ignoring cookie as HTTP mode is disabled.\n"); // configuration.txt §5.2, "cookie"
        }
        out.append("New server registered.\n");
    }

    private static void delete(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        Names names = Names.of(args);
        Backend backend = backend(names.backend(), process)
                .orElseThrow(() -> new CliException("No such backend."));
        Server server = backend.server(names.server()).orElseThrow(() -> new CliException("No such server."));
        if (Tracking.isTracked(server, backend, process)) {
            throw new CliException(Tracking.REFERENCED);
        }
        Backend.Removal removal = backend.remove(server);
        if (removal != Backend.Removal.REMOVED) {
            throw new CliException(removal.answer());
        }
        process.serverRemoved(backend, server);
        out.append(removal.answer()).append('\n');
    }

    /** The backend named {@code name}, or {@code #<id>}. */
    static Optional<Backend> backend(String name, ProcessView process) {
        boolean byId = name.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(name.substring(1)) : 0;
        for (Backend backend : process.backends()) {
            if (byId ? backend.config().id() == id : backend.name().equals(name)) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }
}
