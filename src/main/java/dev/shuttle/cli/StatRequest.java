package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.listener.Frontend;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatRow;
import java.util.List;

/**
 * The arguments of {@code show stat [domain <dom>] [{<iid>|<proxy>} <type> <sid>] [typed|json]
 * [desc] [up|no-maint]} (management.txt §9.3), read as HAProxy 3.5 reads them: the three
 * selectors only when all three are there ({@code -1} for any; a type is a mask of 1 frontends, 2
 * backends, 4 servers), a proxy named or numbered (a name that is no proxy and no number:
 * "No such proxy."), then the options in any order, unknown words ignored.
 */
record StatRequest(boolean resolvers, boolean bound, int proxyId, int typeMask, int serverId, Format format,
                   boolean descriptions, boolean upOnly, boolean noMaint) {
    enum Format { CSV, TYPED, JSON }

    static StatRequest parse(List<String> args, ProcessView process) throws CliException {
        int at = 0;
        boolean resolvers = false;
        if (args.size() >= 2 && args.get(0).equals("domain")) {
            switch (args.get(1)) {
                case "proxy" -> { }
                case "resolvers" -> resolvers = true;
                default -> throw new CliException("Invalid statistics domain.");
            }
            at = 2;
        }
        boolean bound = false;
        int proxyId = -1;
        int typeMask = -1;
        int serverId = -1;
        if (args.size() >= at + 3) {
            String proxy = args.get(at);
            if (!proxy.equals("-1")) {
                proxyId = proxyIdOf(proxy, process);
                if (proxyId == 0) {
                    throw new CliException("No such proxy.");
                }
            }
            typeMask = CNumbers.atoi(args.get(at + 1));
            serverId = CNumbers.atoi(args.get(at + 2));
            bound = true;
            at += 3;
        }
        Format format = Format.CSV;
        boolean descriptions = false;
        boolean upOnly = false;
        boolean noMaint = false;
        for (String word : args.subList(at, args.size())) {
            switch (word) {
                case "typed" -> format = Format.TYPED;
                case "json" -> format = Format.JSON;
                case "desc" -> descriptions = true;
                case "up" -> upOnly = true;
                case "no-maint" -> noMaint = true;
                default -> { }
            }
        }
        return new StatRequest(resolvers, bound, proxyId, typeMask, serverId, format, descriptions, upOnly, noMaint);
    }

    /** A proxy's id from its name (backends first, log backends among them, as HAProxy looks them up), else the number written. */
    private static int proxyIdOf(String word, ProcessView process) {
        for (Backend backend : process.backends()) {
            if (backend.name().equals(word)) {
                return backend.config().id();
            }
        }
        for (LogBackendStats backend : process.logBackends()) {
            if (backend.name().equals(word)) {
                return backend.id();
            }
        }
        for (Frontend frontend : process.frontends()) {
            if (frontend.name().equals(word)) {
                return frontend.config().id();
            }
        }
        return CNumbers.atoi(word);
    }

    /** Whether {@code up} or {@code no-maint} was asked: hidden servers are then counted in the backend's status. */
    boolean hidesServers() {
        return upOnly || noMaint;
    }

    boolean selects(StatRow row, ProcessView process) {
        if (bound && proxyId != -1 && row.proxyId() != proxyId) {
            return false;
        }
        if (bound && typeMask != -1 && (typeMask & row.type().maskBit()) == 0) {
            return false;
        }
        if (row.type() == ObjectType.LISTENER) {
            return !bound || serverId == -1 || row.serviceId() == serverId;
        }
        if (row.type() != ObjectType.SERVER) {
            return true;
        }
        if (bound && serverId != -1 && row.serviceId() != serverId) {
            return false;
        }
        Server server = ServerCountsInStatus.serverOf(row, process);
        if (server == null) {
            LogBackendStats.Server logServer = ServerCountsInStatus.logServerOf(row, process);
            return logServer == null || !(noMaint && logServer.admin() == AdminState.MAINT || upOnly && !logServer.inService());
        }
        if (noMaint && server.adminState() == AdminState.MAINT) {
            return false;
        }
        return !upOnly || isRunning(server);
    }

    /** Neither down nor in maintenance: HAProxy's cur_state other than stopped. */
    static boolean isRunning(Server server) {
        return server.adminState() != AdminState.MAINT && server.status().operational() != OperationalState.DOWN;
    }
}
