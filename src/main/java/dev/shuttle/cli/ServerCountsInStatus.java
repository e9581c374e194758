package dev.shuttle.cli;

import static dev.shuttle.stats.StatField.STATUS;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.Server;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatRow;
import java.util.List;

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
