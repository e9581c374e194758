package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.server.Server;
import java.util.Optional;

/**
 * Finds the proxies and servers a runtime API command names, each by its name or by {@code #<id>}
 * as HAProxy's CLI allows (the id read as C's atoi() reads it).
 */
final class ProxyLookup {
    private ProxyLookup() {}

    static Optional<Frontend> frontend(String word, ProcessView process) {
        boolean byId = word.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(word.substring(1)) : 0;
        return process.frontends().stream()
                .filter(f -> byId ? f.config().id() == id : f.name().equals(word)).findFirst();
    }

    static Optional<Backend> backend(String word, ProcessView process) {
        boolean byId = word.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(word.substring(1)) : 0;
        return process.backends().stream()
                .filter(b -> byId ? b.config().id() == id : b.name().equals(word)).findFirst();
    }

    static Optional<Server> server(String word, Backend backend) {
        boolean byId = word.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(word.substring(1)) : 0;
        return backend.servers().stream()
                .filter(s -> byId ? s.config().id() == id : s.name().equals(word)).findFirst();
    }

    /** A {@code <backend>/<server>} word; HAProxy's answers when it is not one, or names nothing. */
    record ServerTarget(Backend backend, Server server) {
        static ServerTarget of(String word, ProcessView process) throws CliException {
            int slash = word.indexOf('/');
            if (slash < 0 || slash == word.length() - 1) {
                throw new CliException("Require 'backend/server'.");
            }
            Backend backend = ProxyLookup.backend(word.substring(0, slash), process)
                    .orElseThrow(() -> new CliException("No such backend."));
            Server server = ProxyLookup.server(word.substring(slash + 1), backend)
                    .orElseThrow(() -> new CliException("No such server."));
            return new ServerTarget(backend, server);
        }
    }
}
