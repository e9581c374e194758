package dev.shuttle.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule of one proxy: the rule sets by kind, the backend switching rules, and the TCP
 * inspection delays. Immutable once loaded.
 *
 * @param backendRules         {@code use_backend} lines in order; the first that applies wins
 * @param inspectDelayMillis   {@code tcp-request inspect-delay}
 */
public record ProxyRules(Map<RuleKind, RuleSet> sets, List<BackendRule> backendRules, long inspectDelayMillis) {
    public static final ProxyRules NONE = new ProxyRules(new EnumMap<>(RuleKind.class), List.of(), 0);

    public ProxyRules {
        sets = sets.isEmpty() ? Map.of() : new EnumMap<>(sets);
        backendRules = List.copyOf(backendRules);
    }

    public RuleSet of(RuleKind kind) {
        return sets.getOrDefault(kind, RuleSet.EMPTY);
    }
}
