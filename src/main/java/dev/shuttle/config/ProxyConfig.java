package dev.shuttle.config;

import dev.shuttle.http.ErrorResponses;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.rules.ProxyRules;
import dev.shuttle.rules.ReplyTemplate;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.ProxyView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code frontend}, {@code backend} or {@code listen} section, complete with what it inherited
 * from its {@code defaults} section. Immutable once loading has finished.
 *
 * @param defaultBackend the backend named by {@code default_backend}, or empty
 * @param logs           where this proxy's logs go, with {@code log global} already replaced by the global targets
 * @param options        {@code option} flags: true when set, false when negated with {@code no option}
 * @param rules          {@code http-request}, {@code tcp-request}... rules and {@code use_backend} lines
 * @param http           the HTTP options ({@code option forwardfor}, connection modes...)
 * @param errors         the error messages: custom ones ({@code errorfile}, {@code http-error}...), else built-in
 * @param checks         how its servers are health-checked ({@code option httpchk}, {@code http-check}...)
 * @param logging        how its traffic is logged ({@code log-format}, {@code option httplog}, unique IDs...)
 * @param errorTemplates the error replies made per exchange ({@code http-error ... lf-string}), by status:
 *                       they take the place of {@code errors}' message for their status
 * @param fullconn       the backend load at which servers with a {@code minconn} reach their {@code maxconn}
 *                       ({@code fullconn}, else 10% of the maxconns of the frontends that route to it, at least 1);
 *                       0 where unknown (a test's proxy): the limits are then static
 * @param retryPolicy    {@code retry-on} and {@code option redispatch [<interval>]}
 * @param balancing      the arguments of {@code balance}, {@code hash-type} and {@code hash-balance-factor}
 * @param sessionRateLimit {@code rate-limit sessions}: new sessions accepted per second; 0 = no limit
 * @param guid           its {@code guid}, empty for none: what a stats-file names it by
 * @param startsUnpublished {@code be-unpublished}: content switching passes over it until {@code publish backend}
 */
public record ProxyConfig(String name, ProxyKind kind, SourceLocation where, int id, ProxyMode mode,
                          String description, boolean disabled, int maxconn, List<BindConfig> binds,
                          Optional<String> defaultBackend, BalanceAlgorithm balance,
                          List<ServerConfig> servers, int retries, Timeouts timeouts, List<LogTarget> logs,
                          Map<String, Boolean> options, HttpSettings http,
                          ErrorResponses errors, ProxyRules rules, HealthCheckConfig checks,
                          LogSettings logging, Map<Integer, ReplyTemplate> errorTemplates,
                          int fullconn, RetryPolicy retryPolicy, BalanceParameters balancing,
                          int sessionRateLimit, String guid, boolean startsUnpublished)
        implements ProxyView {
    /** A proxy without {@code rate-limit sessions}. */
    public ProxyConfig(String name, ProxyKind kind, SourceLocation where, int id, ProxyMode mode,
                       String description, boolean disabled, int maxconn, List<BindConfig> binds,
                       Optional<String> defaultBackend, BalanceAlgorithm balance,
                       List<ServerConfig> servers, int retries, Timeouts timeouts, List<LogTarget> logs,
                       Map<String, Boolean> options, HttpSettings http,
                       ErrorResponses errors, ProxyRules rules, HealthCheckConfig checks,
                       LogSettings logging, Map<Integer, ReplyTemplate> errorTemplates,
                       int fullconn, RetryPolicy retryPolicy, BalanceParameters balancing) {
        this(name, kind, where, id, mode, description, disabled, maxconn, binds, defaultBackend, balance, servers,
                retries, timeouts, logs, options, http, errors, rules, checks, logging, errorTemplates, fullconn,
                retryPolicy, balancing, 0, "", false);
    }

    /**
     * A proxy with static server limits, HAProxy's default retry policy, an algorithm that takes no
     * argument and, if it hashes, the default {@code hash-type}.
     */
    public ProxyConfig(String name, ProxyKind kind, SourceLocation where, int id, ProxyMode mode,
                       String description, boolean disabled, int maxconn, List<BindConfig> binds,
                       Optional<String> defaultBackend, BalanceAlgorithm balance,
                       List<ServerConfig> servers, int retries, Timeouts timeouts, List<LogTarget> logs,
                       Map<String, Boolean> options, HttpSettings http, ErrorResponses errors, ProxyRules rules,
                       HealthCheckConfig checks, LogSettings logging, Map<Integer, ReplyTemplate> errorTemplates) {
        this(name, kind, where, id, mode, description, disabled, maxconn, binds, defaultBackend, balance, servers,
                retries, timeouts, logs, options, http, errors, rules, checks, logging, errorTemplates, 0,
                new RetryPolicy(RetryPolicy.DEFAULT.retryOn(), Boolean.TRUE.equals(options.get("redispatch")) ? -1 : 0),
                BalanceParameters.DEFAULT);
    }

    /** A proxy without custom logging ({@code log-format}, {@code unique-id-format}...). */
    public ProxyConfig(String name, ProxyKind kind, SourceLocation where, int id, ProxyMode mode,
                       String description, boolean disabled, int maxconn, List<BindConfig> binds,
                       Optional<String> defaultBackend, BalanceAlgorithm balance,
                       List<ServerConfig> servers, int retries, Timeouts timeouts, List<LogTarget> logs,
                       Map<String, Boolean> options, HttpSettings http, ErrorResponses errors, ProxyRules rules,
                       HealthCheckConfig checks) {
        this(name, kind, where, id, mode, description, disabled, maxconn, binds, defaultBackend, balance, servers,
                retries, timeouts, logs, options, http, errors, rules, checks, LogSettings.NONE, Map.of());
    }

    /** A proxy whose servers, if checked, get TCP connect checks. */
    public ProxyConfig(String name, ProxyKind kind, SourceLocation where, int id, ProxyMode mode,
                       String description, boolean disabled, int maxconn, List<BindConfig> binds,
                       Optional<String> defaultBackend, BalanceAlgorithm balance,
                       List<ServerConfig> servers, int retries, Timeouts timeouts, List<LogTarget> logs,
                       Map<String, Boolean> options, HttpSettings http, ErrorResponses errors, ProxyRules rules) {
        this(name, kind, where, id, mode, description, disabled, maxconn, binds, defaultBackend, balance, servers,
                retries, timeouts, logs, options, http, errors, rules, HealthCheckConfig.TCP);
    }

    public ProxyConfig {
        binds = List.copyOf(binds);
        servers = List.copyOf(servers);
        logs = List.copyOf(logs);
        options = Map.copyOf(options);
        errorTemplates = Map.copyOf(errorTemplates);
    }

    /** Whether {@code option <name>} is on (said here or inherited from defaults, and not negated). */
    public boolean isOptionSet(String optionName) {
        return options.getOrDefault(optionName, false);
    }

    /** The capture slots its rules declared. */
    @Override
    public Captures captures() {
        return rules.captures();
    }

    @Override
    public long timeoutMillis(Timeout kind) {
        return switch (kind) {
            case CLIENT -> timeouts.get(TimeoutKind.CLIENT);
            case SERVER -> timeouts.get(TimeoutKind.SERVER);
            case CONNECT -> timeouts.get(TimeoutKind.CONNECT);
            // Only a proxy with a backend side takes connect for an unset queue or tarpit timeout (HAProxy 3.5:
            // fe_tarpit_timeout is 0 in a frontend, the connect timeout in a listen section).
            case QUEUE -> kind().hasBackendCapability() ? timeouts.getOr(TimeoutKind.QUEUE, TimeoutKind.CONNECT)
                    : timeouts.get(TimeoutKind.QUEUE);
            case TARPIT -> kind().hasBackendCapability() ? timeouts.getOr(TimeoutKind.TARPIT, TimeoutKind.CONNECT)
                    : timeouts.get(TimeoutKind.TARPIT);
            case TUNNEL -> timeouts.get(TimeoutKind.TUNNEL);
        };
    }

    /** "frontend 'fe'", as HAProxy names a proxy in its messages. */
    public String describe() {
        return (kind == ProxyKind.LISTEN ? "proxy" : kind.keyword()) + " '" + name + "'";
    }
}
