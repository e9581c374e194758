package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.BackendTemplates;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.lang.ConfigException;
import java.util.List;
import java.util.Optional;

/**
 * {@code add backend <name> from <defaults> [mode <mode>] [guid <guid>]} and {@code del backend
 * <name>} (management.txt §9.3): a backend built at run time from a named defaults section, born
 * unpublished and without servers ({@code add server}, then {@code publish backend}), and its
 * removal once unpublished, empty and idle. Texts and checks in HAProxy 3.5's order.
 */
final class DynamicBackendCommands {
    private static final String SHORT_USAGE = "Usage: add backend <name> from <defproxy>.";
    private static final String USAGE = "Usage: add backend <name> from <defproxy> [mode <px_mode>] [guid <val>].";

    private DynamicBackendCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("add", "backend"), "add backend <backend>",
                "add a new backend", CliLevel.ADMIN, (args, session, out) -> add(args, process, out)));
        table.register(new CliCommand(List.of("del", "backend"), "del backend <backend>",
                "delete a backend", CliLevel.ADMIN, (args, session, out) -> delete(args, process, out)));
    }

    private static void add(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (args.isEmpty() || args.getFirst().isEmpty()) {
            throw new CliException("Require backend name.");
        }
        String name = args.getFirst();
        for (char c : name.toCharArray()) {
            if (!(c < 128 && Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                throw new CliException("Invalid character '" + c + "' in backend name.");
            }
        }
        if (args.size() < 3 || !args.get(1).equals("from")) {
            throw new CliException(SHORT_USAGE);
        }
        String defaults = args.get(2);
        Optional<ProxyMode> mode = Optional.empty();
        String guid = "";
        for (int i = 3; i < args.size(); i += 2) {
            if (i + 1 >= args.size() || !args.get(i).equals("mode") && !args.get(i).equals("guid")) {
                throw new CliException(USAGE);
            }
            String value = args.get(i + 1);
            if (args.get(i).equals("guid")) {
                guid = value;
                continue;
            }
            mode = Optional.of(switch (value) {
                case "tcp" -> ProxyMode.TCP;
                case "http" -> ProxyMode.HTTP;
                case "log", "spop" -> throw new CliException(
                        "Dynamic backends are compatible with only TCP or HTTP mode.");
                default -> throw new CliException("Unknown proxy mode.");
            });
        }
        BackendTemplates templates = process.backendTemplates();
        Optional<Boolean> setsMode = templates.setsMode(defaults);
        if (setsMode.isEmpty()) {
            throw new CliException("Cannot find default proxy '" + defaults + "'.");
        }
        if (mode.isEmpty() && !setsMode.get()) {
            throw new CliException("Mode is required as '" + defaults
                    + "' default proxy does not explicitly defines it.");
        }
        Optional<String> taken = process.proxyNamed(name);
        if (taken.isPresent()) {
            throw new CliException("Error during backend creation : name is already used by other proxy '"
                    + taken.get() + "'.");
        }
        ProxyConfig config;
        try {
            config = templates.backend(defaults, name, mode, guid, process.nextProxyId());
        } catch (ConfigException e) {
            String reason = e.getMessage().startsWith("'guid': ")
                    ? "GUID insertion : " + e.getMessage().substring("'guid': ".length()) : e.getMessage();
            throw new CliException("Error during backend creation : " + reason.replaceAll("\\.$", "") + ".");
        }
        process.addBackend(config);
        out.append("New backend registered.\n");
    }

    private static void delete(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (args.size() != 1) {
            throw new CliException("Usage: del backend <name>.");
        }
        Optional<Backend> backend = DynamicServerCommands.backend(args.getFirst(), process);
        String blocker = blocker(backend, process);
        if (blocker != null) {
            throw new CliException(blocker);
        }
        process.removeBackend(backend.orElseThrow());
        out.append("Backend deleted.\n");
    }

    /**
     * Why a backend cannot be deleted now, as 3.5 checks it (be_check_for_deletion()); null when it
     * can. Only the last reason (streams still attached) may pass with time.
     */
    static String blocker(Optional<Backend> found, ProcessView process) {
        if (found.isEmpty()) {
            return "No such backend.";
        }
        Backend backend = found.get();
        if (backend.config().kind().hasFrontendCapability()) {
            return "Cannot delete a listen section.";
        }
        if (process.referencedByConfiguration(backend)) {
            return "This proxy cannot be removed at runtime due to other configuration elements pointing to it.";
        }
        if (backend.isPublished()) {
            return "Backend must be unpublished prior to its deletion.";
        }
        if (!backend.servers().isEmpty()) {
            return "Only a backend without server can be deleted.";
        }
        if (backend.currentConnections() > 0 || backend.queuedForAnyServer() > 0) {
            return STREAMS_ATTACHED;
        }
        return null;
    }

    /** The one reason that may pass with time. */
    static final String STREAMS_ATTACHED = "Backend still has attached streams on it.";
}
