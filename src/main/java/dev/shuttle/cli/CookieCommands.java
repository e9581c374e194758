package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.util.List;

/**
 * The runtime API commands on dynamic server cookies (management.txt §9.3, "set
 * dynamic-cookie-key backend", "enable dynamic-cookie backend", "disable dynamic-cookie
 * backend"): their arguments are checked with HAProxy 3.5's texts, then the change is refused,
 * since Shuttle derives each server's cookie once, at start (configuration.txt
 * "dynamic-cookie-key"; see config.parse.PersistenceResolver).
 */
final class CookieCommands {
    private CookieCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("set", "dynamic-cookie-key", "backend"),
                "set dynamic-cookie-key backend <bk> <k>", "change a backend secret key for dynamic cookies",
                CliLevel.ADMIN, (args, session, out) -> {
                    find(args, process);
                    if (args.size() < 2) {
                        throw new CliException("String value expected.");
                    }
                    refuse("set dynamic-cookie-key backend");
                }));
        table.register(new CliCommand(List.of("enable", "dynamic-cookie", "backend"),
                "enable dynamic-cookie backend <bk>", "enable dynamic cookies on a specific backend", CliLevel.ADMIN,
                (args, session, out) -> {
                    find(args, process);
                    refuse("enable dynamic-cookie backend");
                }));
        table.register(new CliCommand(List.of("disable", "dynamic-cookie", "backend"),
                "disable dynamic-cookie backend <bk>", "disable dynamic cookies on a specific backend", CliLevel.ADMIN,
                (args, session, out) -> {
                    find(args, process);
                    refuse("disable dynamic-cookie backend");
                }));
    }

    private static Backend find(List<String> args, ProcessView process) throws CliException {
        if (args.isEmpty()) {
            throw new CliException("A backend name is expected.");
        }
        String name = args.getFirst();
        boolean byId = name.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(name.substring(1)) : 0;
        for (Backend backend : process.backends()) {
            if (byId ? backend.config().id() == id : backend.name().equals(name)) {
                return backend;
            }
        }
        throw new CliException("No such backend.");
    }

    private static void refuse(String command) throws CliException {
        throw new CliException("'" + command + "' is not supported by Shuttle yet: servers' dynamic cookies are"
                + " derived once, at start.");
    }
}
