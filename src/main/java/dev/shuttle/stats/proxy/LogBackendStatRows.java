package dev.shuttle.stats.proxy;

import static dev.shuttle.stats.StatField.*;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatRow;
import dev.shuttle.stats.TrafficCounters;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code show stat} rows of a {@code mode log} backend, as HAProxy 3.5 fills them (checked
 * live: stats-proxy.c treats it as a backend of mode {@code syslog}): a row per server, then its
 * BACKEND row. They carry no traffic: the columns of the counters a TCP backend's rows show are 0
 * unless the stats-file preloaded them (3.5 shows what it loaded), {@code lastsess} -1 (never), the BACKEND's {@code slim} 1 (its {@code fullconn}, never computed
 * for a log backend); its {@code algo} is {@code roundrobin} for that algorithm and "unknown" for
 * the log-only ones ({@code random}, {@code sticky}, {@code log-hash}), which 3.5's list of names
 * does not know. A checked server shows its check columns, its status from its health counter.
 */
public final class LogBackendStatRows {
    private static final String SYSLOG_MODE = "syslog";

    private LogBackendStatRows() {}

    /** Its servers' rows, then its BACKEND row. */
    public static List<StatRow> rows(LogBackendStats backend) {
        List<StatRow> rows = new ArrayList<>();
        for (LogBackendStats.Server server : backend.servers()) {
            rows.add(serverRow(backend, server));
        }
        rows.add(backendRow(backend));
        return rows;
    }

    static StatRow serverRow(LogBackendStats backend, LogBackendStats.Server server) {
        LogBackendConfig.Server config = server.config();
        StatRow row = new StatRow(ObjectType.SERVER, backend.id(), server.id());
        names(row, backend, server.name());
        row.zero(QCUR, QMAX, SCUR, SMAX);
        TrafficCounters counters = server.counters();
        traffic(row, counters);
        row.set(STATUS, status(server));
        if (server.maxconn() > 0) {
            row.set(SLIM, server.maxconn()); // "set maxconn server": 3.5 shows it, though it limits no line
        }
        row.set(WEIGHT, server.weight()).set(UWEIGHT, server.weight());
        row.set(ACT, config.backup() ? 0 : 1).set(BCK, config.backup() ? 1 : 0);
        // A server in maintenance has its check paused: no check columns (stats-proxy.c hides them).
        boolean checkShown = server.checked() && server.admin() != AdminState.MAINT;
        if (server.checked()) {
            row.set(CHKFAIL, server.checkFailures()).set(CHKDOWN, server.history().downTransitions());
        }
        row.set(LASTCHG, server.history().secondsSinceLastChange());
        if (server.checked()) {
            row.set(DOWNTIME, server.history().downtimeSeconds());
        }
        row.set(LASTSESS, -1);
        if (checkShown) {
            CheckColumns.fill(row, server.report(), rise(server), fall(server), server.report().health());
        }
        row.set(ADDR, address(server.address())).set(MODE, SYSLOG_MODE);
        row.zero(QTIME, CTIME, RTIME, TTIME, QTIME_MAX, CTIME_MAX, RTIME_MAX, TTIME_MAX);
        row.zero(SRV_ICUR, IDLE_CONN_CUR, SAFE_CONN_CUR, USED_CONN_CUR);
        // 3.5 counts its check's connection in the server's estimate once a check ran.
        row.set(NEED_CONN_EST, checkShown && !server.report().status().isEmpty() ? 1 : 0);
        row.zero(SRID, PRIV_IDLE_CUR);
        ProxyStatRows.moduleZeros(row, false, false);
        return row;
    }

    static StatRow backendRow(LogBackendStats backend) {
        StatRow row = new StatRow(ObjectType.BACKEND, backend.id(), 0);
        names(row, backend, "BACKEND");
        row.zero(QCUR, QMAX, SCUR, SMAX).set(SLIM, 1);
        traffic(row, backend.counters());
        row.set(DREQ, backend.counters().deniedRequests());
        List<LogBackendStats.Server> serving = backend.serving();
        int weight = serving.stream().mapToInt(LogBackendStats.Server::weight).sum();
        row.set(STATUS, weight > 0 || backend.servers().isEmpty() ? "UP" : "DOWN");
        long active = backend.servers().stream().filter(s -> s.inService() && !s.config().backup()).count();
        long backups = backend.servers().stream().filter(s -> s.inService() && s.config().backup()).count();
        row.set(WEIGHT, weight).set(UWEIGHT, weight).set(ACT, active).set(BCK, backups);
        LogBackendStats.History history = backend.history();
        row.set(CHKDOWN, history.downTransitions()).set(LASTCHG, history.secondsSinceLastChange());
        if (!backend.servers().isEmpty()) {
            row.set(DOWNTIME, history.downtimeSeconds());
        }
        row.zero(COMP_IN, COMP_OUT, COMP_BYP, COMP_RSP);
        row.set(LASTSESS, -1);
        row.zero(QTIME, CTIME, RTIME, TTIME, QTIME_MAX, CTIME_MAX, RTIME_MAX, TTIME_MAX);
        row.set(MODE, SYSLOG_MODE).set(ALGO, backend.balance() == LogBackendConfig.Balance.ROUNDROBIN ? "roundrobin" : "unknown");
        row.zero(AGG_SERVER_STATUS, AGG_SERVER_CHECK_STATUS, AGG_CHECK_STATUS);
        ProxyStatRows.moduleZeros(row, true, true);
        return row;
    }

    /**
     * The traffic columns a server's and a backend's rows share, from their counters: 0 but for
     * what the stats-file preloaded ({@code lastsess} stays -1: ages are not preloaded).
     */
    private static void traffic(StatRow row, TrafficCounters counters) {
        row.set(STOT, counters.sessions());
        ProxyStatRows.bytes(row, counters);
        row.set(DRESP, counters.deniedResponses()).set(ECON, counters.connectionErrors())
                .set(ERESP, counters.responseErrors()).set(WRETR, counters.retries())
                .set(WREDIS, counters.redispatches());
        row.set(LBTOT, counters.balancedChoices());
        row.set(RATE, counters.sessionRate()).set(RATE_MAX, counters.sessionRateMax());
        row.set(CLI_ABRT, counters.clientAborts()).set(SRV_ABRT, counters.serverAborts());
        row.set(WREW, counters.failedRewrites()).set(CONNECT, counters.connectAttempts())
                .set(REUSE, counters.reuses()).set(EINT, counters.internalErrors());
    }

    /**
     * The {@code status} column: {@code MAINT} for a server in maintenance ({@code disabled}, or
     * the runtime API's), "DRAIN" for a draining one ("DRAIN 1/3" on the way down), "no check" for an
     * unchecked one, else from the health counter as HAProxy words it (stats_fill_sv_computestate()):
     * "UP", "DOWN", or on the way, "UP &lt;health - rise + 1&gt;/&lt;fall&gt;" (negative before the
     * counter reaches {@code rise}: 3.5 prints "UP -1/3" for a server whose first check has not
     * completed) and "DOWN &lt;health&gt;/&lt;rise&gt;".
     */
    static String status(LogBackendStats.Server server) {
        if (server.admin() == AdminState.MAINT) {
            return "MAINT";
        }
        boolean draining = server.admin() == AdminState.DRAIN;
        if (!server.checked()) {
            return !server.up() ? "DOWN" : draining ? "DRAIN" : server.stopping() ? "NOLB" : "no check";
        }
        int rise = rise(server);
        int fall = fall(server);
        int health = server.report().health();
        if (server.up()) {
            String word = draining ? "DRAIN" : server.stopping() ? "NOLB" : "UP";
            return health == rise + fall - 1 ? word : word + " " + (health - rise + 1) + "/" + fall;
        }
        return health == 0 ? "DOWN" : "DOWN " + health + "/" + rise;
    }

    private static int rise(LogBackendStats.Server server) {
        return server.report().rise() > 0 ? server.report().rise() : server.config().check().rise();
    }

    private static int fall(LogBackendStats.Server server) {
        return server.report().fall() > 0 ? server.report().fall() : server.config().check().fall();
    }

    private static String address(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void names(StatRow row, LogBackendStats backend, String service) {
        row.set(PXNAME, backend.name()).set(SVNAME, service);
        row.set(PID, 1).set(IID, backend.id()).set(SID, row.serviceId()).set(TYPE, row.type().number());
    }
}
