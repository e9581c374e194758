package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyKind;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.rules.RuleKind;
import java.util.List;

/**
 * A named defaults section may hold rules (HAProxy 2.5+), which run before those of the proxy that
 * takes it. A rule set only makes sense on one side, so HAProxy 3.x refuses: a defaults or listen
 * section taking one, a frontend and a backend taking the same one, and a backend taking
 * {@code tcp-request connection} or {@code session} rules, which only a frontend runs.
 */
final class DefaultsWithRules {
    private DefaultsWithRules() {}

    static void checkInheritance(ProxySection defaults, ProxySection proxy) throws ConfigException {
        if (defaults.rules.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        String at = " (defaults section at " + defaults.where + ")";
        switch (proxy.kind) {
            case DEFAULTS -> throw new ConfigException(
                    "a defaults section cannot inherit from a defaults section defining TCP/HTTP rules" + at + ".");
            case LISTEN -> throw new ConfigException(
                    "a listen section cannot inherit from a defaults section defining TCP/HTTP rules.");
            default -> {
                if (defaults.inheritedBy != null && defaults.inheritedBy != proxy.kind) {
                    throw new ConfigException("frontends and backends cannot inherit from the same defaults section "
                            + "if it defines TCP/HTTP rules" + at + ".");
                }
                defaults.inheritedBy = proxy.kind;
                if (proxy.kind == ProxyKind.BACKEND && (has(defaults, RuleKind.TCP_REQUEST_CONNECTION)
                        || has(defaults, RuleKind.TCP_REQUEST_SESSION))) {
                    throw new ConfigException("a backend section cannot inherit from a defaults section defining "
                            + "'tcp-request connection' or 'tcp-request session' rules" + at + ".");
                }
            }
        }
    }

    private static boolean has(ProxySection defaults, RuleKind kind) {
        return !defaults.rules.getOrDefault(kind, List.of()).isEmpty();
    }
}
