package dev.shuttle.backend;

import dev.shuttle.net.Address;
import dev.shuttle.sample.Casts;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * One server's line of a server state file, checked and applied as HAProxy 3.5's
 * srv_state_srv_update() does (configuration.txt, "load-server-state-from-file"): every field is
 * checked first, and one bad field leaves the server as the configuration made it ("server-state
 * application failed for server 'b/s', invalid srv_admin_state value 'x'"). Then, in this order:
 * <ul>
 *   <li>the operational state ({@code srv_op_state}): stopped, starting (as running), running,
 *       stopping; a server without checks dumped stopped in maintenance is not stopped;</li>
 *   <li>the admin state: the configuration wins when its {@code disabled} changed since the dump,
 *       else the dump's forced maintenance, then its forced drain (dropped when the old
 *       configured weight was 0 and the new one is not);</li>
 *   <li>checks turned off by {@code disable health|agent} stay off;</li>
 *   <li>the runtime weight, when the configured one did not change;</li>
 *   <li>the port ({@code srv_port}) of a server with a fixed port; not the address, which 3.5 only
 *       takes for a server declared by a host name;</li>
 *   <li>the check's and the agent's port and address; a check that is off refuses them, and the
 *       server's state is then "partially applied".</li>
 * </ul>
 */
final class SavedServerState {
    // Field positions in a version-1 line (the columns of "show servers state").
    private static final int OP_STATE = 5;
    private static final int ADMIN_STATE = 6;
    private static final int UWEIGHT = 7;
    private static final int IWEIGHT = 8;
    private static final int LAST_CHANGE = 9;
    private static final int CHECK_STATUS = 10;
    private static final int CHECK_RESULT = 11;
    private static final int CHECK_HEALTH = 12;
    private static final int CHECK_STATE = 13;
    private static final int AGENT_STATE = 14;
    private static final int BK_FORCED_ID = 15;
    private static final int SRV_FORCED_ID = 16;
    private static final int PORT = 18;
    private static final int USE_SSL = 20;
    private static final int CHECK_PORT = 21;
    private static final int CHECK_ADDR = 22;
    private static final int AGENT_ADDR = 23;
    private static final int AGENT_PORT = 24;

    // management.txt, "show servers state": the bits of srv_admin_state and srv_check_state.
    private static final int ADMIN_FORCED_MAINT = 0x01;
    private static final int ADMIN_INHERITED_MAINT = 0x02;
    private static final int ADMIN_CONFIG_MAINT = 0x04;
    private static final int ADMIN_FORCED_DRAIN = 0x08;
    private static final int ADMIN_INHERITED_DRAIN = 0x10;
    private static final int ADMIN_RESOLUTION_MAINT = 0x20;
    private static final int ADMIN_FQDN_CHANGED = 0x40;
    private static final int CHECK_CONFIGURED = 0x02;
    private static final int CHECK_ENABLED = 0x04;
    private static final int CHECK_BITS = 0x1F;
    /** HAProxy's number of check statuses (HCHK_STATUS_SIZE). */
    private static final int CHECK_STATUSES = 21;

    private SavedServerState() {}

    static void apply(Backend backend, Server server, List<String> line, ServerStateLoader.Messages messages) {
        StringBuilder errors = new StringBuilder();
        Long opState = number(line, OP_STATE, errors, "srv_op_state", v -> v >= 0 && v <= 3);
        Long rawAdmin = strtol(field(line, ADMIN_STATE));
        long admin = rawAdmin == null ? 0 : rawAdmin
                & ~(ADMIN_INHERITED_DRAIN | ADMIN_INHERITED_MAINT | ADMIN_RESOLUTION_MAINT | ADMIN_FQDN_CHANGED);
        if (rawAdmin == null || !List.of(0L, 1L, 4L, 5L, 8L, 12L).contains(admin)) {
            invalid(errors, "srv_admin_state", field(line, ADMIN_STATE));
        }
        Long uweight = number(line, UWEIGHT, errors, "srv_uweight", v -> v >= 0 && v <= Server.MAX_WEIGHT);
        Long iweight = number(line, IWEIGHT, errors, "srv_iweight", v -> v >= 0 && v <= Server.MAX_WEIGHT);
        number(line, LAST_CHANGE, errors, "srv_last_time_change", v -> true);
        number(line, CHECK_STATUS, errors, "srv_check_status", v -> v >= 0 && v < CHECK_STATUSES);
        number(line, CHECK_RESULT, errors, "srv_check_result", v -> v >= 0 && v <= 4);
        number(line, CHECK_HEALTH, errors, "srv_check_health", v -> true);
        Long checkState = number(line, CHECK_STATE, errors, "srv_check_state", v -> (v & ~CHECK_BITS) == 0);
        Long agentState = number(line, AGENT_STATE, errors, "srv_agent_state", v -> (v & ~CHECK_BITS) == 0);
        number(line, BK_FORCED_ID, errors, "bk_f_forced_id", v -> v == 0 || v == 1);
        number(line, SRV_FORCED_ID, errors, "srv_f_forced_id", v -> v == 0 || v == 1);
        Long port = strtoul(field(line, PORT));
        if (port != null && port > 0xFFFF) {
            invalid(errors, "srv_port", field(line, PORT));
            port = null;
        }
        String where = "'" + backend.name() + "/" + server.name() + "'";
        if (!errors.isEmpty()) {
            messages.warning("server-state application failed for server " + where + errors);
            return;
        }
        // A server in maintenance is dumped stopped: for one without checks, nothing would bring it up
        // again once it leaves maintenance (HAProxy sets such a server running as it leaves), so the
        // stop is taken as maintenance's doing.
        boolean checked = server.checkControl().healthConfigured() || server.checkControl().agentConfigured();
        boolean maintenance = (admin & (ADMIN_FORCED_MAINT | ADMIN_CONFIG_MAINT)) != 0;
        if (checked || !maintenance || opState != 0) {
            operationalState(backend, server, opState.intValue());
        }
        adminState(backend, server, admin, iweight);
        CheckControl control = server.checkControl();
        if (control.healthConfigured() && (checkState & CHECK_CONFIGURED) != 0 && (checkState & CHECK_ENABLED) == 0) {
            control.setHealthEnabled(false);
        }
        if (control.agentConfigured() && (agentState & CHECK_CONFIGURED) != 0 && (agentState & CHECK_ENABLED) == 0) {
            control.setAgentEnabled(false);
        }
        if (iweight == server.initialWeight() && uweight != server.weight()
                && (!backend.weightsAreStatic() || uweight == 0 || uweight == server.initialWeight())) {
            backend.restoreQuietly(server, () -> server.setWeightLocked(uweight.intValue()));
        }
        if (port != null && server.address() instanceof Address.Inet inet && !inet.portOffset() && !inet.hasNoPort()
                && inet.portLow() != port) {
            backend.restorePort(server, new Address.Inet(inet.host(), port.intValue(), inet.family()));
        }
        // srv_use_ssl, on a server with TLS settings made at start (as set server ... ssl; strtol():
        // what is not a number reads 0)
        String useSsl = field(line, USE_SSL);
        if (useSsl != null && TlsServers.hasContext(backend, server)) {
            Long value = strtol(useSsl);
            backend.restoreTls(server, value == null ? 0 : value.intValue());
        }
        String partial = checkTargets(server, line);
        if (!partial.isEmpty()) {
            messages.warning("server-state partially applied for server " + where + partial);
        }
    }

    /** The dump's operational state. */
    private static void operationalState(Backend backend, Server server, int state) {
        int fall = server.config().check().fall();
        OperationalState target = switch (state) {
            case 0 -> OperationalState.DOWN;
            case 3 -> fall == 1 ? OperationalState.DOWN : OperationalState.STOPPING;
            default -> OperationalState.UP; // running, or starting (taken as running, as with rise 1)
        };
        if (target != server.status().operational()) {
            backend.restoreQuietly(server, () -> server.setOperationalStateLocked(target));
        }
    }

    /** The admin state: see the class comment for which of the dump and the configuration wins. */
    private static void adminState(Backend backend, Server server, long admin, long oldInitialWeight) {
        boolean configMaint = server.config().disabled();
        boolean dumpConfigMaint = (admin & ADMIN_CONFIG_MAINT) != 0;
        boolean dumpForcedMaint = (admin & ADMIN_FORCED_MAINT) != 0;
        AdminState state = server.adminState();
        if (dumpConfigMaint != configMaint) {
            state = configMaint ? AdminState.MAINT : AdminState.READY;
        } else if (dumpForcedMaint && !configMaint) {
            state = AdminState.MAINT;
        } else if (!dumpForcedMaint && configMaint) {
            state = AdminState.READY;
        }
        if (state != AdminState.MAINT && (admin & ADMIN_FORCED_DRAIN) != 0
                && (oldInitialWeight > 0 || server.initialWeight() == 0)) {
            state = AdminState.DRAIN;
        }
        AdminState target = state;
        if (target != server.adminState()) {
            backend.restoreQuietly(server, () -> server.setAdminStateLocked(target));
        }
    }

    /** The check's and the agent's saved port and address; what could not be applied, in 3.5's words. */
    private static String checkTargets(Server server, List<String> line) {
        CheckControl control = server.checkControl();
        Optional<String> checkPort = Optional.ofNullable(field(line, CHECK_PORT)).filter(p -> !p.equals("0"));
        Optional<String> checkAddr = Optional.ofNullable(field(line, CHECK_ADDR)).filter(a -> !a.equals("-"));
        if (checkPort.isPresent() || checkAddr.isPresent()) {
            if (!control.healthEnabled()) {
                return ", health checks are not enabled on this server";
            }
            if (checkAddr.isPresent() && !isIpLiteral(checkAddr.get())) {
                return ", invalid addr '" + checkAddr.get() + "'";
            }
            Optional<Integer> port = checkPort.map(SavedServerState::port);
            if (port.isPresent() && port.get() < 0) {
                return port.get() == -1 ? ", provided port is not an integer" : ", provided port is invalid";
            }
            control.moveHealthCheck(checkAddr, port);
        }
        Optional<String> agentPort = Optional.ofNullable(field(line, AGENT_PORT)).filter(p -> !p.equals("0"));
        Optional<String> agentAddr = Optional.ofNullable(field(line, AGENT_ADDR)).filter(a -> !a.equals("-"));
        if (agentPort.isPresent() || agentAddr.isPresent()) {
            if (!control.agentEnabled()) {
                return ", agent checks are not enabled on this server";
            }
            Optional<String> address = agentAddr.map(SavedServerState::ip);
            if (agentAddr.isPresent() && address.get() == null) {
                return ", invalid addr '" + agentAddr.get() + "'";
            }
            Optional<Integer> port = agentPort.map(SavedServerState::port);
            if (port.isPresent() && port.get() < 0) {
                return port.get() == -1 ? ", provided port is not an integer" : ", provided port is invalid";
            }
            control.moveAgentCheck(address, port);
        }
        return "";
    }

    /** A port from 0 to 65535, -1 when not an integer, -2 when out of range. */
    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 0 && port <= 0xFFFF ? port : -2;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An agent address: an IP literal as is, a host name resolved (null when it cannot be). */
    private static String ip(String address) {
        if (isIpLiteral(address)) {
            return address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean isIpLiteral(String text) {
        return Casts.parseIpv4(text) != null || Casts.parseIpv6(text) != null;
    }

    private static String field(List<String> line, int index) {
        return index < line.size() ? line.get(index) : null;
    }

    /** A field read as strtol() reads it and checked; null (with its error added) when it fails. */
    private static Long number(List<String> line, int index, StringBuilder errors, String name,
                               LongPredicate valid) {
        String text = field(line, index);
        Long value = strtol(text);
        if (value == null || !valid.test(value)) {
            invalid(errors, name, text);
            return null;
        }
        return value;
    }

    private static void invalid(StringBuilder errors, String name, String text) {
        errors.append(", invalid ").append(name).append(" value '").append(text == null ? "(null)" : text)
                .append('\'');
    }

    /** C's strtol() in base 10: leading blanks, a sign, then digits; null without digits or beyond a long. */
    private static Long strtol(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return null;
        }
        try {
            return Long.parseLong(text.substring(start, i));
        } catch (NumberFormatException e) {
            return null; // ERANGE
        }
    }

    /** HAProxy's strl2uic(): the leading digits as an unsigned number (0 without digits). */
    private static Long strtoul(String text) {
        if (text == null) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
            value = Math.min(value * 10 + (text.charAt(i) - '0'), 1L << 32);
        }
        return value;
    }
}
