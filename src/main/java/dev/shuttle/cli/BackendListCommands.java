package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import dev.shuttle.server.ServerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The runtime API commands that list backends and their servers' state (management.txt §9.3):
 * {@code show backend} and {@code show servers state}, the latter in the version-1 format that
 * {@code server-state-file} holds (every column in HAProxy's order, one server per line).
 */
final class BackendListCommands {
    private static final String STATE_HEADER = "# be_id be_name srv_id srv_name srv_addr srv_op_state"
            + " srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status"
            + " srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id"
            + " srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

    // management.txt, "show servers state": the values of the state columns.
    static final int OP_STOPPED = 0;
    private static final int OP_STARTING = 1;
    static final int OP_RUNNING = 2;
    static final int OP_STOPPING = 3;
    static final int ADMIN_FORCED_MAINT = 0x01;
    static final int ADMIN_CONFIG_MAINT = 0x04;
    static final int ADMIN_FORCED_DRAIN = 0x08;
    static final int CHECK_CONFIGURED = 0x02;
    static final int CHECK_ENABLED = 0x04;
    static final int CHECK_PAUSED = 0x08;
    private static final int CHECK_AGENT = 0x10;

    private BackendListCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "backend"), "show backend",
                "list backends in the current running config", CliLevel.USER,
                (args, session, out) -> showBackends(process, out)));
        table.register(new CliCommand(List.of("show", "servers", "state"), "show servers state [<backend>]",
                "dump volatile server information (all or for a single backend)", CliLevel.USER,
                (args, session, out) -> showServersState(args, process, out)));
    }

    private static void showBackends(ProcessView process, StringBuilder out) {
        out.append("# name\n");
        for (ListedBackend backend : ListedBackend.all(process)) {
            out.append(backend.name()).append('\n');
        }
    }

    private static void showServersState(List<String> args, ProcessView process, StringBuilder out)
            throws CliException {
        List<ListedBackend> backends = ListedBackend.all(process);
        if (!args.isEmpty() && !args.getFirst().isEmpty()) {
            backends = ListedBackend.named(args.getFirst(), process);
            if (backends.isEmpty()) {
                throw new CliException("Can't find backend.");
            }
        }
        out.append("1\n").append(STATE_HEADER);
        long sinceStart = Math.max(0, Duration.between(process.startTime(), Instant.now()).toSeconds());
        for (ListedBackend backend : backends) {
            if (backend.log() != null) {
                for (LogBackendStats.Server server : backend.log().servers()) {
                    LogServerStateLine.append(backend.log(), server, out);
                }
                continue;
            }
            for (Server server : backend.traffic().servers()) {
                line(backend.traffic(), server, sinceStart, out);
            }
        }
    }

    /**
     * One server's line. Shuttle does not keep when a server's state last changed: the column gives
     * the process's uptime. A checked server shows its last check's status, result and health
     * counter, as 3.5 does (checked live); before its first check, HAProxy's initial status (1),
     * with the result and health its operational state implies.
     */
    private static void line(Backend backend, Server server, long sinceStart, StringBuilder out) {
        ServerStatus status = server.status();
        ServerCheckSettings check = server.config().check();
        CheckControl control = server.checkControl();
        Address.Inet inet = server.address() instanceof Address.Inet a ? a : null;
        boolean maint = status.admin() == AdminState.MAINT;
        boolean checked = control.healthEnabled();
        // HAProxy pauses the checks of a server put in maintenance, and marks a disabled one's paused,
        // checks or not; a server added at runtime starts in maintenance without pausing anything.
        boolean paused = server.config().disabled() && !server.isDynamic() || maint && checked;
        CheckReport last = server.lastCheck();
        boolean ran = checked && !last.status().isEmpty();
        int health = !checked ? 0 : ran ? last.health() : status.operational() == OperationalState.DOWN ? 0
                : check.rise() + check.fall() - 1;
        int checkStatus = ran ? CheckStatusNumbers.status(last.status()) : CheckStatusNumbers.STATUS_INITIAL;
        int checkResult = ran ? CheckStatusNumbers.result(last.status()) : !checked ? CheckStatusNumbers.RESULT_UNKNOWN
                : health == 0 ? CheckStatusNumbers.RESULT_FAILED : CheckStatusNumbers.RESULT_PASSED;
        // "disable health|agent" clears the enabled bit and keeps the configured one (CHK_ST_*).
        int checkState = (control.healthConfigured() ? CHECK_CONFIGURED : 0) | (checked ? CHECK_ENABLED : 0)
                | (paused ? CHECK_PAUSED : 0);
        int agentState = control.agentConfigured() ? CHECK_AGENT | CHECK_CONFIGURED
                | (control.agentEnabled() ? CHECK_ENABLED : 0) | (paused ? CHECK_PAUSED : 0) : 0;
        CheckControl.Target healthTarget = control.healthTarget();
        CheckControl.Target agentTarget = control.agentTarget();
        out.append(backend.config().id()).append(' ').append(backend.name()).append(' ')
                .append(server.config().id()).append(' ').append(server.name()).append(' ')
                .append(inet == null || inet.host().isEmpty() ? "-" : inet.host()).append(' ')
                .append(operationalState(server, maint)).append(' ')
                .append(adminState(server, status.admin())).append(' ')
                .append(server.weight()).append(' ').append(server.initialWeight()).append(' ')
                .append(sinceStart).append(' ')
                .append(checkStatus).append(' ').append(checkResult).append(' ').append(health).append(' ')
                .append(checkState).append(' ').append(agentState).append(' ')
                .append(0).append(' ').append(0).append(' ') // forced ids: the configuration does not say
                .append("- ").append(inet == null ? 0 : inet.portLow()).append(" - ")
                .append(server.useSslState()).append(' ')
                .append(healthTarget.port()).append(' ').append(healthTarget.address().orElse("-")).append(' ')
                .append(agentTarget.address().orElse("-")).append(' ').append(agentTarget.port()).append('\n');
    }

    private static int operationalState(Server server, boolean maint) {
        if (maint) {
            return OP_STOPPED; // HAProxy stops a server it puts in maintenance
        }
        return switch (server.status().operational()) {
            case UP -> server.warmup().isRamping() ? OP_STARTING : OP_RUNNING;
            case STOPPING -> OP_STOPPING;
            case DOWN -> OP_STOPPED;
        };
    }

    /**
     * The admin mask. A server the configuration declares {@code disabled} keeps the
     * configuration's maintenance bit even once the runtime API makes it ready, as HAProxy 3.5 does.
     */
    private static int adminState(Server server, AdminState admin) {
        int configured = server.config().disabled() ? ADMIN_CONFIG_MAINT : 0;
        return configured | switch (admin) {
            case READY -> 0;
            case DRAIN -> ADMIN_FORCED_DRAIN;
            case MAINT -> ADMIN_FORCED_MAINT;
        };
    }
}
