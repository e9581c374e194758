package dev.shuttle.rules;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The actions each rule keyword accepts ({@code http-request set-header}, {@code tcp-request
 * content reject}...), by keyword. Families of actions register here; filled once at startup.
 */
public final class ActionRegistry {
    private final Map<RuleKind, Map<String, ActionParser>> actions = new EnumMap<>(RuleKind.class);

    public void register(RuleKind kind, String name, ActionParser parser) {
        if (actions.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(name, parser) != null) {
            throw new IllegalArgumentException(kind.keyword() + " " + name + " registered twice");
        }
    }

    /** Registers the same parser for several rule kinds. */
    public void register(String name, ActionParser parser, RuleKind... kinds) {
        for (RuleKind kind : kinds) {
            register(kind, name, parser);
        }
    }

    public Optional<ActionParser> find(RuleKind kind, String name) {
        return Optional.ofNullable(actions.getOrDefault(kind, Map.of()).get(name));
    }

    /** The action names of a rule kind, sorted, for "expects one of ..." messages. */
    public String names(RuleKind kind) {
        return String.join(", ", new TreeSet<>(actions.getOrDefault(kind, Map.of()).keySet()));
    }

    private static final ActionRegistry STANDARD = build();

    public static ActionRegistry standard() {
        return STANDARD;
    }

    private static ActionRegistry build() {
        ActionRegistry registry = new ActionRegistry();
        StandardActions.registerAll(registry);
        return registry;
    }
}
