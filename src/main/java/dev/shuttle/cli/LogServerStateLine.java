package dev.shuttle.cli;

import static dev.shuttle.cli.BackendListCommands.*;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.LogBackendStats;

/**
 * A {@code mode log} backend's server in {@code show servers state} (management.txt §9.3), as
 * HAProxy 3.5 writes it (checked live): the state columns of any server, from the log server's
 * configuration, health and last check. Two of 3.5's ways are kept: a checked server's
 * {@code srv_check_status} is its last check's number (HCHK_STATUS_* in 3.5's check-t.h), and
 * its {@code srv_agent_port} is its configured check port (3.5 copies it there at start), though
 * it has no agent; the check's port and address are those of now, after {@code set server
 * check-port|check-addr}, as 3.5 shows them.
 */
final class LogServerStateLine {
    private LogServerStateLine() {}

    static void append(LogBackendStats backend, LogBackendStats.Server server, StringBuilder out) {
        LogBackendConfig.Server config = server.config();
        ServerCheckSettings check = config.check();
        boolean checked = server.checked();
        String status = server.report().status();
        int statusNumber = checked ? CheckStatusNumbers.status(status) : CheckStatusNumbers.STATUS_INITIAL;
        int result = checked ? CheckStatusNumbers.result(status) : CheckStatusNumbers.RESULT_UNKNOWN;
        // A disabled server keeps its configuration's mark after the runtime API enables it; the API
        // sets and clears the forced flags (maint clears drain and drain maint, as 3.5 does). A
        // maintenance pauses the check; an unchecked disabled server's pause outlives it (3.5, checked live).
        int admin = (config.usable() ? 0 : ADMIN_CONFIG_MAINT) | switch (server.admin()) {
            case READY -> 0;
            case DRAIN -> ADMIN_FORCED_DRAIN;
            case MAINT -> ADMIN_FORCED_MAINT;
        };
        boolean paused = checked ? server.admin() == AdminState.MAINT : !config.usable();
        int checkState = (checked ? CHECK_CONFIGURED : 0) | (server.checkEnabled() ? CHECK_ENABLED : 0) | (paused ? CHECK_PAUSED : 0);
        // The check's port and address now ("set server check-port|check-addr" change them); the
        // agent's port is the check's configured one, which 3.5 copies to it at start.
        int checkPort = checked ? server.checkTarget().port() : 0;
        int agentPort = checked ? check.port() : 0;
        out.append(backend.id()).append(' ').append(backend.name()).append(' ')
                .append(server.id()).append(' ').append(server.name()).append(' ')
                .append(server.address().getAddress().getHostAddress()).append(' ')
                .append(!server.running() ? OP_STOPPED : server.stopping() ? OP_STOPPING : OP_RUNNING).append(' ').append(admin).append(' ')
                .append(server.weight()).append(' ').append(config.weight()).append(' ')
                .append(server.history().secondsSinceLastChange()).append(' ')
                .append(statusNumber).append(' ').append(result).append(' ')
                .append(server.report().health()).append(' ') // set by "set server health" on an unchecked one too, as 3.5
                .append(checkState).append(" 0 0 0 - ") // no agent; no forced ids; no FQDN
                .append(server.address().getPort()).append(" - 0 ")
                .append(checkPort).append(' ').append(checked ? server.checkTarget().address().orElse("-") : "-")
                .append(" - ").append(agentPort).append('\n');
    }
}
