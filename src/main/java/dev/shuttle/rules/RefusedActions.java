package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import java.util.List;

/**
 * HTTP actions that belong to features Shuttle does not have yet: refused with a clear message
 * rather than ignored (the manual's list, configuration.txt §4.3).
 */
final class RefusedActions {
    private static final List<String> LATER = List.of("use-service", "do-resolve", "lua",
            "send-spoe-group", "set-bandwidth-limit", "track-sc0", "track-sc1", "track-sc2", "sc-inc-gpc",
            "sc-inc-gpc0", "sc-inc-gpc1", "sc-set-gpt", "sc-set-gpt0", "sc-add-gpc", "cache-store", "cache-use",
            "set-mark", "set-tos",
            "set-fc-mark", "set-fc-tos", "pause");

    private RefusedActions() {}

    static void register(ActionRegistry registry) {
        for (String name : LATER) {
            for (RuleKind kind : List.of(RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE, RuleKind.HTTP_AFTER_RESPONSE)) {
                if (registry.find(kind, name).isEmpty()) {
                    registry.register(kind, name, (words, compiler) -> {
                        throw new ConfigException("'" + kind.keyword() + " " + name + "' is not supported by Shuttle yet.");
                    });
                }
            }
        }
    }
}
