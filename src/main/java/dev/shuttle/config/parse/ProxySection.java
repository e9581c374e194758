package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.acl.AclScope;
import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BalanceParameters;
import dev.shuttle.config.BindConfig;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.RetryOn;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.ServerStateFiles;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.rules.BackendRule;
import dev.shuttle.rules.CaptureDeclarations;
import dev.shuttle.rules.PersistRule;
import dev.shuttle.rules.Rule;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.ServerRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A proxy section while it is being parsed: every keyword parser writes here, and
 * {@link ConfigResolver} freezes it into a {@link ProxyConfig}.
 *
 * <p>A proxy starts as a copy of its {@code defaults} section ({@link #inheritFrom}); only what a
 * defaults section can preset is copied, never binds or servers.
 */
public final class ProxySection {
    final String name;
    final ProxyKind kind;
    final SourceLocation where;
    Integer id;
    /** The line of the {@code id} keyword, which HAProxy names when a custom id is reused. */
    SourceLocation idWhere;
    ProxyMode mode = ProxyMode.TCP;
    /** Set by {@code mode log}: the backend is a log backend, and this reads its lines (null otherwise). */
    LogBackendSection logBackend;
    String description = "";
    /** {@code guid}: empty for none (never inherited). */
    String guid = "";
    boolean disabled;
    int maxconn;
    /** {@code rate-limit sessions}: new sessions the frontend accepts per second; 0 = no limit. */
    int sessionRateLimit;
    int retries = 3;
    /** {@code fullconn}; 0: computed from the frontends that route here. */
    int fullconn;
    /** {@code retry-on}: HAProxy's default is {@code conn-failure}. */
    Set<RetryOn> retryOn = EnumSet.of(RetryOn.CONN_FAILURE);
    /** {@code option redispatch [<interval>]}: 0 off, -1 by default when on. */
    int redispatchInterval;
    BalanceAlgorithm balance = BalanceAlgorithm.RANDOM; // HAProxy 3.x, proxy.c: a backend without "balance" draws at random
    /** The arguments of {@code balance}, with {@code hash-type} and {@code hash-balance-factor}. */
    BalanceParameters balancing = BalanceParameters.DEFAULT;
    String defaultBackend;
    /** {@code use_backend} lines, in order. */
    final List<BackendRule> backendRules = new ArrayList<>();
    /** Rule lines by kind, in order; a proxy starts with those of its named defaults section. */
    final Map<RuleKind, List<Rule>> rules =
            new EnumMap<>(RuleKind.class);
    long inspectDelayMillis;
    /** Capture slots ({@code capture ... header}, {@code declare capture}, {@code capture} rules); frontends only. */
    final CaptureDeclarations captures = new CaptureDeclarations();
    /** {@code use-server} lines, in order. */
    final List<ServerRule> serverRules = new ArrayList<>();
    /** {@code force-persist} and {@code ignore-persist} lines, in order. */
    final List<PersistRule> persistRules = new ArrayList<>();
    /** {@code force-be-switch} conditions, in order. */
    final List<AclCondition> forceBackendSwitch = new ArrayList<>();
    /** {@code be-unpublished}: the backend starts unpublished. */
    boolean unpublished;
    /** Whether a {@code mode} line set the mode here or in the defaults it inherits. */
    boolean modeSet;
    /** The {@code stats} page lines, or null when the proxy has none. */
    StatsPageSection statsPage;
    /** {@code monitor-uri}, or null. */
    String monitorUri;
    /** {@code monitor fail} conditions, in order. */
    final List<AclCondition> monitorFail = new ArrayList<>();
    /** {@code return|deny ... errorfiles <name>} replies, checked once every http-errors section is known. */
    final List<HttpErrorsReply> httpErrorsReplies = new ArrayList<>();

    record HttpErrorsReply(String section, int status) {}

    /** The {@code log-profile} sections its {@code do-log profile <name>} rules name, checked once all are read. */
    final Set<String> doLogProfiles = new LinkedHashSet<>();

    final List<BindConfig> binds = new ArrayList<>();
    final List<ServerConfig> servers = new ArrayList<>();
    ServerSettings defaultServer = new ServerSettings();
    /** Named {@code default-server name <n>} sets, by name: never inherited from a defaults section. */
    final Map<String, ServerSettings> namedDefaultServers = new HashMap<>();
    /** The line that first declared each named default-server set (a server may not take its name). */
    final Map<String, Integer> namedDefaultServerLines = new HashMap<>();
    /** Each server's settings as its line left them, by name, for {@code from srv:<name>}. */
    final Map<String, ServerSettings> serverSettings = new HashMap<>();
    /** {@code source} of the backend: for the servers without one of their own (null: none). */
    Address.Inet source;
    final Map<TimeoutKind, Long> timeouts = new EnumMap<>(TimeoutKind.class);
    final List<LogTarget> logs = new ArrayList<>();
    boolean logGlobal;
    /** {@code option X} (true) and {@code no option X} (false), for the option keywords that record flags. */
    final Map<String, Boolean> options = new HashMap<>();
    HttpOptionsSection http = new HttpOptionsSection();
    /** {@code log-format}, {@code unique-id-format}... as written ({@link LogFormatKeywords}). */
    LogSection logging = new LogSection();
    /** {@code option httpchk}, {@code http-check ...}: how the servers are checked. */
    HealthCheckSection checks = new HealthCheckSection();
    /** {@code errorfile}, {@code errorfiles}, {@code errorloc*}, {@code http-error} lines, in order (see {@link ErrorResolver}). */
    final List<ErrorDirective> errorDirectives = new ArrayList<>();
    /** The rule sets this section's own lines added to ({@link RuleOrder}), not those it inherits. */
    final Set<String> ruleCategories = new HashSet<>();
    /** A named defaults section with rules: the side (frontend or backend) of the proxies that took it so far. */
    ProxyKind inheritedBy;
    /** {@code load-server-state-from-file}, or null when not given (no state loaded). */
    ServerStateFiles.Mode serverStateMode;
    /** {@code server-state-file-name <file>}, or null for the backend's name. */
    String serverStateFileName;

    /** The section's ACLs, made on first use by {@link #acls(LoadState)}; never inherited from defaults. */
    private AclScope acls;

    ProxySection(String name, ProxyKind kind, SourceLocation where) {
        this.name = name;
        this.kind = kind;
        this.where = where;
    }

    /** The settings of a server or named default-server set of this section, or null ({@link ServerOrigins}). */
    ServerSettings settingsOf(String name) {
        ServerSettings server = serverSettings.get(name);
        return server != null ? server : namedDefaultServers.get(name);
    }

    void inheritFrom(ProxySection defaults) {
        serverStateMode = defaults.serverStateMode;
        serverStateFileName = defaults.serverStateFileName;
        mode = defaults.mode;
        modeSet = defaults.modeSet;
        disabled = defaults.disabled;
        maxconn = defaults.maxconn;
        sessionRateLimit = defaults.sessionRateLimit;
        retries = defaults.retries;
        fullconn = defaults.fullconn;
        retryOn = EnumSet.copyOf(defaults.retryOn.isEmpty() ? EnumSet.noneOf(RetryOn.class) : defaults.retryOn);
        redispatchInterval = defaults.redispatchInterval;
        balance = defaults.balance;
        balancing = defaults.balancing;
        defaultServer = defaults.defaultServer.copy();
        source = defaults.source;
        timeouts.putAll(defaults.timeouts);
        defaults.rules.forEach((kind, list) -> rules.put(kind, new ArrayList<>(list)));
        inspectDelayMillis = defaults.inspectDelayMillis;
        if (kind.hasFrontendCapability()) {
            monitorUri = defaults.monitorUri;
        }
        statsPage = defaults.statsPage != null ? defaults.statsPage.copy() : null;
        logs.addAll(defaults.logs);
        logGlobal = defaults.logGlobal;
        options.putAll(defaults.options);
        http = defaults.http.copy();
        logging = defaults.logging.copy();
        logging.cookieCapture = null;
        checks = defaults.checks.copy();
        errorDirectives.addAll(defaults.errorDirectives);
        if (kind.hasFrontendCapability()) {
            defaultBackend = defaults.defaultBackend;
        }
    }

    public String name() {
        return name;
    }

    public ProxyKind kind() {
        return kind;
    }

    public ProxyMode mode() {
        return mode;
    }

    /** Whether {@code option name} is on, off, or left unsaid. */
    public Optional<Boolean> option(String optionName) {
        return Optional.ofNullable(options.get(optionName));
    }

    /**
     * The section's ACLs and what its expressions compile with (the fetch registry, this load's
     * pattern and map files): {@code acl} lines declare here, rule conditions look names up here.
     */
    public AclScope acls(LoadState state) {
        if (acls == null) {
            acls = new AclScope(StandardRegistry.get(),
                    PatternFiles.of(state), null,
                    text -> state.diagnostics().emit(Diagnostics.Level.WARNING, "config : " + text));
        }
        return acls;
    }

    /** "frontend 'fe'", as HAProxy names a proxy in its messages. */
    public String describe() {
        return (kind == ProxyKind.LISTEN ? "proxy" : kind.keyword()) + " '" + name + "'";
    }
}
