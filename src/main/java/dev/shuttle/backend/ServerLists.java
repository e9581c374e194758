package dev.shuttle.backend;

import dev.shuttle.server.Server;
import java.util.List;
import java.util.stream.Stream;

/**
 * A backend's servers in their two groups (active ones, then backups, each in the order they
 * came), as one immutable value that the backend replaces on every change (copy on write).
 */
record ServerLists(List<Server> active, List<Server> backup, List<Server> all) {
    static ServerLists of(List<Server> servers) {
        List<Server> active = servers.stream().filter(s -> !s.isBackup()).toList();
        List<Server> backup = servers.stream().filter(Server::isBackup).toList();
        return new ServerLists(active, backup, Stream.concat(active.stream(), backup.stream()).toList());
    }

    ServerLists with(Server server) {
        return of(Stream.concat(all.stream(), Stream.of(server)).toList());
    }

    ServerLists without(Server server) {
        return of(all.stream().filter(s -> s != server).toList());
    }
}
