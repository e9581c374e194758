package dev.shuttle.config.parse;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BindConfig;
import dev.shuttle.config.CheckGlobals;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.GlobalConfig;
import dev.shuttle.config.Http2Tunables;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogForwardConfig;
import dev.shuttle.config.LogSetup;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.RetryPolicy;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.ServerStateFiles;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.config.TlsGlobalSettings;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.rules.BackendRule;
import dev.shuttle.rules.CaptureDeclarations;
import dev.shuttle.rules.MonitorRule;
import dev.shuttle.rules.ProxyRules;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.RuleSet;
import dev.shuttle.rules.ServerRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns parsed sections into the immutable {@link Configuration}, checking what only the whole
 * configuration can tell: that named backends exist and fit their frontends, that ids are unique,
 * and that nothing important is missing.
 */
final class ConfigResolver {
    private final LoadState state;
    private final Diagnostics diagnostics;
    /** One for every proxy: it freezes the log-profile sections once. */
    private final LogSettingsResolver logSettings;

    ConfigResolver(LoadState state) {
        this.state = state;
        this.diagnostics = state.diagnostics();
        this.logSettings = new LogSettingsResolver(state);
    }

    Configuration resolve() {
        GlobalSection g = state.global;
        GlobalConfig global = new GlobalConfig(g.maxconn > 0 ? g.maxconn : 4096, g.nbthread,
                Optional.ofNullable(g.pidfile), g.daemon, withProfiles(g.logs), g.hardStopAfterMillis, g.graceMillis,
                g.bufferSize, g.maxRewrite, g.statsSockets, g.statsTimeoutMillis, g.nodeName,
                new TlsGlobalSettings(g.tls.sessions(), g.tls.files.build()), g.processVariables.values(),
                new CheckGlobals(g.spreadChecks, g.maxSpreadChecksMillis, g.externalCheck, g.insecureForkWanted),
                g.maxConnectionRate, g.maxSessionRate, Optional.ofNullable(g.statsFile),
                new Http2Tunables(g.h2HeaderTableSize, g.h2InitialWindowSize, g.h2FrontInitialWindowSize,
                        g.h2MaxConcurrentStreams, g.h2FrontMaxConcurrentStreams, g.h2MaxFrameSize,
                        g.h2FrontMaxTotalStreams, g.h2FrontGlitchesThreshold, g.h2BackInitialWindowSize,
                        g.h2BackMaxConcurrentStreams, g.h2BackGlitchesThreshold, g.h2WebsocketDisabled));
        if (g.maxRewrite >= g.bufferSize / 2) {
            diagnostics.emit(Diagnostics.Level.ALERT, "config : tune.maxrewrite (" + g.maxRewrite
                    + ") must be smaller than half of tune.bufsize (" + g.bufferSize + ").");
        }
        checkCustomIds();
        checkTracking();
        List<ProxyConfig> proxies = new ArrayList<>();
        // HAProxy 3.x numbers proxies without an "id" from 2: its cfgparse.c keeps 1 free unless a
        // proxy asks for it, a known historical quirk it keeps on purpose (2.6 started at 1).
        List<Integer> proxyIds = assignIds(state.proxies.stream().map(p -> p.id).toList(), FIRST_PROXY_ID);
        Map<String, Long> frontendMaxconns = frontendMaxconnsByBackend(global.maxconn());
        for (int i = 0; i < state.proxies.size(); i++) {
            if (state.proxies.get(i).logBackend == null) { // a log backend carries no traffic: LogSetup holds it
                ProxySection p = state.proxies.get(i);
                proxies.add(freeze(p, proxyIds.get(i), global, fullconn(p, frontendMaxconns)));
            }
        }
        Configuration configuration = new Configuration(global, proxies, logSetup(proxies, global, proxyIds),
                PatternFiles.of(state), serverStates(), new RuntimeBackends(state, global));
        proxies.forEach(proxy -> check(proxy, configuration));
        return configuration;
    }

    /** The server state files and each backend's choice among them (a backend without one loads none). */
    private ServerStateFiles serverStates() {
        Map<String, ServerStateFiles.Source> sources = new HashMap<>();
        for (ProxySection p : state.proxies) {
            if (p.kind().hasBackendCapability() && p.serverStateMode != null) {
                sources.put(p.name(), new ServerStateFiles.Source(p.serverStateMode,
                        Optional.ofNullable(p.serverStateFileName)));
            }
        }
        GlobalSection g = state.global;
        return new ServerStateFiles(Optional.ofNullable(g.serverStateFile), Optional.ofNullable(g.serverStateBase),
                sources);
    }

    /**
     * Host name, tag, rings and log backends; a {@code log ring@<name>} must name a ring section,
     * a {@code log backend@<name>} a backend with {@code mode log} and a server.
     */
    private LogSetup logSetup(List<ProxyConfig> proxies, GlobalConfig global, List<Integer> proxyIds) {
        GlobalSection g = state.global;
        Map<String, RingConfig> rings = new HashMap<>();
        g.rings.forEach((name, ring) -> rings.put(name, ring.freeze(diagnostics)));
        Map<String, LogBackendConfig> backends = new HashMap<>();
        for (int i = 0; i < state.proxies.size(); i++) {
            ProxySection proxy = state.proxies.get(i);
            if (proxy.logBackend != null && !proxy.disabled) {
                try {
                    backends.put(proxy.name, proxy.logBackend.freeze(proxy, proxyIds.get(i)));
                } catch (ConfigException e) {
                    diagnostics.emit(Diagnostics.Level.ALERT, e.getMessage());
                }
            }
        }
        List<LogForwardConfig> forwarders = new ArrayList<>();
        g.logForwards.values().forEach(section -> forwarders.add(section.freeze(global.logs(), diagnostics)));
        List<LogTarget> targets = new ArrayList<>(global.logs());
        proxies.forEach(proxy -> targets.addAll(proxy.logs()));
        forwarders.forEach(forwarder -> targets.addAll(forwarder.logs()));
        for (LogTarget target : targets) {
            if (target.destination() instanceof LogDestination.Ring ring && !rings.containsKey(ring.name())) {
                diagnostics.alert(target.where(), "log : no such ring '" + ring.name() + "'.");
            }
            if (target.destination() instanceof LogDestination.Backend backend) {
                LogBackendConfig found = backends.get(backend.name());
                if (found == null) {
                    diagnostics.alert(target.where(), "log : no log backend named '" + backend.name()
                            + "' (a backend with 'mode log', not disabled).");
                } else if (found.servers().isEmpty()) {
                    diagnostics.alert(target.where(), "log : log backend '" + backend.name() + "' has no server.");
                }
            }
        }
        return new LogSetup(Optional.ofNullable(g.logSendHostname), Optional.ofNullable(g.logTag), rings, backends,
                forwarders);
    }

    /**
     * For each backend, the sum of the maxconns of the frontends that may route to it: by
     * {@code default_backend} or a {@code use_backend} with a fixed name (each frontend counted once
     * per backend), or itself for a {@code listen} section without a default backend (HAProxy's
     * proxy_adjust_all_maxconn()). A frontend without {@code maxconn} counts the global one.
     */
    private Map<String, Long> frontendMaxconnsByBackend(int globalMaxconn) {
        Map<String, Long> sums = new HashMap<>();
        for (ProxySection p : state.proxies) {
            if (p.disabled || !p.kind.hasFrontendCapability()) {
                continue;
            }
            long maxconn = p.maxconn > 0 ? p.maxconn : globalMaxconn;
            Set<String> targets = new HashSet<>();
            if (p.defaultBackend != null) {
                targets.add(p.defaultBackend);
            } else if (p.kind == ProxyKind.LISTEN) {
                targets.add(p.name);
            }
            for (BackendRule rule : p.backendRules) {
                if (rule.isStatic()) {
                    targets.add(rule.backend().render(null));
                }
            }
            targets.forEach(name -> sums.merge(name, maxconn, Long::sum));
        }
        return sums;
    }

    /** {@code fullconn}, else 10% of the frontends' maxconns rounded up, at least 1 (configuration.txt, "fullconn"). */
    private static int fullconn(ProxySection p, Map<String, Long> frontendMaxconns) {
        if (p.fullconn > 0 || !p.kind.hasBackendCapability()) {
            return p.fullconn;
        }
        long computed = (frontendMaxconns.getOrDefault(p.name, 0L) + 9) / 10;
        return (int) Math.max(1, Math.min(computed, Integer.MAX_VALUE));
    }

    /** A backend section made at run time ({@code add backend}): frozen as at load, with static server limits. */
    ProxyConfig freezeAtRuntime(ProxySection p, int id, GlobalConfig global) {
        return freeze(p, id, global, 0);
    }

    private ProxyConfig freeze(ProxySection p, int id, GlobalConfig global, int fullconn) {
        warnHttpOnlyOptions(p);
        List<LogTarget> logs = withProfiles(p.logs);
        if (p.logGlobal) {
            logs.addAll(global.logs());
        }
        List<Integer> serverIds = assignIds(p.servers.stream().map(s -> s.id() == 0 ? null : s.id()).toList(), 1);
        List<ServerConfig> servers = new ArrayList<>();
        TlsResolver tls = new TlsResolver(diagnostics);
        for (int i = 0; i < p.servers.size(); i++) {
            ServerConfig s = p.servers.get(i);
            servers.add(new ServerConfig(s.where(), s.name(), s.address(), serverIds.get(i), s.weight(), s.maxconn(),
                    s.disabled(), s.backup(), s.pooling().withDefaultSource(p.source), tls.server(p, s), s.proxySending(),
                    s.check(), s.queueing(), s.hashKey(), s.persistence(), s.slowstartMillis(), s.guid()));
        }
        servers = PersistenceResolver.resolve(p, servers, diagnostics);
        if (p.kind.hasBackendCapability()) {
            CheckProtocolRules.validate(p, servers, p.checks.freeze(), diagnostics);
        }
        List<BindConfig> binds = p.binds.stream().map(bind -> tls.bind(p, bind)).toList();
        BalanceAlgorithm balance = p.balance;
        if (p.kind.hasBackendCapability() && balance.needsHttp() && p.mode != ProxyMode.HTTP) {
            // HAProxy's proxy_cfg_ensure_no_http(): a layer 7 hash in a TCP backend becomes round robin.
            diagnostics.emit(Diagnostics.Level.WARNING, "Layer 7 hash not possible for " + p.describe()
                    + " (needs 'mode http'). Falling back to round robin.");
            balance = BalanceAlgorithm.ROUNDROBIN;
        }
        return new ProxyConfig(p.name, p.kind, p.where, id, p.mode, p.description, p.disabled, p.maxconn, binds,
                Optional.ofNullable(p.defaultBackend), balance, servers, p.retries,
                new Timeouts(p.timeouts), logs, p.options, p.http.freeze(),
                ErrorResolver.resolve(p.name, p.errorDirectives, diagnostics), rules(p),
                checks(p), logSettings.resolve(p), ErrorResolver.templates(p.errorDirectives),
                fullconn, new RetryPolicy(p.retryOn, p.redispatchInterval), p.balancing, p.sessionRateLimit,
                p.guid, p.unpublished);
    }

    /** The targets with their {@code log-profile} sections found; an unknown one is an alert. */
    private List<LogTarget> withProfiles(List<LogTarget> targets) {
        List<LogTarget> resolved = new ArrayList<>(targets.size());
        for (LogTarget target : targets) {
            if (target.profileName() == null) {
                resolved.add(target);
                continue;
            }
            LogProfileSection profile = state.logProfiles.get(target.profileName());
            if (profile == null) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config : parsing [" + target.where() + "] : log target '"
                        + target.target() + "': unknown log-profile '" + target.profileName() + "'.");
                resolved.add(target);
            } else {
                resolved.add(target.withProfile(profile.freeze()));
            }
        }
        return resolved;
    }

    /** HAProxy's warning for an option that only HTTP mode honours (proxy.c, the options table). */
    private void warnHttpOnlyOptions(ProxySection p) {
        if (p.mode != ProxyMode.HTTP && Boolean.TRUE.equals(p.options.get("prefer-last-server"))) {
            diagnostics.emit(Diagnostics.Level.WARNING, "'option prefer-last-server' ignored for proxy '" + p.name
                    + "' as it requires HTTP mode.");
        }
        if (p.mode == ProxyMode.TCP && p.kind.hasBackendCapability() && p.http.abortOnCloseWritten) {
            // 3.5 aborts a TCP connect whose client closed under it; Shuttle watches HTTP/1 clients only.
            diagnostics.emit(Diagnostics.Level.WARNING, "'option abortonclose' has no effect in TCP mode in Shuttle "
                    + "for proxy '" + p.name + "': a connection whose client closes still connects to its server.");
        }
    }

    /** The proxy's checks; http-check rules without {@code option httpchk} are ignored with HAProxy's warning. */
    private HealthCheckConfig checks(ProxySection p) {
        ExternalCheckKeywords.validate(p, state.global, diagnostics);
        HealthCheckConfig checks = p.checks.freeze();
        if (p.kind.hasBackendCapability() && checks.kind() != HealthCheckConfig.Kind.HTTP
                && (p.checks.sendSeen || !checks.expects().isEmpty() || p.checks.isSequence())) {
            diagnostics.emit(Diagnostics.Level.WARNING, p.describe()
                    + " uses http-check rules without 'option httpchk', so the rules are ignored.");
        }
        if (p.kind.hasBackendCapability() && checks.kind() != HealthCheckConfig.Kind.TCP_RULES
                && !p.checks.tcpRules.isEmpty()) {
            diagnostics.emit(Diagnostics.Level.WARNING, p.describe()
                    + " uses tcp-check rules without 'option tcp-check', so the rules are ignored.");
        }
        return checks;
    }

    private ProxyRules rules(ProxySection p) {
        Map<RuleKind, RuleSet> sets = new EnumMap<>(RuleKind.class);
        p.rules.forEach((kind, list) -> sets.put(kind, new RuleSet(list)));
        if (p.kind.hasFrontendCapability()) {
            for (CaptureDeclarations.Reference missing : p.captures.missing()) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config : Proxy '" + p.name + "': unable to find capture id '"
                        + missing.id() + "' referenced by " + missing.ruleKeyword() + " capture rule.");
            }
        }
        for (ProxySection.HttpErrorsReply reply : p.httpErrorsReplies) {
            Optional<HttpErrorsSections.Section> section = HttpErrorsSections.of(state).find(reply.section());
            if (section.isEmpty()) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config : Proxy '" + p.name + "': unknown http-errors section '"
                        + reply.section() + "' referenced by an http reply .");
            } else if (!section.get().messages.containsKey(reply.status())) {
                diagnostics.emit(Diagnostics.Level.WARNING, "config : Proxy '" + p.name + "': status '" + reply.status()
                        + "' referenced by an http reply not declared in http-errors section '" + reply.section() + "'.");
            }
        }
        for (String profile : p.doLogProfiles) {
            if (!state.logProfiles.containsKey(profile)) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config : Proxy '" + p.name + "': do-log action: profile '"
                        + profile + "' is invalid.");
            }
        }
        if (p.statsPage != null) {
            p.statsPage.conflict(p.name).ifPresent(alert -> diagnostics.emit(Diagnostics.Level.ALERT, alert));
        }
        Optional<MonitorRule> monitor = Optional.ofNullable(p.monitorUri)
                .map(uri -> new MonitorRule(uri, p.monitorFail));
        return new ProxyRules(sets, p.backendRules, p.inspectDelayMillis, p.captures.freeze(), p.serverRules, monitor,
                p.persistRules, Optional.ofNullable(p.statsPage).map(page -> page.freeze(p.name)), p.forceBackendSwitch);
    }

    /** Custom ids ({@code id}) must be unique among proxies, and among the servers of each proxy. */
    /**
     * {@code track [<backend>/]<server>}: the server exists, and is checked or tracks another one
     * (HAProxy 3.5's words).
     */
    private void checkTracking() {
        for (ProxySection proxy : state.proxies) {
            for (ServerConfig server : proxy.servers) {
                if (server.check().track().isEmpty()) {
                    continue;
                }
                String target = server.check().track().get();
                int slash = target.indexOf('/');
                String backendName = slash < 0 ? proxy.name : target.substring(0, slash);
                String serverName = target.substring(slash + 1);
                String prefix = "[" + server.where() + "] : 'server " + proxy.name + "/" + server.name() + "' : ";
                Optional<ProxySection> backend = state.proxies.stream()
                        .filter(p -> p.name.equals(backendName) && p.kind.hasBackendCapability()).findFirst();
                if (backend.isEmpty()) {
                    diagnostics.emit(Diagnostics.Level.ALERT, prefix + "unable to find required proxy '" + backendName
                            + "' for tracking.");
                    continue;
                }
                Optional<ServerConfig> tracked = backend.get().servers.stream()
                        .filter(s -> s.name().equals(serverName)).findFirst();
                if (tracked.isEmpty()) {
                    diagnostics.emit(Diagnostics.Level.ALERT, prefix + "unable to find required server '" + serverName
                            + "' for tracking.");
                } else if (!tracked.get().check().enabled() && !tracked.get().check().agent().enabled()
                        && tracked.get().check().track().isEmpty()) {
                    diagnostics.emit(Diagnostics.Level.ALERT, prefix + "unable to use " + backendName + "/" + serverName
                            + " for tracking as it does not have any check nor agent enabled.");
                }
                else if (tracksItself(proxy.name, server.name())) {
                    diagnostics.emit(Diagnostics.Level.ALERT, prefix + "unable to track " + backendName + "/"
                            + serverName + ": the servers track each other in a loop.");
                }
            }
        }
    }

    /** Whether following {@code track} from this server comes back to it. */
    private boolean tracksItself(String backendName, String serverName) {
        String at = backendName + "/" + serverName;
        Set<String> seen = new HashSet<>();
        while (seen.add(at)) {
            String backend = at.substring(0, at.indexOf('/'));
            String name = at.substring(at.indexOf('/') + 1);
            Optional<String> next = state.proxies.stream().filter(p -> p.name.equals(backend))
                    .flatMap(p -> p.servers.stream()).filter(s -> s.name().equals(name)).findFirst()
                    .flatMap(s -> s.check().track());
            if (next.isEmpty()) {
                return false;
            }
            at = next.get().contains("/") ? next.get() : backend + "/" + next.get();
        }
        return at.equals(backendName + "/" + serverName);
    }

    private void checkCustomIds() {
        Map<Integer, ProxySection> proxiesById = new HashMap<>();
        for (ProxySection proxy : state.proxies) {
            ProxySection first = proxy.id == null ? null : proxiesById.putIfAbsent(proxy.id, proxy);
            if (first != null) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config : parsing [" + proxy.idWhere + "]: "
                        + typeName(proxy) + " " + proxy.name + " reuses same custom id as " + typeName(first) + " "
                        + first.name + " (declared at " + first.where + ").");
            }
            Map<Integer, ServerConfig> serversById = new HashMap<>();
            for (ServerConfig server : proxy.servers) {
                ServerConfig firstServer = server.id() == 0 ? null : serversById.putIfAbsent(server.id(), server);
                if (firstServer != null) {
                    diagnostics.emit(Diagnostics.Level.ALERT, "config : [" + server.where() + "] : 'server "
                            + proxy.name + "/" + server.name() + "' : 'id' : custom id " + server.id()
                            + " already used at " + firstServer.where() + " ('server " + firstServer.name() + "').");
                }
            }
        }
    }

    /** A proxy's type as HAProxy words it in messages without quotes: a listen section is a "proxy". */
    private static String typeName(ProxySection proxy) {
        return proxy.kind == ProxyKind.LISTEN ? "proxy" : proxy.kind.keyword();
    }

    /** The first id given to a proxy without one (HAProxy 3.x; see where it is used). */
    static final int FIRST_PROXY_ID = 2;

    /** Keeps the ids given with {@code id}, and numbers the others from {@code first} with the first free values. */
    private static List<Integer> assignIds(List<Integer> given, int first) {
        Set<Integer> taken = new HashSet<>();
        given.stream().filter(Objects::nonNull).forEach(taken::add);
        List<Integer> ids = new ArrayList<>();
        int next = first;
        for (Integer id : given) {
            if (id != null) {
                ids.add(id);
                continue;
            }
            while (taken.contains(next)) {
                next++;
            }
            taken.add(next);
            ids.add(next);
        }
        return ids;
    }

    private void check(ProxyConfig proxy, Configuration configuration) {
        if (proxy.disabled()) {
            return;
        }
        if (proxy.kind().hasFrontendCapability()) {
            if (proxy.binds().isEmpty() && proxy.kind() == ProxyKind.FRONTEND) {
                diagnostics.emit(Diagnostics.Level.WARNING, "config : " + proxy.describe()
                        + " has no 'bind' directive. Please declare it as a backend if this was intended.");
            }
            proxy.defaultBackend().ifPresent(name -> checkBackend(proxy, name, "default backend", configuration));
            for (BackendRule rule : proxy.rules().backendRules()) {
                if (rule.isStatic()) {
                    checkBackend(proxy, rule.backend().render(null), "backend", configuration);
                }
            }
        }
        for (ServerRule rule : proxy.rules().serverRules()) {
            String name = rule.server().isConstant() ? rule.server().render(null) : null;
            if (name != null && proxy.servers().stream().noneMatch(server -> server.name().equals(name))) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config : proxy '" + proxy.name() + "' : unable to find server '"
                        + name + "' referenced in a 'use-server' rule.");
            }
        }
        checkTimeouts(proxy);
    }

    private void checkBackend(ProxyConfig frontend, String name, String role, Configuration configuration) {
        Optional<ProxyConfig> backend = configuration.backend(name);
        if (backend.isEmpty()) {
            String keyword = role.equals("backend") ? "use_backend" : "default_backend";
            diagnostics.emit(Diagnostics.Level.ALERT, "config : Proxy '" + frontend.name()
                    + "': unable to find required " + keyword + ": '" + name + "'.");
            return;
        }
        ProxyConfig target = backend.get();
        if (frontend.mode() == ProxyMode.HTTP && target.mode() == ProxyMode.TCP) {
            diagnostics.emit(Diagnostics.Level.ALERT, "config : http " + frontend.kind().keyword() + " '"
                    + frontend.name() + "' (" + frontend.where() + ") tries to use incompatible tcp backend '"
                    + target.name() + "' (" + target.where() + ") as its " + role + " (see 'mode').");
        }
    }

    /** HAProxy's warning for proxies that could wait forever (configuration.txt, "timeout client"). */
    private void checkTimeouts(ProxyConfig proxy) {
        Timeouts t = proxy.timeouts();
        boolean missingClient = proxy.kind().hasFrontendCapability() && !t.isSet(TimeoutKind.CLIENT);
        boolean missingBackend = proxy.kind().hasBackendCapability()
                && (!t.isSet(TimeoutKind.CONNECT) || !t.isSet(TimeoutKind.SERVER));
        if (missingClient || missingBackend) {
            diagnostics.emit(Diagnostics.Level.WARNING, "config : missing timeouts for " + proxy.describe() + ".\n"
                    + "   | While not properly invalid, you will certainly encounter various problems\n"
                    + "   | with such a configuration. To fix this, please ensure that all following\n"
                    + "   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.");
        }
    }
}
