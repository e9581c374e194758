package dev.shuttle.config.parse;

import dev.shuttle.config.ServerStateFiles;
import dev.shuttle.lang.ConfigException;
import java.util.Locale;

/**
 * The keywords that name the server state files read at start (configuration.txt §3.1
 * "server-state-file", "server-state-base"; §4.2 "load-server-state-from-file",
 * "server-state-file-name"), with HAProxy 3.5's texts. A second {@code server-state-file} or
 * {@code server-state-base} keeps the first (3.5 says so in an alert that is not fatal; Shuttle in a
 * warning).
 */
final class ServerStateKeywords {
    private ServerStateKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.global("server-state-file", (line, global) -> {
            if (line.argCount() < 1) {
                throw new ConfigException("'server-state-file' expect one argument: a file path.");
            }
            if (global.serverStateFile != null) {
                line.warning("'server-state-file' already specified. Continuing.");
                return;
            }
            global.serverStateFile = line.arg(1);
        });
        registry.global("server-state-base", (line, global) -> {
            if (line.argCount() < 1) {
                throw new ConfigException("'server-state-base' expects one argument: a directory path.");
            }
            if (global.serverStateBase != null) {
                line.warning("'server-state-base' already specified. Continuing.");
                return;
            }
            global.serverStateBase = line.arg(1);
        });
        registry.proxy("load-server-state-from-file", KeywordRegistry.Need.BACKEND, true, false, (line, proxy) -> {
            String value = line.arg(1);
            proxy.serverStateMode = switch (value) {
                case "global" -> ServerStateFiles.Mode.GLOBAL;
                case "local" -> ServerStateFiles.Mode.LOCAL;
                case "none" -> ServerStateFiles.Mode.NONE;
                default -> throw new ConfigException("'load-server-state-from-file' expects 'global', 'local' or"
                        + " 'none'. Got '" + value + "'");
            };
        });
        registry.proxy("server-state-file-name", KeywordRegistry.Need.BACKEND, true, false, (line, proxy) -> {
            if (line.argCount() > 1) {
                throw new ConfigException("'server-state-file-name' cannot handle unexpected argument '"
                        + line.arg(2) + "'.");
            }
            String value = line.arg(1);
            proxy.serverStateFileName = value.isEmpty() || value.toLowerCase(Locale.ROOT).equals("use-backend-name")
                    ? null : value;
        });
    }
}
