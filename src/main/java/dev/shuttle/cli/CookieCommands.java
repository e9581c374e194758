package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.util.List;

/**
 * The runtime API commands on dynamic server cookies (management.txt §9.3, "set
 * dynamic-cookie-key backend", "enable dynamic-cookie backend", "disable dynamic-cookie
 * backend"), with HAProxy 3.5's argument checks and texts: the backend derives every server's
 * cookie again (configuration.txt, "dynamic-cookie-key"), or takes it away; a server line's own
 * {@code cookie} stays. The next response that inserts the cookie carries the new value, and a
 * client's old value no longer names a server ("This will break the existing sessions").
 */
final class CookieCommands {
    private CookieCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("set", "dynamic-cookie-key", "backend"),
                "set dynamic-cookie-key backend <bk> <k>", "change a backend secret key for dynamic cookies",
                CliLevel.ADMIN, (args, session, out) -> {
                    Backend backend = find(args, process);
                    if (args.size() < 2 || args.get(1).isEmpty()) {
                        throw new CliException("String value expected.");
                    }
                    backend.setDynamicCookieKey(args.get(1));
                }));
        table.register(new CliCommand(List.of("enable", "dynamic-cookie", "backend"),
                "enable dynamic-cookie backend <bk>", "enable dynamic cookies on a specific backend", CliLevel.ADMIN,
                (args, session, out) -> find(args, process).setDynamicCookies(true)));
        table.register(new CliCommand(List.of("disable", "dynamic-cookie", "backend"),
                "disable dynamic-cookie backend <bk>", "disable dynamic cookies on a specific backend", CliLevel.ADMIN,
                (args, session, out) -> find(args, process).setDynamicCookies(false)));
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
}
