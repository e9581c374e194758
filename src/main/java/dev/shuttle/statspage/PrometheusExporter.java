package dev.shuttle.statspage;

import dev.shuttle.stats.InfoField;
import dev.shuttle.stats.ObjectType;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;
import dev.shuttle.version.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Prometheus text exposition (version 0.0.4) of {@code http-request use-service
 * prometheus-exporter} (addons/promex/README): the process's metrics ({@code haproxy_process_*}),
 * then every frontend's, backend's and server's, one family per metric with its HELP and TYPE lines
 * and one sample per object labelled {@code proxy} (and {@code server}). The stats columns give the
 * names ({@link StatField#metricName()}, HAProxy's); the status columns become one sample per
 * {@code state} label, the {@code hrsp_*} columns one family with a {@code code} label, and an empty
 * cell is {@code NaN} as in HAProxy.
 */
final class PrometheusExporter {
    private static final String[] FRONTEND_STATES = {"DOWN", "UP"};
    private static final String[] SERVER_STATES = {"DOWN", "UP", "MAINT", "DRAIN", "NOLB"};
    private static final StatField[] RESPONSE_CODES = {StatField.HRSP_1XX, StatField.HRSP_2XX, StatField.HRSP_3XX,
        StatField.HRSP_4XX, StatField.HRSP_5XX, StatField.HRSP_OTHER};
    /** The check results a backend's {@code agg_check_status} counts its servers by (3.5's order). */
    private static final String[] CHECK_STATES = {"HANA", "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK", "L6TOUT",
        "L6RSP", "L7TOUT", "L7RSP", "L7OK", "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK"};
    private static final String[] CODE_LABELS = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
    /** Columns in milliseconds that the exporter gives in seconds (their names end in {@code _seconds}). */
    private static final Set<StatField> MILLISECONDS = EnumSet.of(StatField.QTIME, StatField.CTIME, StatField.RTIME,
            StatField.TTIME, StatField.QTIME_MAX, StatField.CTIME_MAX, StatField.RTIME_MAX, StatField.TTIME_MAX,
            StatField.CHECK_DURATION, StatField.AGENT_DURATION);
    /**
     * Columns a server has only with its checks (or agent): servers without leave no sample, as in
     * promex; {@code check_code} has one for every checked server (0 without a layer-7 code).
     */
    private static final Set<StatField> CHECKED_ONLY = EnumSet.of(StatField.CHECK_CODE, StatField.CHECK_DURATION,
            StatField.AGENT_CODE, StatField.AGENT_DURATION);

    private final PageProcess process;

    PrometheusExporter(PageProcess process) {
        this.process = process;
    }

    String scrape(List<StatRow> rows, ExporterQuery query) {
        StringBuilder out = new StringBuilder(32768);
        if (query.scopes().contains(ExporterQuery.Scope.GLOBAL)) {
            processMetrics(out);
        }
        List<StatRow> servers = rows.stream().filter(r -> r.type() == ObjectType.SERVER
                && !(query.noMaint() && r.text(StatField.STATUS).startsWith("MAINT"))).toList();
        if (query.scopes().contains(ExporterQuery.Scope.FRONTEND)) {
            objects(out, ObjectType.FRONTEND, rows.stream().filter(r -> r.type() == ObjectType.FRONTEND).toList(), servers);
        }
        if (query.scopes().contains(ExporterQuery.Scope.BACKEND)) {
            objects(out, ObjectType.BACKEND, rows.stream().filter(r -> r.type() == ObjectType.BACKEND).toList(), servers);
        }
        if (query.scopes().contains(ExporterQuery.Scope.SERVER)) {
            objects(out, ObjectType.SERVER, servers, servers);
        }
        return out.toString();
    }

    /** The process metrics Shuttle knows the value of (the others of {@code show info} are left out). */
    private void processMetrics(StringBuilder out) {
        long uptime = Duration.between(process.startTime(), Instant.now()).toSeconds();
        gauge(out, InfoField.NBTHREAD, process.threads());
        gauge(out, InfoField.NBPROC, 1);
        gauge(out, InfoField.PROCESS_NUM, 1);
        gauge(out, InfoField.UPTIME_SEC, uptime);
        gauge(out, InfoField.MAXCONN, process.maxconn());
        gauge(out, InfoField.CURRCONNS, process.currentConnections());
        gauge(out, InfoField.CUMCONNS, process.cumulativeConnections());
        family(out, "haproxy_process_" + InfoField.NODE.metricName().orElseThrow(), InfoField.NODE.description(), "gauge");
        out.append("haproxy_process_node{node=\"").append(label(process.nodeName())).append("\"} 1\n");
        family(out, "haproxy_process_" + InfoField.BUILD_INFO.metricName().orElseThrow(),
                InfoField.BUILD_INFO.description(), "gauge");
        out.append("haproxy_process_build_info{version=\"").append(label(Version.SHUTTLE)).append("\"} 1\n");
        gauge(out, InfoField.START_TIME_SEC, process.startTime().getEpochSecond());
    }

    private static void gauge(StringBuilder out, InfoField field, long value) {
        String name = "haproxy_process_" + field.metricName().orElseThrow();
        family(out, name, field.description(), field.tags().nature().equals("Counter") ? "counter" : "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void objects(StringBuilder out, ObjectType type, List<StatRow> rows, List<StatRow> servers) {
        if (rows.isEmpty()) {
            return;
        }
        String prefix = "haproxy_" + type.jsonName().toLowerCase(Locale.ROOT) + "_";
        for (StatField field : StatField.values()) {
            if (field.metricName().isEmpty() || !field.isCarriedBy(type) || field.isModuleField()) {
                continue;
            }
            if (type == ObjectType.BACKEND && field == StatField.INTERCEPTED) {
                continue; // promex exports a frontend's intercepted requests only
            }
            String name = prefix + metricName(field, type);
            if (field == StatField.HRSP_1XX) {
                responses(out, name, field, type, rows);
                continue;
            }
            if (isResponseCode(field)) {
                continue; // in the http_responses_total family, written with hrsp_1xx
            }
            if (field == StatField.STATUS || field == StatField.AGG_SERVER_STATUS
                    || field == StatField.AGG_SERVER_CHECK_STATUS) {
                states(out, name, field, type, rows, servers);
                continue;
            }
            if (field == StatField.AGG_CHECK_STATUS) {
                checkStates(out, name, field, rows, servers);
                continue;
            }
            if (field == StatField.CHECK_STATUS && type == ObjectType.SERVER) {
                serverCheckStates(out, name, field, rows);
                continue;
            }
            if (field.type() == dev.shuttle.stats.FieldType.STR) {
                continue; // text columns other than states have no sample
            }
            boolean httpOnly = name.startsWith(prefix + "http_") || field == StatField.INTERCEPTED;
            List<StatRow> sampled = rows.stream()
                    .filter(r -> !CHECKED_ONLY.contains(field) || r.has(field) && !r.text(field).isEmpty()
                            || field == StatField.CHECK_CODE && !r.text(StatField.CHECK_STATUS).isEmpty())
                    .filter(r -> !httpOnly || r.text(StatField.MODE).equals("http"))
                    .toList();
            if (sampled.isEmpty()) {
                continue;
            }
            family(out, name, field.description(), kind(field, type));
            for (StatRow row : sampled) {
                out.append(name).append(labels(row)).append(' ').append(value(row, field)).append('\n');
            }
        }
    }

    private static boolean isResponseCode(StatField field) {
        for (StatField code : RESPONSE_CODES) {
            if (code == field) {
                return true;
            }
        }
        return false;
    }

    /** {@code http_responses_total}: a sample per code, for HTTP proxies only. */
    private static void responses(StringBuilder out, String name, StatField first, ObjectType type, List<StatRow> rows) {
        List<StatRow> http = rows.stream().filter(r -> r.has(StatField.HRSP_1XX)).toList();
        if (http.isEmpty()) {
            return;
        }
        family(out, name, first.description(), "counter");
        for (int i = 0; i < RESPONSE_CODES.length; i++) {
            for (StatRow row : http) {
                String labels = labels(row);
                out.append(name).append(labels, 0, labels.length() - 1).append(",code=\"").append(CODE_LABELS[i])
                        .append("\"} ").append(value(row, RESPONSE_CODES[i])).append('\n');
            }
        }
    }

    /** A status column: one sample per state, 1 for the object's own (for a backend's aggregates, the count of its servers in it). */
    private static void states(StringBuilder out, String name, StatField field, ObjectType type, List<StatRow> rows,
                               List<StatRow> servers) {
        String[] states = type == ObjectType.SERVER || field != StatField.STATUS ? SERVER_STATES : FRONTEND_STATES;
        family(out, name, field.description(), "gauge");
        for (StatRow row : rows) {
            String labels = labels(row);
            String own = state(row.text(StatField.STATUS));
            for (String state : states) {
                long value = field == StatField.STATUS ? (state.equals(own) ? 1 : 0) : servers.stream()
                        .filter(s -> s.proxyId() == row.proxyId() && state(s.text(StatField.STATUS)).equals(state))
                        .count();
                out.append(name).append(labels, 0, labels.length() - 1).append(",state=\"").append(state)
                        .append("\"} ").append(value).append('\n');
            }
        }
    }

    /**
     * {@code check_status} of a server: one sample per check result, 1 for its last check's (the
     * "* " of a check under way is not part of it); servers without checks leave no sample, as in
     * promex.
     */
    private static void serverCheckStates(StringBuilder out, String name, StatField field, List<StatRow> rows) {
        List<StatRow> checked = rows.stream().filter(r -> r.has(field) && !r.text(field).isEmpty()).toList();
        if (checked.isEmpty()) {
            return;
        }
        family(out, name, field.description(), "gauge");
        for (StatRow row : checked) {
            String labels = labels(row);
            String own = row.text(field).replace("* ", "");
            for (String state : CHECK_STATES) {
                out.append(name).append(labels, 0, labels.length() - 1).append(",state=\"").append(state)
                        .append("\"} ").append(state.equals(own) ? 1 : 0).append('\n');
            }
        }
    }

    /** {@code agg_check_status}: a backend's servers counted by their last check's result. */
    private static void checkStates(StringBuilder out, String name, StatField field, List<StatRow> rows,
                                    List<StatRow> servers) {
        family(out, name, field.description(), "gauge");
        for (StatRow row : rows) {
            String labels = labels(row);
            for (String state : CHECK_STATES) {
                long count = servers.stream().filter(s -> s.proxyId() == row.proxyId()
                        && s.text(StatField.CHECK_STATUS).replace("* ", "").equals(state)).count();
                out.append(name).append(labels, 0, labels.length() - 1).append(",state=\"").append(state)
                        .append("\"} ").append(count).append('\n');
            }
        }
    }

    /** The state label of a status text: "UP 1/3" is UP, "OPEN" is UP, "STOP" and "no check"... as HAProxy groups them. */
    private static String state(String status) {
        if (status.startsWith("MAINT")) {
            return "MAINT";
        }
        if (status.startsWith("DRAIN")) {
            return "DRAIN";
        }
        if (status.startsWith("NOLB")) {
            return "NOLB";
        }
        if (status.startsWith("UP") || status.equals("OPEN") || status.equals("no check")) {
            return "UP";
        }
        return "DOWN";
    }

    /** A server's act and bck are "active" and "backup" in promex, a backend's "active_servers" and "backup_servers". */
    private static String metricName(StatField field, ObjectType type) {
        if (type == ObjectType.SERVER && field == StatField.ACT) {
            return "active";
        }
        if (type == ObjectType.SERVER && field == StatField.BCK) {
            return "backup";
        }
        return field.metricName().orElseThrow();
    }

    private static String kind(StatField field, ObjectType type) {
        // 3.5 types a server's check counts and downtime as gauges, though they only grow.
        if (type == ObjectType.SERVER
                && (field == StatField.DOWNTIME || field == StatField.CHKFAIL || field == StatField.CHKDOWN)) {
            return "gauge";
        }
        return field.tags(type).nature().equals("Counter") ? "counter" : "gauge";
    }

    private static String value(StatRow row, StatField field) {
        if (field == StatField.CHECK_CODE && row.text(field).isEmpty()) {
            return "0"; // a checked server whose last check had no layer-7 code: promex gives 0
        }
        if (!row.has(field) || row.text(field).isEmpty()) {
            return "NaN";
        }
        if (MILLISECONDS.contains(field)) {
            return String.format(Locale.ROOT, "%.6f", row.number(field) / 1000.0);
        }
        return Long.toString(row.number(field));
    }

    private static String labels(StatRow row) {
        StringBuilder labels = new StringBuilder("{proxy=\"").append(label(row.proxyName())).append('"');
        if (row.type() == ObjectType.SERVER) {
            labels.append(",server=\"").append(label(row.serviceName())).append('"');
        }
        return labels.append('}').toString();
    }

    private static void family(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** A label value with its backslashes, quotes and line feeds escaped (the text format's rule). */
    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
