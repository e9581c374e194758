package dev.shuttle.config.parse;

import dev.shuttle.config.CheckGlobals;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;

/**
 * {@code option external-check}, {@code external-check command <cmd>} and {@code external-check
 * path <path>} in defaults, listen and backend sections (configuration.txt §4), with HAProxy 3.5's
 * messages (extcheck.c); {@link #validate} adds the checks 3.5 makes once the proxy is read.
 */
final class ExternalCheckKeywords {
    private ExternalCheckKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.option("external-check", Need.BACKEND, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            if (!line.negated()) {
                proxy.checks.kind = HealthCheckConfig.Kind.EXTERNAL;
            } else if (proxy.checks.kind == HealthCheckConfig.Kind.EXTERNAL) {
                proxy.checks.kind = HealthCheckConfig.Kind.TCP_CONNECT;
            }
        });
        registry.proxy("external-check", Need.BACKEND, true, false, ExternalCheckKeywords::externalCheck);
    }

    private static void externalCheck(KeywordContext line, ProxySection proxy) throws ConfigException {
        String what = line.arg(1);
        if (what.isEmpty()) {
            throw new ConfigException("missing argument after 'external-check'.");
        }
        if (!what.equals("command") && !what.equals("path")) {
            throw new ConfigException("'external-check' only supports 'command' and 'path'. but got '" + what + "'.");
        }
        if (line.argCount() > 2) {
            throw new ConfigException("'external-check' cannot handle unexpected argument '" + line.arg(3) + "'.");
        }
        if (line.arg(2).isEmpty()) {
            throw new ConfigException("missing argument after '" + what + "'.");
        }
        if (what.equals("command")) {
            proxy.checks.externalCommand = line.arg(2);
        } else {
            proxy.checks.externalPath = line.arg(2);
        }
    }

    /**
     * What HAProxy 3.5 checks once a proxy is read (proxy.c): {@code option external-check} needs
     * {@code global external-check} and a command (alerts) and is warned without {@code
     * insecure-fork-wanted}; a command without a leading '/' needs a path (alert); a command or path
     * without the option is ignored with a warning.
     */
    static void validate(ProxySection proxy, GlobalSection global, Diagnostics diagnostics) {
        if (!proxy.kind.hasBackendCapability()) {
            return;
        }
        HealthCheckSection checks = proxy.checks;
        boolean external = checks.kind == HealthCheckConfig.Kind.EXTERNAL;
        String option = "'option external-check'";
        if (external) {
            if (global.externalCheck == CheckGlobals.ExternalChecks.FORBIDDEN) {
                diagnostics.emit(Diagnostics.Level.ALERT, "Proxy '" + proxy.name + "' : " + option
                        + " unable to find required 'global.external-check'.");
            }
            if (checks.externalCommand == null) {
                diagnostics.emit(Diagnostics.Level.ALERT, "Proxy '" + proxy.name + "' : " + option
                        + " unable to find required 'external-check command'.");
            }
            if (!global.insecureForkWanted) {
                diagnostics.emit(Diagnostics.Level.WARNING, "Proxy '" + proxy.name + "' : 'insecure-fork-wanted' not "
                        + "enabled in the global section, " + option + " will likely fail.");
            }
        }
        if (checks.externalCommand != null) {
            if (!external) {
                diagnostics.emit(Diagnostics.Level.WARNING, "'external-check command' will be ignored for "
                        + proxy.describe() + " (requires 'option external-check').");
            }
            if (!checks.externalCommand.startsWith("/") && checks.externalPath == null) {
                diagnostics.emit(Diagnostics.Level.ALERT, "Proxy '" + proxy.name + "': 'external-check command' does "
                        + "not have a leading '/' and 'external-check path' is not set.");
            }
        }
        if (checks.externalPath != null && !external) {
            diagnostics.emit(Diagnostics.Level.WARNING, "'external-check path' will be ignored for "
                    + proxy.describe() + " (requires 'option external-check').");
        }
    }
}
