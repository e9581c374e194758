package dev.shuttle.main;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.QueueTimeouts;
import dev.shuttle.backend.ServerStateLoader;
import dev.shuttle.backend.ServerStateLog;
import dev.shuttle.backend.TlsServers;
import dev.shuttle.check.HealthChecks;
import dev.shuttle.check.LogServerCheck;
import dev.shuttle.cli.CliCommands;
import dev.shuttle.cli.CliServer;
import dev.shuttle.cli.ProcessView.TlsListener;
import dev.shuttle.cli.ProcessView;
import dev.shuttle.config.BackendTemplates;
import dev.shuttle.config.BindConfig;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.StatsSocketConfig;
import dev.shuttle.config.TlsBindSettings;
import dev.shuttle.config.TlsServerSettings;
import dev.shuttle.config.parse.DynamicServers;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.io.IoServices;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.listener.ConnectionLimit;
import dev.shuttle.listener.Endpoints;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Listener;
import dev.shuttle.listener.ListenerIds;
import dev.shuttle.listener.ListenerStats;
import dev.shuttle.listener.ListeningEndpoint;
import dev.shuttle.listener.ProcessRates;
import dev.shuttle.log.ProcessMessages;
import dev.shuttle.mux.H1ClientMux;
import dev.shuttle.mux.H2ClientMux;
import dev.shuttle.net.Address;
import dev.shuttle.net.Hostname;
import dev.shuttle.pattern.PatternReference;
import dev.shuttle.rules.BackendRule;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.server.IdleConnectionPurger;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.LogServerControl;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import dev.shuttle.session.ConnectionPipeline;
import dev.shuttle.session.ProtocolChoice;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.stats.proxy.StatsFile;
import dev.shuttle.statspage.PageProcess;
import dev.shuttle.statspage.StatsPageService;
import dev.shuttle.stream.HttpSessions;
import dev.shuttle.stream.Routing;
import dev.shuttle.stream.SessionObserver;
import dev.shuttle.stream.TcpSession;
import dev.shuttle.tls.BackTls;
import dev.shuttle.tls.CertificateStore;
import dev.shuttle.tls.FrontTls;
import dev.shuttle.tls.TlsException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The running process: every frontend's listeners, the backends, the runtime API, and the
 * stop sequence. Built from a loaded {@link Configuration}; {@link #start} binds, {@link #run}
 * serves until a signal asks it to stop.
 */
public final class ShuttleProcess implements ProcessView, PageProcess {
    /** Idle buffers kept for reuse: 16 MiB with the default {@code tune.bufsize}. */
    private static final int POOLED_BUFFERS = 1024;

    private final Configuration configuration;
    private final ProcessMessages messages;
    /**
     * The backends by name: the configuration's, and those the runtime API adds and deletes ({@code
     * add backend}, {@code del backend}), read without a lock by every stream's switching.
     */
    private final Map<String, Backend> backends = new ConcurrentHashMap<>();
    /** What every backend's queues and server state reports share, backends added at run time included. */
    private final QueueTimeouts queueTimeouts;
    private final ServerStateLog stateLog;
    /** Purges and checks the servers' idle connections; closes them on stop. */
    private final IdleConnectionPurger idlePurger;
    private final List<Frontend> frontends = new ArrayList<>();
    /** The health checks of every server declared with {@code check}, started with the listeners. */
    private final HealthChecks healthChecks;
    /** The log backends' state, from the syslog sender once {@link #showLogBackends} names it. */
    private volatile Supplier<List<LogBackendStats>> logBackends = List::of;
    /** Where the runtime API changes the log backends' servers: the syslog sender, once {@link #showLogBackends} names it. */
    private volatile LogServerControl logServerControl = LogServerControl.NONE;
    /** Where each frontend's streams go. */
    private final Routing routing;
    private final List<Listener> listeners = new ArrayList<>();
    private final ConnectionLimit processLimit;
    /** {@code maxconnrate} and {@code maxsessrate}, with the rates they limit. */
    private final ProcessRates processRates;
    private final CliServer cli;
    private final StopRequest stop;
    private final Instant startTime = Instant.now();
    private final int threads;
    /** What fetches read about the whole process ({@code pid}, {@code uptime}, proxies by name...). */
    private final ProcessInfo process;
    /** The buffer pool, the head-read deadline watcher and the readiness poller, made once for the process. */
    private final IoServices io;
    /** Every certificate of the configuration, by name; the runtime API replaces them. */
    private final CertificateStore certificates;
    /** The TLS handshakes and connections of the whole process, for {@code show info}. */
    private final TlsCounters tlsCounters = new TlsCounters();
    /** The servers' TLS contexts, made by {@link #start}. */
    private TlsServers tlsServers = TlsServers.NONE;
    /** The TLS listeners, one per {@code bind ... ssl} line, for the runtime API. */
    private final List<TlsListener> tlsListeners = new ArrayList<>();
    /** The frontends {@code shutdown frontend} stopped. */
    private final Set<Frontend> stoppedFrontends = ConcurrentHashMap.newKeySet();
    /** The {@code proc} variables: the global section's, then what rules and the runtime API set. */
    private final VariableStore processVariables = VariableStore.shared();

    ShuttleProcess(Configuration configuration, ProcessMessages messages, StopRequest stop, int maxconnOverride,
                   int threads) {
        this.configuration = configuration;
        this.certificates = new CertificateStore(configuration.global().tls().files().certificates());
        configuration.global().processVariables().forEach(processVariables::set);
        this.stop = stop;
        this.messages = messages;
        this.threads = threads;
        this.processLimit = new ConnectionLimit(maxconnOverride > 0 ? maxconnOverride : configuration.global().maxconn());
        this.processRates = new ProcessRates(configuration.global().maxConnectionRate(),
                configuration.global().maxSessionRate());
        // One watcher of queue deadlines for every backend; server state changes are reported as
        // HAProxy reports them: a warning, and a line to the backend's log targets.
        this.queueTimeouts = new QueueTimeouts();
        this.stateLog = new ServerStateLog() {
            @Override
            public void report(Backend backend, SyslogLevel level, String text) {
                messages.proxyWarning(backend.config().logs(), level, text);
            }

            @Override
            public void backendDown(Backend backend) {
                messages.backendDown(backend.config().logs(), backend.name());
            }
        };
        for (ProxyConfig proxy : configuration.proxies()) {
            if (proxy.kind().hasBackendCapability()) {
                Backend backend = new Backend(proxy, queueTimeouts, stateLog);
                backend.setPublished(!proxy.startsUnpublished()); // be-unpublished
                backends.put(proxy.name(), backend);
            }
        }
        // The states saved before a reload, applied before the checks read them and before any traffic.
        new ServerStateLoader(configuration.serverStates(), new ServerStateLoader.Messages() {
            @Override
            public void warning(String text) {
                messages.warning(text);
            }

            @Override
            public void notice(String text) {
                messages.notice(text);
            }
        }).apply(List.copyOf(backends.values()));
        // The servers' TLS contexts are made by start(), before it starts the checks.
        this.healthChecks = HealthChecks.of(List.copyOf(backends.values()), stateLog, nodeName(),
                configuration.global().checks(), server -> tlsServers.of(server));
        Map<Frontend, Backend> defaultBackends = new HashMap<>();
        for (ProxyConfig proxy : configuration.frontends()) {
            Optional<Backend> fallback = proxy.defaultBackend().map(backends::get);
            if (fallback.isEmpty() && proxy.kind().hasBackendCapability()) {
                fallback = Optional.ofNullable(backends.get(proxy.name()));
            }
            Frontend frontend = new Frontend(proxy);
            frontends.add(frontend);
            fallback.ifPresent(backend -> defaultBackends.put(frontend, backend));
        }
        this.routing = new Routing(name -> Optional.ofNullable(backends.get(name)), defaultBackends,
                new StatsPageService(this));
        this.idlePurger = new IdleConnectionPurger(this::allServers);
        this.process = ProcessInfo.forThisProcess(new ProcessProxies(), threads);
        process.activeConnections(this::currentConnections);
        this.cli = new CliServer(CliCommands.standard(this), configuration.global().statsTimeoutMillis());
        this.io = IoServices.start(configuration.global().bufferSize(), POOLED_BUFFERS);
    }

    /** Every backend's servers now (they may be added or removed at runtime). */
    private List<Server> allServers() {
        List<Server> all = new ArrayList<>();
        for (Backend backend : backends.values()) {
            all.addAll(backend.servers());
        }
        return all;
    }

    /** Binds every listener and stats socket; on the first failure, reports it, closes the rest, returns false. */
    public boolean start() {
        try {
            tlsServers = tlsServers();
        } catch (StartupFailure e) {
            stopCli();
            return false;
        }
        ConnectionPipeline pipeline = pipeline(messages.sessionObserver());
        // Preloaded before the runtime API answers, and each listener before it is attached.
        StatsFile.Saved saved = preloadStatsFile();
        List<ListeningEndpoint> bound = new ArrayList<>();
        try {
            for (StatsSocketConfig socket : configuration.global().statsSockets()) {
                bindCli(socket);
            }
            for (Frontend frontend : frontends) {
                int listenerNumber = 0;
                ListenerIds ids = new ListenerIds(frontend.config().binds().stream().map(BindConfig::id).toList());
                boolean socketStats = frontend.config().isOptionSet("socket-stats");
                for (BindConfig bind : frontend.config().binds()) {
                    int positionOnLine = 0;
                    ConnectionLimit bindLimit = new ConnectionLimit(bind.maxconn());
                    Optional<FrontTls> tls = frontTls(frontend, bind);
                    for (Address address : bind.addresses()) {
                        for (ListeningEndpoint endpoint : bindOrReport(frontend, bind, address)) {
                            bound.add(endpoint);
                            listenerNumber++;
                            String label = bind.name().isEmpty() ? Integer.toString(listenerNumber) : bind.name();
                            int listenerId = ids.take(bind.id());
                            String guid = bind.guidPrefix().isEmpty() ? "" : bind.guidPrefix() + "-" + positionOnLine;
                            positionOnLine++;
                            ListenerStats stats = socketStats
                                    ? new ListenerStats(listenerId, bind.name(), bind.maxconn(), guid) : null;
                            if (stats != null) {
                                saved.preloadFrontendSide(guid, stats.counters());
                            }
                            ConnectionPipeline own = pipeline.forListener(bind.acceptProxy(), bind.muxProtocol(),
                                    io.deadlines(), messages.connectionErrorLog(), label)
                                    .countingOn(stats == null ? null : stats.counters()).forSocket(listenerId);
                            ConnectionPipeline handler = tls.map(front -> own.withTls(front, io.deadlines(),
                                    messages.connectionErrorLog(), label, tlsCounters)).orElse(own);
                            endpoint.acceptThrough(io.poller());
                            listeners.add(new Listener(frontend, endpoint, bind.name(),
                                    List.of(bindLimit, frontend.limit(), processLimit), processRates, stats, handler));
                        }
                    }
                }
            }
        } catch (StartupFailure e) {
            bound.forEach(ListeningEndpoint::close);
            stopCli();
            return false;
        }
        listeners.forEach(Listener::start);
        idlePurger.start();
        healthChecks.start();
        return true;
    }

    /**
     * {@code stats-file} (management.txt §9.5): the frontends', backends' and servers' counters
     * preloaded from it, its warnings printed; the listeners' are preloaded as they are made.
     */
    private StatsFile.Saved preloadStatsFile() {
        StatsFile.Saved saved = configuration.global().statsFile().map(StatsFile::read).orElseGet(StatsFile.Saved::new);
        saved.warnings().forEach(messages::warning);
        for (Frontend frontend : frontends) {
            saved.preloadFrontendSide(frontend.config().guid(), frontend.counters());
        }
        for (Backend backend : backends.values()) {
            saved.preloadBackendSide(backend.config().guid(), backend.counters());
            for (Server server : backend.servers()) {
                saved.preloadBackendSide(server.config().guid(), server.counters());
            }
        }
        saved.preloadLogBackends(logBackends.get());
        return saved;
    }

    /**
     * The path of every accepted connection: its stages, then TCP pass-through or the HTTP/1 mux,
     * whose exchanges the stream layer serves. The process-wide I/O services are made here.
     */
    private ConnectionPipeline pipeline(SessionObserver observer) {
        Map<Frontend, H1Settings> h1Settings = new HashMap<>();
        for (Frontend frontend : frontends) {
            h1Settings.put(frontend, H1ClientMux.settings(configuration.global(), frontend.config()));
        }
        HttpSessions exchanges = new HttpSessions(routing, observer, tlsServers);
        H1ClientMux http1Only = new H1ClientMux(exchanges, io, h1Settings::get, configuration.global().http2());
        H2ClientMux http2 = new H2ClientMux(exchanges, io, h1Settings::get, configuration.global().http2());
        // A clear-text HTTP/1 listener switches to HTTP/2 on the client preface, unless it says proto h1.
        return new ConnectionPipeline(new ProtocolChoice(new TcpSession(observer, routing, tlsServers),
                http1Only.upgradingTo(http2), http2, http1Only),
                io.buffers(), process, processVariables);
    }

    /**
     * The JSSE context of every server declared with {@code ssl} (or {@code check-ssl}, or in a backend
     * whose {@code tcp-check}/{@code http-check connect} rules ask for {@code ssl}).
     */
    private TlsServers tlsServers() throws StartupFailure {
        Map<Server, BackTls> contexts = new HashMap<>();
        for (Backend backend : backends.values()) {
            for (Server server : backend.servers()) {
                TlsServerSettings tls = server.config().tls();
                if (!TlsServers.hasContext(backend, server)) {
                    continue;
                }
                try {
                    contexts.put(server, new BackTls(tls.options(), tls.certificate(), tls.verifyHost(), tls.reuse(),
                            configuration.global().tls().sessions(), certificates,
                            configuration.global().tls().files()));
                } catch (TlsException e) {
                    messages.alert("[" + server.config().where() + "] : 'server " + backend.name() + "/"
                            + server.name() + "' : " + e.getMessage() + ".");
                    throw new StartupFailure();
                }
            }
        }
        return new TlsServers(contexts, tlsCounters);
    }

    /** The TLS side of a {@code bind ... ssl} line: its certificates indexed, its JSSE contexts made. */
    private Optional<FrontTls> frontTls(Frontend frontend, BindConfig bind) throws StartupFailure {
        if (bind.tls().isEmpty()) {
            return Optional.empty();
        }
        TlsBindSettings settings = bind.tls().get();
        try {
            FrontTls tls = new FrontTls(settings.certificates(), settings.options(), settings.strictSni(),
                    configuration.global().tls().sessions(), certificates, configuration.global().tls().files());
            tlsListeners.add(new TlsListener(frontend.name(), bind.where(), tls));
            return Optional.of(tls);
        } catch (TlsException e) {
            messages.alert("Proxy '" + frontend.name() + "': " + e.getMessage() + " for bind '" + bind.text()
                    + "' at [" + bind.where() + "].");
            throw new StartupFailure();
        }
    }

    private void bindCli(StatsSocketConfig socket) throws StartupFailure {
        try {
            cli.bind(socket);
        } catch (IOException e) {
            messages.alert("Starting proxy GLOBAL: " + reason(e));
            throw new StartupFailure();
        }
    }

    private List<ListeningEndpoint> bindOrReport(Frontend frontend, BindConfig bind, Address address)
            throws StartupFailure {
        try {
            return Endpoints.bind(address,
                    bind.socketOptions().withDefaultBacklog(frontend.config().maxconn(), processLimit.max()));
        } catch (IOException e) {
            messages.alert("Starting " + frontend.config().kind().keyword() + " " + frontend.name() + ": " + reason(e));
            throw new StartupFailure();
        }
    }

    /** Serves until a stop is requested (signals arrive through {@link StopRequest}); returns the exit status. */
    public int run(long graceMillis, long hardStopAfterMillis) throws InterruptedException {
        StopRequest.Kind kind = stop.awaitAtLeast(StopRequest.Kind.SOFT, 0);
        if (kind == StopRequest.Kind.SOFT) {
            softStop(graceMillis, hardStopAfterMillis);
        }
        hardStop();
        return 0;
    }

    /** HAProxy's soft stop: keep accepting for the grace time, then stop accepting and let connections end. */
    private void softStop(long graceMillis, long hardStopAfterMillis) throws InterruptedException {
        process.beginStopping();
        // HAProxy closes idle client connections as the stop begins (not with idle-close-on-response).
        listeners.forEach(listener -> listener.supervisor().closeIdle());
        for (Frontend frontend : frontends) {
            messages.warning("Stopping " + frontend.config().kind().keyword() + " " + frontend.name() + " in "
                    + graceMillis + " ms.");
        }
        if (graceMillis > 0 && stop.awaitAtLeast(StopRequest.Kind.HARD, graceMillis) == StopRequest.Kind.HARD) {
            return;
        }
        listeners.forEach(Listener::stopAccepting);
        stopCli();
        for (Frontend frontend : frontends) {
            messages.warning("Proxy " + frontend.name() + " stopped (cumulated conns: FE: "
                    + frontend.counters().sessions() + ", BE: "
                    + routing.defaultBackend(frontend).map(b -> b.counters().sessions()).orElse(0L) + ").");
        }
        long deadline = hardStopAfterMillis > 0 ? System.currentTimeMillis() + hardStopAfterMillis : Long.MAX_VALUE;
        for (Listener listener : listeners) {
            while (!listener.supervisor().awaitDrained(100)) {
                if (stop.current() == StopRequest.Kind.HARD || System.currentTimeMillis() >= deadline) {
                    return;
                }
            }
        }
    }

    /**
     * Closes everything and joins every thread, so that the aborted streams' log lines are written;
     * bounded by {@link HardStopDeadline}: past it the process ends as the stop would have (by the
     * signal that asked, or with status 0 after {@code hard-stop-after}), whatever is still waiting.
     */
    private void hardStop() throws InterruptedException {
        try (HardStopDeadline deadline = HardStopDeadline.arm(HardStopDeadline.BUDGET_MILLIS, this::endNow)) {
            healthChecks.stop();
            listeners.forEach(Listener::stopAccepting);
            stopCli();
            for (Listener listener : listeners) {
                listener.supervisor().abort();
            }
            // After the sessions: a connection one of them puts back now is refused and closed by it.
            idlePurger.stop();
        }
    }

    /** The hard stop outlived its budget: the process ends now, as {@link Main} would have ended it. */
    private void endNow() {
        System.out.flush();
        System.err.flush();
        Optional<String> signal = stop.hardStopSignal();
        if (signal.isPresent()) {
            Signals.terminateBy(() -> stop.hardStopSignal().orElse(signal.get()));
        }
        Runtime.getRuntime().halt(0);
    }

    private void stopCli() {
        try {
            cli.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** A listener could not be bound; already reported. */
    private static final class StartupFailure extends Exception {
        StartupFailure() {
            super(null, null, false, false);
        }
    }

    /** How fetches such as {@code nbsrv(name)} find proxies by name. */
    private final class ProcessProxies implements ProcessInfo.Proxies {
        @Override
        public Optional<Backend> backend(String name) {
            return Optional.ofNullable(backends.get(name));
        }

        @Override
        public Optional<Frontend> frontend(String name) {
            return frontends.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    // ProcessView, for the runtime API

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public int currentConnections() {
        int sum = 0;
        for (Frontend frontend : frontends) { // a plain loop: every HTTP log line asks (%ac)
            sum += frontend.currentConnections();
        }
        return sum;
    }

    @Override
    public long cumulativeConnections() {
        return frontends.stream().mapToLong(f -> f.counters().sessions()).sum();
    }

    @Override
    public int maxconn() {
        return processLimit.max();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public int listeners() {
        return listeners.size() + cli.listenerCount();
    }

    @Override
    public boolean stopping() {
        return stop.current() != StopRequest.Kind.NONE;
    }

    @Override
    public long droppedLogs() {
        return messages.droppedLogs();
    }

    @Override
    public String nodeName() {
        String node = configuration.global().nodeName();
        return node.isEmpty() ? Hostname.get() : node;
    }

    @Override
    public List<Frontend> frontends() {
        return List.copyOf(frontends);
    }

    @Override
    public List<Backend> backends() {
        List<Backend> all = new ArrayList<>(backends.values());
        all.sort(Comparator.comparingInt(backend -> backend.config().id())); // the configuration's order, then added ones
        return all;
    }

    @Override
    public BackendTemplates backendTemplates() {
        return configuration.backendTemplates();
    }

    @Override
    public Optional<String> proxyNamed(String name) {
        for (Frontend frontend : frontends) {
            if (frontend.name().equals(name)) {
                return Optional.of(frontend.config().kind() == ProxyKind.LISTEN ? "proxy " + name : "frontend " + name);
            }
        }
        Backend backend = backends.get(name);
        return backend == null ? Optional.empty() : Optional.of("backend " + name);
    }

    @Override
    public int nextProxyId() {
        int highest = 0;
        for (ProxyConfig proxy : configuration.proxies()) {
            highest = Math.max(highest, proxy.id());
        }
        for (Backend backend : backends.values()) {
            highest = Math.max(highest, backend.config().id());
        }
        return highest + 1;
    }

    @Override
    public Backend addBackend(ProxyConfig config) {
        Backend backend = new Backend(config, queueTimeouts, stateLog);
        backend.setPublished(false); // management.txt: "The backend is initialized in the unpublished state."
        backends.put(config.name(), backend);
        return backend;
    }

    @Override
    public void removeBackend(Backend backend) {
        if (backends.remove(backend.name(), backend)) {
            configuration.backendTemplates().forget(backend.config());
        }
    }

    @Override
    public boolean referencedByConfiguration(Backend backend) {
        for (ProxyConfig proxy : configuration.frontends()) {
            if (proxy.defaultBackend().filter(backend.name()::equals).isPresent()) {
                return true;
            }
            for (BackendRule rule : proxy.rules().backendRules()) {
                if (rule.isStatic() && rule.backend().render(null).equals(backend.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Where the stats read the {@code mode log} backends' state, and where the runtime API changes
     * their servers: the process's syslog sender.
     */
    public void showLogBackends(Supplier<List<LogBackendStats>> source, LogServerControl control) {
        logBackends = source;
        logServerControl = control;
    }

    @Override
    public LogServerControl logServerControl() {
        return logServerControl;
    }

    @Override
    public List<LogBackendStats> logBackends() {
        return logBackends.get();
    }

    /** Runs the checks of log backends' servers with the others, on the same check poller. */
    public void checkLogServers(List<LogServerCheck> checks) {
        healthChecks.addLogServerChecks(checks);
    }

    @Override
    public void serverAdded(Backend backend, Server server, Optional<Server> tracked) {
        healthChecks.add(backend, server, tracked);
    }

    @Override
    public void forceHealth(Backend backend, Server server, OperationalState state) {
        healthChecks.forceHealth(backend, server, state, ", changed from CLI");
    }

    @Override
    public void forceAgent(Backend backend, Server server, boolean up) {
        healthChecks.forceAgent(backend, server, up, ", changed from CLI");
    }

    @Override
    public void forceHealth(Backend backend, Server server, OperationalState state, String reason) {
        healthChecks.forceHealth(backend, server, state, reason);
    }

    @Override
    public void forceAgent(Backend backend, Server server, boolean up, String reason) {
        healthChecks.forceAgent(backend, server, up, reason);
    }

    @Override
    public void serverRemoved(Backend backend, Server server) {
        healthChecks.remove(server);
    }

    @Override
    public ServerConfig dynamicServer(ProxyConfig backend, String name, List<String> arguments)
            throws ConfigException {
        return DynamicServers.parse(backend, name, arguments);
    }

    @Override
    public List<String> dynamicServerKeywords() {
        return DynamicServers.acceptedKeywords();
    }

    @Override
    public Optional<VariableStore> processVariables() {
        return Optional.of(processVariables);
    }

    @Override
    public Optional<ConnectionLimit> processLimit() {
        return Optional.of(processLimit);
    }

    @Override
    public Optional<ProcessRates> processRates() {
        return Optional.of(processRates);
    }

    @Override
    public List<PatternReference> patternReferences() {
        return configuration.patterns().references();
    }

    @Override
    public CertificateStore certificates() {
        return certificates;
    }

    @Override
    public List<TlsListener> tlsListeners() {
        return List.copyOf(tlsListeners);
    }

    @Override
    public TlsCounters tlsCounters() {
        return tlsCounters;
    }

    @Override
    public List<RingConfig> rings() {
        return configuration.logSetup().rings().values().stream().sorted(Comparator.comparing(RingConfig::name))
                .toList();
    }

    /** As HAProxy's stop of a proxy: its listeners close, a warning and a log line say so. */
    @Override
    public boolean shutdownFrontend(Frontend frontend) {
        if (!stoppedFrontends.add(frontend)) {
            return false;
        }
        for (Listener listener : listeners) {
            if (listener.frontend() == frontend) {
                listener.stopAccepting();
                // HTTP/2 connections announce the end with a GOAWAY (3.5's mux_h2 does, on a stopped proxy).
                listener.supervisor().announceStop();
            }
        }
        Backend own = backends.get(frontend.name()); // a listen section's backend side; none for a frontend
        String text = "Proxy " + frontend.name() + " stopped (cumulated conns: FE: " + frontend.counters().sessions()
                + ", BE: " + (own == null ? 0 : own.counters().sessions()) + ").";
        messages.proxyWarning(frontend.config().logs(), SyslogLevel.WARNING, text);
        return true;
    }
}
