package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.SampleContext;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule of one proxy: the rule sets by kind, the backend and server switching rules, the TCP
 * inspection delay, the capture slots and the monitor URI. Immutable once loaded.
 *
 * @param backendRules         {@code use_backend} lines in order; the first that applies wins
 * @param inspectDelayMillis   {@code tcp-request inspect-delay}
 * @param captures             the capture slots ({@code capture ... header}, {@code declare capture}...)
 * @param serverRules          {@code use-server} lines in order
 * @param monitor              {@code monitor-uri} with its {@code monitor fail} conditions
 * @param persistRules         {@code force-persist} and {@code ignore-persist} lines in order
 * @param statsPage            the statistics page ({@code stats enable}, {@code stats uri}...), if any
 * @param backendSwitchForcing {@code force-be-switch} conditions: when one holds, switching may pick an
 *                             unpublished backend
 */
public record ProxyRules(Map<RuleKind, RuleSet> sets, List<BackendRule> backendRules, long inspectDelayMillis,
                         Captures captures, List<ServerRule> serverRules, Optional<MonitorRule> monitor,
                         List<PersistRule> persistRules, Optional<StatsPageRule> statsPage,
                         List<AclCondition> backendSwitchForcing) {
    public static final ProxyRules NONE = new ProxyRules(new EnumMap<>(RuleKind.class), List.of(), 0);

    public ProxyRules {
        // An EnumMap: every exchange looks its rule sets up by kind, and an EnumMap indexes an array.
        EnumMap<RuleKind, RuleSet> byKind = new EnumMap<>(RuleKind.class);
        byKind.putAll(sets);
        sets = Collections.unmodifiableMap(byKind);
        backendRules = List.copyOf(backendRules);
        serverRules = List.copyOf(serverRules);
        persistRules = List.copyOf(persistRules);
        backendSwitchForcing = List.copyOf(backendSwitchForcing);
    }

    /** A proxy without {@code force-be-switch} lines. */
    public ProxyRules(Map<RuleKind, RuleSet> sets, List<BackendRule> backendRules, long inspectDelayMillis,
                      Captures captures, List<ServerRule> serverRules, Optional<MonitorRule> monitor,
                      List<PersistRule> persistRules, Optional<StatsPageRule> statsPage) {
        this(sets, backendRules, inspectDelayMillis, captures, serverRules, monitor, persistRules, statsPage, List.of());
    }

    /**
     * {@code force-be-switch} (configuration.txt §4.2): whether one of its conditions holds for the
     * stream, letting content switching pick an unpublished backend.
     */
    public boolean forcesBackendSwitch(SampleContext context) {
        for (AclCondition condition : backendSwitchForcing) {
            if (condition.matches(context)) {
                return true;
            }
        }
        return false;
    }

    /** A proxy without a statistics page. */
    public ProxyRules(Map<RuleKind, RuleSet> sets, List<BackendRule> backendRules, long inspectDelayMillis,
                      Captures captures, List<ServerRule> serverRules, Optional<MonitorRule> monitor,
                      List<PersistRule> persistRules) {
        this(sets, backendRules, inspectDelayMillis, captures, serverRules, monitor, persistRules, Optional.empty());
    }

    /** A proxy without {@code force-persist} or {@code ignore-persist} lines. */
    public ProxyRules(Map<RuleKind, RuleSet> sets, List<BackendRule> backendRules, long inspectDelayMillis,
                      Captures captures, List<ServerRule> serverRules, Optional<MonitorRule> monitor) {
        this(sets, backendRules, inspectDelayMillis, captures, serverRules, monitor, List.of());
    }

    public ProxyRules(Map<RuleKind, RuleSet> sets, List<BackendRule> backendRules, long inspectDelayMillis) {
        this(sets, backendRules, inspectDelayMillis, Captures.NONE, List.of(), Optional.empty());
    }

    public RuleSet of(RuleKind kind) {
        RuleSet set = sets.get(kind);
        return set != null ? set : RuleSet.EMPTY;
    }
}
