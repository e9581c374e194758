package dev.shuttle.cli;

import static dev.shuttle.stats.StatField.STATUS;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.Server;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatRow;
import java.util.List;
import java.util.Optional;

/**
 * With {@code show stat up} or {@code no-maint}, a backend's status says how many of its servers
 * run out of how many it has, "UP (1/2)", since the rows of the others are hidden (HAProxy's
 * stats_fill_be_computesrv()).
 */
final class ServerCountsInStatus {
    private ServerCountsInStatus() {}

    static void append(List<StatRow> rows, ProcessView process, StatRequest request) {
        for (StatRow row : rows) {
            if (row.type() != ObjectType.BACKEND) {
                continue;
            }
            Backend backend = backendOf(row, process);
            if (backend == null) {
                logBackendOf(row, process).ifPresent(log -> row.set(STATUS, row.text(STATUS) + " ("
                        + log.servers().stream().filter(LogBackendStats.Server::inService).count() + "/"
                        + log.servers().size() + ")"));
                continue;
            }
            int running = 0;
            for (Server server : backend.servers()) {
                if (StatRequest.isRunning(server)) {
                    running++;
                }
            }
            row.set(STATUS, row.text(STATUS) + " (" + running + "/" + backend.servers().size() + ")");
        }
    }

    static Backend backendOf(StatRow row, ProcessView process) {
        for (Backend backend : process.backends()) {
            if (backend.config().id() == row.proxyId()) {
                return backend;
            }
        }
        return null;
    }

    /** The {@code mode log} backend of a row, if it is one's. */
    static Optional<LogBackendStats> logBackendOf(StatRow row, ProcessView process) {
        return process.logBackends().stream().filter(b -> b.id() == row.proxyId()).findFirst();
    }

    /** The log server of a server row of a {@code mode log} backend, or null. */
    static LogBackendStats.Server logServerOf(StatRow row, ProcessView process) {
        return logBackendOf(row, process).flatMap(b -> b.servers().stream()
                .filter(s -> s.id() == row.serviceId()).findFirst()).orElse(null);
    }

    static Server serverOf(StatRow row, ProcessView process) {
        Backend backend = backendOf(row, process);
        if (backend == null) {
            return null;
        }
        for (Server server : backend.servers()) {
            if (server.id() == row.serviceId()) {
                return server;
            }
        }
        return null;
    }
}
