package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ConnectionPooling;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.net.Address;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.PoolCounts;
import dev.shuttle.server.Server;
import java.net.InetSocketAddress;
import java.util.List;

/** The runtime API commands about servers (management.txt §9.3, "show servers ..."). */
final class ServerCommands {
    private static final String CONN_HEADER = "# bkname/svname bkid/svid addr port - purge_delay served used_cur"
            + " used_max need_est idle_sess unsafe_nb safe_nb idle_lim idle_cur idle_per_thr[1]\n";

    private ServerCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "servers", "conn"), "show servers conn [<backend>]",
                "dump server connections status (all or for a single backend)", CliLevel.USER,
                (args, session, out) -> showConnections(args, process, out)));
    }

    /**
     * {@code show servers conn}: HAProxy 3.5's columns (management.txt, "show servers conn"). Shuttle's
     * idle pool of a server is shared by all threads, so the per-thread column is one column holding
     * the whole pool; {@code served} is the requests in flight, {@code used_cur} excludes the
     * connections client sessions keep private, which {@code idle_sess} counts while they are idle;
     * {@code unsafe_nb} is the idle list (connections that carried one exchange), {@code safe_nb} the
     * safe list.
     */
    private static void showConnections(List<String> args, ProcessView process, StringBuilder out)
            throws CliException {
        List<ListedBackend> listed = args.isEmpty() ? ListedBackend.all(process)
                : ListedBackend.named(args.getFirst(), process);
        if (listed.isEmpty() && !args.isEmpty()) {
            throw new CliException("Can't find backend.");
        }
        out.append(CONN_HEADER);
        for (ListedBackend entry : listed) {
            if (entry.log() != null) {
                entry.log().servers().forEach(server -> logServer(entry.log(), server, out));
                continue;
            }
            Backend backend = entry.traffic();
            for (Server server : backend.servers()) {
                PoolCounts counts = server.idleConnections().counts();
                out.append(backend.name()).append('/').append(server.name()).append(' ')
                        .append(backend.config().id()).append('/').append(server.config().id()).append(' ')
                        .append(addressAndPort(server.address())).append(" - ")
                        .append(server.config().pooling().purgeDelayMillis()).append(' ')
                        .append(server.currentConnections()).append(' ')
                        .append(counts.used()).append(' ')
                        .append(counts.peakUsed()).append(' ')
                        .append(counts.estimatedNeed()).append(' ')
                        .append(server.idleConnections().privateIdle()).append(' ')
                        .append(counts.idle()).append(' ')
                        .append(counts.safe()).append(' ')
                        .append(server.idleConnections().maxWaiting()).append(' ')
                        .append(counts.waiting());
                // HAProxy has no per-thread lists, hence no last column, for a server that pools nothing.
                if (server.idleConnections().maxWaiting() != 0) {
                    out.append(' ').append(counts.waiting());
                }
                out.append('\n');
            }
        }
    }

    /**
     * A {@code mode log} backend's server, as 3.5 lists it: no pool (the default purge delay, no
     * idle limit, the per-thread column), and once its check ran, the check's connection counted
     * in {@code used_max} and {@code need_est}.
     */
    private static void logServer(LogBackendStats backend, LogBackendStats.Server server, StringBuilder out) {
        InetSocketAddress address = server.address();
        int checkConnection = server.checked() && !server.report().status().isEmpty() ? 1 : 0;
        out.append(backend.name()).append('/').append(server.name()).append(' ')
                .append(backend.id()).append('/').append(server.id()).append(' ')
                .append(address.getAddress().getHostAddress()).append(' ').append(address.getPort()).append(" - ")
                .append(ConnectionPooling.DEFAULTS.purgeDelayMillis()).append(" 0 0 ").append(checkConnection).append(' ')
                .append(checkConnection).append(" 0 0 0 -1 0 0\n");
    }

    private static String addressAndPort(Address address) {
        return switch (address) {
            case Address.Inet inet -> (inet.host().isEmpty() ? "0.0.0.0" : inet.host()) + " "
                    + (inet.portOffset() ? "+" + inet.portLow() : String.valueOf(inet.portLow()));
            default -> address + " 0";
        };
    }
}
