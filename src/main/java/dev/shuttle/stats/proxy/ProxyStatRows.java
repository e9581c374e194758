package dev.shuttle.stats.proxy;

import static dev.shuttle.stats.StatField.*;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.TrafficHealthSettings;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Listener;
import dev.shuttle.listener.ListenerStats;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.Server;
import dev.shuttle.server.Warmup;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;
import dev.shuttle.stats.TrafficCounters;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of {@code show stat} for the running proxies, in HAProxy's order: proxies by id, and
 * for each its FRONTEND row, its listeners' rows ({@code option socket-stats}), then its servers,
 * then its BACKEND row; a {@code mode log} backend's rows come from {@link LogBackendStatRows} (management.txt §9.3, "show
 * stat"). Which columns a row fills follows HAProxy 3.5 (stats-proxy.c): a column of another kind
 * of object stays empty, and so do those whose feature the object does not use (check columns
 * without {@code check}, HTTP columns in TCP mode, {@code qlimit} without {@code maxqueue}...).
 *
 * <p>Columns of features Shuttle does not have (compression, cache, HTTP/2 and HTTP/1 layer
 * counters, OCSP stapling, HTTP/3) carry 0, which is what HAProxy 3.5 prints for a proxy that does
 * not use them.
 */
public final class ProxyStatRows {
    /** The proxies' rows are built from this snapshot of the process. */
    private final List<Frontend> frontends;
    private final List<Backend> backends;
    private final List<LogBackendStats> logBackends;
    private final int processMaxconn;

    /**
     * @param logBackends    the {@code mode log} backends, which take their place among the proxies by id
     * @param processMaxconn the global {@code maxconn}: the {@code slim} of a frontend without its own
     */
    public ProxyStatRows(List<Frontend> frontends, List<Backend> backends, List<LogBackendStats> logBackends,
                         int processMaxconn) {
        this.frontends = frontends;
        this.backends = backends;
        this.logBackends = logBackends;
        this.processMaxconn = processMaxconn;
    }

    /** A process without log backends. */
    public ProxyStatRows(List<Frontend> frontends, List<Backend> backends, int processMaxconn) {
        this(frontends, backends, List.of(), processMaxconn);
    }

    /** One proxy's sides: a {@code listen} section has both; a log backend is one alone. */
    private record Proxy(int id, String name, Frontend frontend, Backend backend, LogBackendStats log) {}

    /** Every row, proxies in id order. */
    public List<StatRow> rows() {
        List<StatRow> rows = new ArrayList<>();
        for (Proxy proxy : proxies().values()) {
            if (proxy.log() != null) {
                rows.addAll(LogBackendStatRows.rows(proxy.log()));
            }
            if (proxy.frontend() != null) {
                rows.add(frontendRow(proxy.frontend()));
                for (Listener listener : proxy.frontend().listeners()) {
                    listener.stats().ifPresent(stats -> rows.add(listenerRow(proxy.frontend(), listener, stats)));
                }
            }
            if (proxy.backend() != null) {
                for (Server server : proxy.backend().servers()) {
                    rows.add(serverRow(proxy.backend(), server));
                }
                rows.add(backendRow(proxy.backend()));
            }
        }
        return rows;
    }

    private Map<Integer, Proxy> proxies() {
        Map<Integer, Proxy> byId = new TreeMap<>();
        for (Frontend frontend : frontends) {
            byId.put(frontend.config().id(), new Proxy(frontend.config().id(), frontend.name(), frontend, null, null));
        }
        for (Backend backend : backends) {
            int id = backend.config().id();
            Proxy known = byId.get(id);
            byId.put(id, new Proxy(id, backend.name(), known == null ? null : known.frontend(), backend, null));
        }
        for (LogBackendStats log : logBackends) {
            byId.put(log.id(), new Proxy(log.id(), log.name(), null, null, log));
        }
        return byId;
    }

    // FRONTEND (stats_fill_fe_line())

    StatRow frontendRow(Frontend frontend) {
        ProxyConfig config = frontend.config();
        TrafficCounters counters = frontend.counters();
        boolean http = config.mode() == ProxyMode.HTTP;
        StatRow row = new StatRow(ObjectType.FRONTEND, config.id(), 0);
        names(row, config, "FRONTEND");
        int limit = frontend.limit().max();
        row.set(SCUR, frontend.currentConnections()).set(SMAX, counters.sessionsMax())
                .set(SLIM, limit > 0 ? limit : processMaxconn).set(STOT, counters.sessions());
        bytes(row, counters);
        row.set(DREQ, counters.deniedRequests()).set(DRESP, counters.deniedResponses())
                .set(EREQ, counters.requestErrors());
        row.set(STATUS, "OPEN");
        row.set(RATE, counters.sessionRate()).set(RATE_LIM, config.sessionRateLimit())
                .set(RATE_MAX, counters.sessionRateMax());
        // A frontend's req_tot shows in TCP mode too (3.5 sums it by HTTP version before hiding
        // the HTTP columns).
        row.set(REQ_TOT, counters.requests());
        if (http) {
            responses(row, counters);
            row.set(INTERCEPTED, counters.interceptedRequests());
            row.zero(CACHE_LOOKUPS, CACHE_HITS, CACHE_HINT_HITS);
        }
        row.set(REQ_RATE, counters.requestRate()).set(REQ_RATE_MAX, counters.requestRateMax());
        row.zero(COMP_IN, COMP_OUT, COMP_BYP, COMP_RSP);
        row.set(CONN_RATE, counters.connectionRate()).set(CONN_RATE_MAX, counters.connectionRateMax())
                .set(CONN_TOT, counters.connections());
        row.set(DCON, counters.deniedConnections()).set(DSES, counters.deniedSessions())
                .set(WREW, counters.failedRewrites()).set(EINT, counters.internalErrors());
        // Sessions and requests by HTTP version: Shuttle's frontends count them together, as HTTP/1
        // in HTTP mode and as "other" in TCP mode.
        row.set(SESS_OTHER, http ? 0 : counters.sessions()).set(H1SESS, http ? counters.sessions() : 0)
                .zero(H2SESS, H3SESS);
        row.set(REQ_OTHER, 0).set(H1REQ, http ? counters.requests() : 0).zero(H2REQ, H3REQ);
        moduleZeros(row, true, true);
        return row;
    }

    // Listeners, with option socket-stats (stats_fill_li_line())

    StatRow listenerRow(Frontend frontend, Listener listener, ListenerStats stats) {
        ProxyConfig config = frontend.config();
        TrafficCounters counters = stats.counters();
        StatRow row = new StatRow(ObjectType.LISTENER, config.id(), stats.id());
        names(row, config, stats.name());
        row.set(SCUR, stats.currentConnections()).set(SMAX, counters.sessionsMax()).set(SLIM, stats.maxconn())
                .set(STOT, counters.sessions());
        bytes(row, counters);
        row.set(DREQ, counters.deniedRequests()).set(DRESP, counters.deniedResponses())
                .set(EREQ, counters.requestErrors());
        row.set(STATUS, stats.status());
        SocketAddress address = listener.endpoint().localAddress();
        row.set(ADDR, ListenerStats.addressText(address)).set(MODE, config.mode().keyword());
        row.set(CONN_TOT, counters.connections()).set(DCON, counters.deniedConnections())
                .set(DSES, counters.deniedSessions()).set(WREW, counters.failedRewrites())
                .set(EINT, counters.internalErrors());
        row.set(PROTO, ListenerStats.protocolName(address, listener.endpoint().describe()));
        for (StatField field : StatField.values()) {
            if (field.isModuleField() && field.column().startsWith("ssl_")) {
                row.set(field, 0); // the TLS layer's columns: Shuttle keeps none of these counters yet
            }
        }
        return row;
    }

    // Servers (stats_fill_sv_line())

    StatRow serverRow(Backend backend, Server server) {
        ProxyConfig config = backend.config();
        TrafficCounters counters = server.counters();
        boolean http = config.mode() == ProxyMode.HTTP;
        boolean checked = server.checkControl().healthEnabled();
        Server reference = tracked(server);
        StatRow row = new StatRow(ObjectType.SERVER, config.id(), server.id());
        names(row, config, server.name());
        row.set(QCUR, server.queued()).set(QMAX, counters.queueMax());
        row.set(SCUR, server.currentConnections()).set(SMAX, counters.sessionsMax());
        if (server.maxconn() > 0) {
            row.set(SLIM, server.maxconn());
        }
        row.set(STOT, counters.sessions());
        bytes(row, counters);
        row.set(DRESP, counters.deniedResponses()).set(ECON, counters.connectionErrors())
                .set(ERESP, counters.responseErrors()).set(WRETR, counters.retries())
                .set(WREDIS, counters.redispatches());
        row.set(STATUS, ServerStatusText.of(server, reference));
        // HAProxy's cur_eweight: the weight, scaled during a slowstart ramp, kept while down, 0 in drain.
        long weight = server.adminState() == AdminState.DRAIN ? 0
                : (server.balancingWeight() + Warmup.SCALE - 1) / Warmup.SCALE;
        row.set(WEIGHT, weight).set(UWEIGHT, server.weight());
        row.set(ACT, server.isBackup() ? 0 : 1).set(BCK, server.isBackup() ? 1 : 0);
        HistoryColumns.server(row, server, checked);
        if (server.maxqueue() > 0) {
            row.set(QLIMIT, server.maxqueue());
        }
        if (server.warmup().isRamping() && server.adminState() != AdminState.DRAIN) {
            row.set(THROTTLE, server.warmup().throttlePercent());
        }
        row.set(LBTOT, counters.balancedChoices());
        server.config().check().track().ifPresent(track ->
                row.set(TRACKED, reference == server ? track : reference.qualifiedName()));
        row.set(RATE, counters.sessionRate()).set(RATE_MAX, counters.sessionRateMax());
        if (http) {
            responses(row, counters);
            row.set(REQ_TOT, counters.requests());
        }
        if (reference.config().check().trafficHealth().mode() != TrafficHealthSettings.Mode.NONE) {
            row.set(HANAFAIL, 0);
        }
        row.set(CLI_ABRT, counters.clientAborts()).set(SRV_ABRT, counters.serverAborts());
        row.set(LASTSESS, counters.secondsSinceLastSession());
        times(row, counters, http ? counters.requests() : counters.balancedChoices());
        CheckColumns.fill(row, server);
        row.set(ADDR, ServerAddresses.text(server));
        server.cookie().ifPresent(cookie -> row.set(COOKIE, cookie));
        row.set(MODE, config.mode().keyword());
        row.set(WREW, counters.failedRewrites()).set(CONNECT, counters.connectAttempts())
                .set(REUSE, counters.reuses()).set(EINT, counters.internalErrors());
        var pool = server.idleConnections().counts();
        row.set(SRV_ICUR, pool.idle() + pool.safe());
        if (server.config().pooling().maxIdle() >= 0) {
            row.set(SRC_ILIM, server.config().pooling().maxIdle());
        }
        row.set(IDLE_CONN_CUR, pool.idle()).set(SAFE_CONN_CUR, pool.safe()).set(USED_CONN_CUR, pool.used())
                .set(NEED_CONN_EST, pool.estimatedNeed());
        row.set(SRID, 0).set(PRIV_IDLE_CUR, server.idleConnections().privateIdle());
        moduleZeros(row, false, false);
        return row;
    }

    /** The server whose checks decide {@code server}'s state: the end of its {@code track} chain, or itself. */
    private Server tracked(Server server) {
        Server reference = server;
        for (int hops = 0; hops < 16; hops++) {
            var track = reference.config().check().track();
            if (track.isEmpty()) {
                return reference;
            }
            Server next = find(track.get(), reference);
            if (next == null) {
                return reference;
            }
            reference = next;
        }
        return reference;
    }

    /** {@code [<backend>/]<server>}, the backend being {@code from}'s own when not named. */
    private Server find(String name, Server from) {
        int slash = name.indexOf('/');
        String backendName = slash < 0 ? from.qualifiedName().substring(0, from.qualifiedName().lastIndexOf('/'))
                : name.substring(0, slash);
        String serverName = slash < 0 ? name : name.substring(slash + 1);
        for (Backend backend : backends) {
            if (backend.name().equals(backendName)) {
                return backend.server(serverName).orElse(null);
            }
        }
        return null;
    }

    // BACKEND (stats_fill_be_line())

    StatRow backendRow(Backend backend) {
        ProxyConfig config = backend.config();
        TrafficCounters counters = backend.counters();
        boolean http = config.mode() == ProxyMode.HTTP;
        StatRow row = new StatRow(ObjectType.BACKEND, config.id(), 0);
        names(row, config, "BACKEND");
        row.set(QCUR, backend.queuedForAnyServer()).set(QMAX, counters.queueMax());
        row.set(SCUR, backend.currentConnections()).set(SMAX, counters.sessionsMax())
                .set(SLIM, Math.max(config.fullconn(), 1)).set(STOT, counters.sessions());
        bytes(row, counters);
        row.set(DREQ, counters.deniedRequests()).set(DRESP, counters.deniedResponses())
                .set(ECON, counters.connectionErrors()).set(ERESP, counters.responseErrors())
                .set(WRETR, counters.retries()).set(WREDIS, counters.redispatches());
        BackendWeights weights = BackendWeights.of(backend);
        // An unpublished backend says so after its state, as 3.5 writes it.
        row.set(STATUS, (weights.weight() > 0 || backend.servers().isEmpty() ? "UP" : "DOWN")
                + (backend.isPublished() ? "" : " (UNPUB)"));
        row.set(WEIGHT, weights.weight()).set(UWEIGHT, weights.userWeight())
                .set(ACT, weights.active()).set(BCK, weights.backup());
        HistoryColumns.backend(row, backend);
        row.set(LBTOT, counters.balancedChoices());
        row.set(RATE, counters.sessionRate()).set(RATE_MAX, counters.sessionRateMax());
        if (http) {
            responses(row, counters);
            row.set(REQ_TOT, counters.requests());
            row.zero(CACHE_LOOKUPS, CACHE_HITS, CACHE_HINT_HITS);
        }
        row.set(CLI_ABRT, counters.clientAborts()).set(SRV_ABRT, counters.serverAborts());
        row.zero(COMP_IN, COMP_OUT, COMP_BYP, COMP_RSP);
        row.set(LASTSESS, counters.secondsSinceLastSession());
        times(row, counters, http ? counters.requests() : counters.balancedChoices());
        config.http().cookie().ifPresent(cookie -> row.set(COOKIE, cookie.name()));
        // 3.5 names the algorithm of a backend without "balance" (random) "unknown" (checked live).
        row.set(MODE, config.mode().keyword())
                .set(ALGO, config.balancing().given() ? config.balance().keyword() : "unknown");
        row.set(WREW, counters.failedRewrites()).set(CONNECT, counters.connectAttempts())
                .set(REUSE, counters.reuses()).set(EINT, counters.internalErrors());
        row.zero(AGG_SERVER_STATUS, AGG_SERVER_CHECK_STATUS, AGG_CHECK_STATUS);
        moduleZeros(row, true, true);
        return row;
    }

    // Shared pieces

    private static void names(StatRow row, ProxyConfig config, String service) {
        row.set(PXNAME, config.name()).set(SVNAME, service);
        row.set(PID, 1).set(IID, config.id()).set(SID, row.serviceId()).set(TYPE, row.type().number());
        if (row.type() == ObjectType.FRONTEND) {
            row.set(MODE, config.mode().keyword());
        }
    }

    /**
     * The byte columns, as HAProxy 3.5 counts them (in its internal HTX sizes, like the logs'
     * {@code %U} and {@code %B}): {@code bin}/{@code reqbin} the request bytes received from
     * clients, {@code reqbout} those forwarded to servers, {@code bout}/{@code resbin} the response
     * bytes received from servers. {@code resbout} should add the replies the proxy generated
     * itself (error pages, deny, return); Shuttle counts the forwarded responses only.
     */
    static void bytes(StatRow row, TrafficCounters counters) {
        row.set(BIN, counters.bytesIn()).set(BOUT, counters.bytesOut());
        row.set(REQBIN, counters.bytesIn()).set(REQBOUT, counters.bytesToServer())
                .set(RESBIN, counters.bytesOut()).set(RESBOUT, counters.bytesOut());
    }

    private static void responses(StatRow row, TrafficCounters counters) {
        row.set(HRSP_1XX, counters.responses(1)).set(HRSP_2XX, counters.responses(2))
                .set(HRSP_3XX, counters.responses(3)).set(HRSP_4XX, counters.responses(4))
                .set(HRSP_5XX, counters.responses(5)).set(HRSP_OTHER, counters.responses(0));
    }

    private static void times(StatRow row, TrafficCounters counters, long samples) {
        row.set(QTIME, counters.queueTime().average(samples)).set(CTIME, counters.connectTime().average(samples))
                .set(RTIME, counters.responseTime().average(samples)).set(TTIME, counters.totalTime().average(samples));
        row.set(QTIME_MAX, counters.queueTime().max()).set(CTIME_MAX, counters.connectTime().max())
                .set(RTIME_MAX, counters.responseTime().max()).set(TTIME_MAX, counters.totalTime().max());
    }

    /**
     * The protocol layers' columns after the {@code -}: HTTP/2 and HTTP/1 (frontends and backends),
     * TLS (every row but a listener's is filled here). Shuttle keeps none of these counters yet.
     */
    static void moduleZeros(StatRow row, boolean http2, boolean http1) {
        for (StatField field : StatField.values()) {
            if (!field.isModuleField()) {
                continue;
            }
            String column = field.column();
            boolean wanted = column.startsWith("ssl_") || http2 && column.startsWith("h2_")
                    || http1 && column.startsWith("h1_");
            if (wanted) {
                row.set(field, 0);
            }
        }
    }
}
