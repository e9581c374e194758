package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.net.Address;
import dev.shuttle.server.PoolCounts;
import dev.shuttle.server.Server;
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
        List<Backend> backends = args.isEmpty() ? process.backends()
                : process.backends().stream().filter(b -> names(b, args.getFirst())).toList();
        if (backends.isEmpty() && !args.isEmpty()) {
            throw new CliException("Can't find backend.");
        }
        out.append(CONN_HEADER);
        for (Backend backend : backends) {
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

    /** A backend is named by its name or by {@code #<id>}, as HAProxy's CLI does. */
    private static boolean names(Backend backend, String word) {
        return word.equals(backend.name()) || word.equals("#" + backend.config().id());
    }

    private static String addressAndPort(Address address) {
        return switch (address) {
            case Address.Inet inet -> (inet.host().isEmpty() ? "0.0.0.0" : inet.host()) + " "
                    + (inet.portOffset() ? "+" + inet.portLow() : String.valueOf(inet.portLow()));
            default -> address + " 0";
        };
    }
}
