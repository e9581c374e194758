package dev.shuttle.server;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.stats.TrafficCounters;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the stats show of a {@code mode log} backend at one instant (HAProxy 3.5 gives it the rows
 * of any backend, mode {@code syslog}: management.txt §9.1): its proxy id, name and {@code balance},
 * its own up/down history, and each server's configuration, health and history. A log backend
 * counts no traffic: HAProxy 3.5 leaves its traffic counters at 0, unless the stats-file preloaded
 * them (management.txt §9.5), so the backend and each server have counters that only the
 * stats-file and {@code clear counters all} change.
 *
 * @param id       its proxy id (configuration order, numbered with the other proxies)
 * @param history  when no server was left in service, and for how long
 * @param servers  in declaration order
 * @param guid     its {@code guid}, empty for none: the name of its stats-file line
 * @param counters its traffic counters (live, thread-safe): 0 but for what the stats-file preloaded
 */
public record LogBackendStats(int id, String name, LogBackendConfig.Balance balance, History history,
                              List<Server> servers, String guid, TrafficCounters counters) {
    public LogBackendStats {
        servers = List.copyOf(servers);
    }

    /** A backend without a guid, its counters at 0. */
    public LogBackendStats(int id, String name, LogBackendConfig.Balance balance, History history,
                           List<Server> servers) {
        this(id, name, balance, history, servers, "", new TrafficCounters());
    }

    /**
     * The up/down history of a server or of the backend.
     *
     * @param downTransitions        how many times it went down ({@code chkdown})
     * @param secondsSinceLastChange since its state last changed, or since the start ({@code lastchg})
     * @param downtimeSeconds        the time it spent down ({@code downtime})
     */
    public record History(long downTransitions, long secondsSinceLastChange, long downtimeSeconds) {}

    /**
     * One server's state.
     *
     * @param id            1 for the first server of the backend, and so on
     * @param config        its {@code server} line
     * @param up            false once its check took it down
     * @param report        its last check's result; {@link CheckReport#NONE} before the first or unchecked
     * @param checkFailures failed checks counted as HAProxy's {@code chkfail}
     * @param admin         its admin state now: from {@code disabled}, then the runtime API's
     * @param weight        its weight now: the configured one until the runtime API sets another
     * @param address       where its lines go now: the configured address until {@code set server addr}
     * @param stopping      {@code set server health stopping} put it out of the balancing, still running
     * @param checkEnabled  its check runs ({@code check}, and no {@code disable health} since)
     * @param maxconn       from {@code set maxconn server}, 0 until then (a log line is no connection: it limits nothing)
     * @param counters      its traffic counters (live, thread-safe): 0 but for what the stats-file preloaded
     * @param name          its name now: the configured one until {@code set server name} (the runtime
     *                      API names it so; the process knows it by its configured name)
     * @param checkTarget   where its check goes now: the configured {@code addr}/{@code port} until
     *                      {@code set server check-addr|check-port}
     */
    public record Server(int id, LogBackendConfig.Server config, boolean up, CheckReport report, long checkFailures,
                         History history, AdminState admin, int weight, InetSocketAddress address, boolean stopping,
                         boolean checkEnabled, long maxconn, TrafficCounters counters, String name,
                         CheckControl.Target checkTarget) {
        /** At its configured address, neither stopping nor with its check disabled. */
        public Server(int id, LogBackendConfig.Server config, boolean up, CheckReport report, long checkFailures,
                      History history, AdminState admin, int weight) {
            this(id, config, up, report, checkFailures, history, admin, weight, config.address(), false,
                    config.check().enabled(), 0, new TrafficCounters(), config.name(),
                    new CheckControl.Target(config.check().address(), config.check().port()));
        }

        /** As configured: in maintenance when {@code disabled}, at its configured weight. */
        public Server(int id, LogBackendConfig.Server config, boolean up, CheckReport report, long checkFailures,
                      History history) {
            this(id, config, up, report, checkFailures, history,
                    config.usable() ? AdminState.READY : AdminState.MAINT, config.weight());
        }

        /** Whether a check runs on it ({@code check} on its line). */
        public boolean checked() {
            return config.check().enabled();
        }

        /** Taking messages: ready (neither in maintenance nor draining), up, and of a weight above 0 (3.5's usable server). */
        public boolean inService() {
            return admin == AdminState.READY && up && !stopping && weight > 0;
        }

        /** Running for the state columns: up and not in maintenance (a draining server runs). */
        public boolean running() {
            return admin != AdminState.MAINT && up;
        }
    }

    /** The servers in service that are not backups, or the backups when none is: those that get the messages. */
    public List<Server> serving() {
        List<Server> active = servers.stream().filter(s -> s.inService() && !s.config().backup()).toList();
        return !active.isEmpty() ? active : servers.stream().filter(s -> s.inService() && s.config().backup()).toList();
    }
}
