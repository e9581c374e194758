package dev.shuttle.statspage;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.LiveStream;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One POST of the admin form ({@code s=<server>&...&action=<value>&b=#<backend id>}, form-encoded)
 * carried out as HAProxy 3.5's stats page does it (stats-html.c): each named server the action
 * applies to is altered; a server it does not apply to (a health action on a server without
 * {@code check}, a forced health on a tracking server, an agent action without an agent, sessions
 * of a disabled backend) is left alone and not counted; an unknown name is counted and not altered.
 * The answer is the status code the page's redirect carries ({@link AdminStatus}): nothing
 * counted, {@code NONE}; nothing altered, {@code ERRP}; all, {@code DONE}; some, {@code PART}.
 */
final class AdminPost {
    /** What the state messages say of a change made here (HAProxy's SRV_OP_STCHGC_STATS_WEB). */
    private static final String FROM_THE_PAGE = ", changed from Web interface";

    private AdminPost() {}

    static String perform(byte[] body, PageProcess process) {
        List<String> servers = new ArrayList<>();
        String action = null;
        String backendKey = null;
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = decode(pair.substring(eq + 1));
            switch (decode(pair.substring(0, eq))) {
                case "s" -> servers.add(value);
                case "action" -> action = action == null ? value : action; // the first one counts
                case "b" -> backendKey = backendKey == null ? value : backendKey;
                default -> { }
            }
        }
        Optional<AdminAction> chosen = action == null ? Optional.empty() : AdminAction.byFormValue(action);
        Optional<Backend> backend = backendKey == null ? Optional.empty() : backend(backendKey, process.backends());
        if ((action != null && chosen.isEmpty()) || (backendKey != null && backend.isEmpty())) {
            return AdminStatus.BAD_PARAMETERS;
        }
        if (chosen.isEmpty() || backend.isEmpty()) {
            return AdminStatus.NONE;
        }
        int total = 0;
        int altered = 0;
        for (String name : servers) {
            Optional<Server> server = backend.get().server(name);
            if (server.isEmpty()) {
                total++;
            } else if (apply(chosen.get(), backend.get(), server.get(), process)) {
                total++;
                altered++;
            }
        }
        if (total == 0) {
            return AdminStatus.NONE;
        }
        return altered == 0 ? AdminStatus.BAD_PARAMETERS : altered == total ? AdminStatus.DONE : AdminStatus.PARTIAL;
    }

    /** One server's action; false when it does not apply to this server. */
    private static boolean apply(AdminAction action, Backend backend, Server server, PageProcess process) {
        CheckControl checks = server.checkControl();
        boolean tracking = server.config().check().track().isPresent();
        AdminState admin = server.adminState();
        switch (action) {
            case READY, DRAIN, MAINT -> backend.setAdminState(server, switch (action) {
                case READY -> AdminState.READY;
                case DRAIN -> AdminState.DRAIN;
                default -> AdminState.MAINT;
            });
            case DISABLE, ENABLE, STOP, START -> {
                AdminState target = switch (action) {
                    case DISABLE -> admin == AdminState.MAINT ? null : AdminState.MAINT;
                    case ENABLE -> admin == AdminState.MAINT ? AdminState.READY : null;
                    case STOP -> admin == AdminState.READY ? AdminState.DRAIN : null;
                    default -> admin == AdminState.DRAIN ? AdminState.READY : null;
                };
                if (target == null) {
                    return false; // already so: not counted, as in HAProxy
                }
                backend.setAdminState(server, target);
            }
            case DISABLE_HEALTH, ENABLE_HEALTH -> {
                if (!checks.healthConfigured()) {
                    return false;
                }
                checks.setHealthEnabled(action == AdminAction.ENABLE_HEALTH);
            }
            case DISABLE_AGENT, ENABLE_AGENT -> {
                if (!checks.agentConfigured()) {
                    return false;
                }
                checks.setAgentEnabled(action == AdminAction.ENABLE_AGENT);
            }
            case HEALTH_UP, HEALTH_NOLB, HEALTH_DOWN -> {
                if (tracking) {
                    return false;
                }
                process.forceHealth(backend, server, switch (action) {
                    case HEALTH_UP -> OperationalState.UP;
                    case HEALTH_NOLB -> OperationalState.STOPPING;
                    default -> OperationalState.DOWN;
                }, FROM_THE_PAGE);
            }
            case AGENT_UP, AGENT_DOWN -> {
                if (!checks.agentEnabled()) {
                    return false;
                }
                process.forceAgent(backend, server, action == AdminAction.AGENT_UP, FROM_THE_PAGE);
            }
            case KILL_SESSIONS -> {
                if (backend.config().disabled()) {
                    return false;
                }
                killSessions(backend, server, process.frontends());
            }
        }
        return true;
    }

    /**
     * Ends every stream serving a request on the server now, logged with the termination state
     * {@code K}, as {@code shutdown sessions server} does (a connection between two requests keeps
     * the names of its last one, and is not the server's any more).
     */
    private static void killSessions(Backend backend, Server server, List<Frontend> frontends) {
        for (Frontend frontend : frontends) {
            for (LiveStream stream : frontend.liveStreams().snapshot()) {
                StreamPhase phase = stream.phase();
                boolean serving = phase != StreamPhase.SETTING_UP && phase != StreamPhase.READING_REQUEST
                        && phase != StreamPhase.IDLE;
                if (serving && backend.name().equals(stream.backend()) && server.name().equals(stream.server())) {
                    stream.kill();
                }
            }
        }
    }

    /** The backend the form names: "#<id>", or its name. */
    private static Optional<Backend> backend(String key, List<Backend> backends) {
        for (Backend backend : backends) {
            boolean match = key.startsWith("#") ? ("#" + backend.config().id()).equals(key) : backend.name().equals(key);
            if (match) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return "";
        }
    }
}
