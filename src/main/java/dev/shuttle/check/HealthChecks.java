package dev.shuttle.check;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ProxyHeaders;
import dev.shuttle.backend.ServerStateLog;
import dev.shuttle.config.AgentCheckSettings;
import dev.shuttle.config.CheckGlobals;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.config.HttpCheckRule;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxySending;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.Socks4Settings;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.TlsServerSettings;
import dev.shuttle.net.Address;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import dev.shuttle.tls.BackTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The process's health checks: one {@link ServerCheck} per server declared with {@code check} and
 * one {@link AgentCheck} per server declared with {@code agent-check}, all run in rounds by one
 * {@link CheckPoller} that this class starts and stops (a connect-only or plain HTTP check never
 * needs a thread; another probe, and an agent check, gets a virtual thread per round), with the
 * checks of the {@code mode log} servers. The first checks, traffic and log servers' in one list,
 * are spread over the shortest interval of a second or more (a check's own if longer), one after
 * the other in proxy id and declaration order, as HAProxy's start_checks() does ({@link
 * CheckStartPlan}), so that a thousand servers are not all checked in the same millisecond.
 *
 * <p>Locking: {@link #lock} guards the list of checks and the poller (start and stop may come from
 * two threads); the checks themselves share nothing but their servers' backends and the poller.
 */
public final class HealthChecks {
    // Guarded by: lock (one thread's work each: health checks and agent checks; servers added at
    // runtime add theirs, removed ones take theirs away)
    private final List<Runnable> checks;
    private final ServerStateLog log;
    private final String nodeName;
    private final CheckSpread spread;
    private final CheckGlobals.ExternalChecks environment;
    private final Function<Server, Optional<BackTls>> tlsContexts;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (the thread that runs the health checks' rounds, from start() to stop())
    private CheckPoller poller;
    // Guarded by: lock (what each checked or tracked server's checks say, for the servers added at runtime to follow)
    private final Map<Server, ServerVerdicts> verdicts;
    // Guarded by: lock (whether start() ran: a server added before it starts with the others)
    private boolean started;
    // Guarded by: lock (the checks of the servers of log backends, on the same poller)
    private final List<LogServerCheck> logServerChecks = new ArrayList<>();

    private HealthChecks(List<Runnable> checks, Map<Server, ServerVerdicts> verdicts, ServerStateLog log,
                         String nodeName, CheckSpread spread, CheckGlobals.ExternalChecks environment,
                         Function<Server, Optional<BackTls>> tlsContexts) {
        this.spread = spread;
        this.environment = environment;
        this.checks = new ArrayList<>(checks);
        this.verdicts = verdicts;
        this.log = log;
        this.nodeName = nodeName;
        this.tlsContexts = tlsContexts;
    }

    /** A check to start: its backend, its server, and whether it is the agent check. */
    private record Planned(Backend backend, Server server, boolean agent) {}

    /**
     * The checks of every checked server of {@code backends}: a health check for {@code check}, an
     * agent check for {@code agent-check}, each on its own thread.
     *
     * @param log      where state changes and {@code log-health-checks} lines go
     * @param nodeName the {@code node=} of the {@code send-state} header
     */
    public static HealthChecks of(List<Backend> backends, ServerStateLog log, String nodeName) {
        return of(backends, log, nodeName, CheckGlobals.DEFAULTS);
    }

    /**
     * The same, with the first checks and every interval spread as {@code spread-checks} and
     * {@code max-spread-checks} say, and external checks run as {@code external-check} allows.
     */
    public static HealthChecks of(List<Backend> backends, ServerStateLog log, String nodeName, CheckGlobals globals) {
        return of(backends, log, nodeName, globals, server -> Optional.empty());
    }

    /**
     * As {@link #of(List, ServerStateLog, String)}, for servers whose checks may use TLS.
     *
     * @param tlsContexts each server's TLS context ({@code ssl}, {@code check-ssl}, a {@code connect
     *                    ssl} rule), asked at each TLS check: the contexts are made at startup, after this
     */
    public static HealthChecks of(List<Backend> backends, ServerStateLog log, String nodeName,
                                  Function<Server, Optional<BackTls>> tlsContexts) {
        return of(backends, log, nodeName, CheckGlobals.DEFAULTS, tlsContexts);
    }

    /** With the global settings ({@code spread-checks}, {@code external-check}) and the servers' TLS contexts. */
    public static HealthChecks of(List<Backend> backends, ServerStateLog log, String nodeName, CheckGlobals globals,
                                  Function<Server, Optional<BackTls>> tlsContexts) {
        CheckSpread spread = CheckSpread.of(globals);
        CheckGlobals.ExternalChecks environment = globals.externalCheck();
        List<Planned> planned = new ArrayList<>();
        for (Backend backend : backends) {
            if (backend.config().disabled()) {
                continue;
            }
            for (Server server : backend.servers()) {
                ServerCheckSettings settings = server.config().check();
                if (settings.enabled()) {
                    planned.add(new Planned(backend, server, false));
                }
                if (settings.agent().enabled()) {
                    planned.add(new Planned(backend, server, true));
                }
            }
        }
        List<Runnable> checks = new ArrayList<>(planned.size());
        Map<Server, ServerVerdicts> verdicts = new HashMap<>();
        for (Planned plan : planned) {
            long firstDelay = 0; // placed with the others' at start(): CheckStartPlan
            ServerVerdicts shared = verdicts.computeIfAbsent(plan.server(), s -> new ServerVerdicts(plan.backend(), s));
            checks.add(plan.agent() ? agent(plan.backend(), plan.server(), log, firstDelay, shared, spread)
                    : check(plan.backend(), plan.server(), log, nodeName, firstDelay, shared, spread, environment,
                            tlsContexts));
        }
        follow(backends, verdicts);
        return new HealthChecks(checks, verdicts, log, nodeName, spread, environment, tlsContexts);
    }

    /**
     * Starts the checks of a server added at runtime ({@code add server ... check|agent-check}),
     * and makes it follow {@code tracked} ({@code track}), whose state it takes now. Its checks send
     * nothing until {@code enable health} and {@code enable agent} (management.txt §9.3, "add
     * server"): its {@link CheckControl} starts with both off.
     */
    public void add(Backend backend, Server server, Optional<Server> tracked) {
        ServerCheckSettings settings = server.config().check();
        lock.lock();
        try {
            ServerVerdicts own = verdicts.computeIfAbsent(server, s -> new ServerVerdicts(backend, s));
            List<Runnable> added = new ArrayList<>();
            if (settings.enabled()) {
                added.add(check(backend, server, log, nodeName, 0, own, spread, environment, tlsContexts));
            }
            if (settings.agent().enabled()) {
                added.add(agent(backend, server, log, 0, own, spread));
            }
            checks.addAll(added);
            if (started) {
                added.forEach(this::startLocked);
            }
            ServerVerdicts leader = tracked.map(verdicts::get).orElse(null);
            if (leader != null) {
                leader.addFollower(own);
                if (leader.server().status().operational() != server.status().operational()) {
                    backend.setOperationalState(server, leader.server().status().operational());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A server removed at runtime: it follows nothing any more, and its checks are interrupted (each
     * would also stop by itself at its next round, once its server has left its backend).
     */
    public void remove(Server server) {
        lock.lock();
        try {
            verdicts.remove(server);
            verdicts.values().forEach(leader -> leader.removeFollower(server));
            List<Runnable> gone = checks.stream().filter(check -> serverOf(check) == server).toList();
            checks.removeAll(gone);
            gone.forEach(HealthChecks::stopRounds);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Links each server declared with {@code track [<backend>/]<server>} to the server it follows
     * (the configuration made sure that one exists and is checked or tracks another), and starts
     * it in that server's state.
     */
    private static void follow(List<Backend> backends, Map<Server, ServerVerdicts> verdicts) {
        for (Backend backend : backends) {
            for (Server server : backend.servers()) {
                Optional<String> track = server.config().check().track();
                if (track.isEmpty()) {
                    continue;
                }
                int slash = track.get().indexOf('/');
                String backendName = slash < 0 ? backend.name() : track.get().substring(0, slash);
                Optional<Server> tracked = backends.stream().filter(b -> b.name().equals(backendName)).findFirst()
                        .flatMap(b -> b.server(track.get().substring(slash + 1)));
                if (tracked.isEmpty()) {
                    continue;
                }
                Backend trackedBackend = backends.stream().filter(b -> b.name().equals(backendName)).findFirst()
                        .orElseThrow();
                ServerVerdicts leader = verdicts.computeIfAbsent(tracked.get(),
                        s -> new ServerVerdicts(trackedBackend, s));
                ServerVerdicts follower = verdicts.computeIfAbsent(server, s -> new ServerVerdicts(backend, s));
                leader.addFollower(follower);
                if (tracked.get().status().operational() != server.status().operational()) {
                    backend.setOperationalState(server, tracked.get().status().operational());
                }
            }
        }
    }

    private static AgentCheck agent(Backend backend, Server server, ServerStateLog log, long firstDelay,
                                    ServerVerdicts verdicts, CheckSpread spread) {
        AgentCheckSettings settings = server.config().check().agent();
        // Read before each round: "set server agent-addr|agent-port" move it at run time.
        Supplier<InetSocketAddress> agent = () -> {
            CheckControl.Target target = server.checkControl().agentTarget();
            return new InetSocketAddress(target.address().map(HealthChecks::literal)
                    .orElse(serverAddress(server).getAddress()), target.port());
        };
        CheckTimeouts timeouts = CheckTimeouts.of(settings.interMillis(),
                backend.config().timeouts().get(TimeoutKind.CONNECT), backend.config().timeouts().get(TimeoutKind.CHECK));
        return new AgentCheck(backend, server, agent, timeouts, verdicts, log, firstDelay, spread);
    }

    private static ServerCheck check(Backend backend, Server server, ServerStateLog log, String nodeName,
                                     long firstDelay, ServerVerdicts verdicts, CheckSpread spread,
                                     CheckGlobals.ExternalChecks environment,
                                     Function<Server, Optional<BackTls>> tlsContexts) {
        ProxyConfig proxy = backend.config();
        ServerCheckSettings settings = server.config().check();
        // Read before each check: the server's address may change at run time (set server addr), and
        // the check's own (set server check-addr|check-port).
        Supplier<InetSocketAddress> serverAddress = () -> serverAddress(server);
        HealthCheckConfig config = proxy.checks();
        Supplier<InetSocketAddress> target = config.kind() == HealthCheckConfig.Kind.EXTERNAL ? () -> null
                : new CheckTarget(server);
        CheckTimeouts timeouts = CheckTimeouts.of(settings.interMillis(), proxy.timeouts().get(TimeoutKind.CONNECT),
                proxy.timeouts().get(TimeoutKind.CHECK));
        AtomicReference<ServerCheck> self = new AtomicReference<>();
        CheckConnections connections = connections(server, config, () -> tlsContexts.apply(server));
        Probe probe = switch (config.kind()) {
            case TCP_CONNECT -> new TcpConnectProbe(connections);
            case HTTP -> config.httpSequence().isEmpty()
                    ? new HttpProbe(httpRequest(config, () -> self.get().stateHeader(nodeName), backend, server),
                            new HttpExpectations(config.expects(), config.disableOn404(),
                                    () -> CheckSamples.of(backend, server)), connections,
                            settings.protocol().http2(server.config().pooling().protocol()))
                    : new HttpSequenceProbe(config.httpSequence(), (send, context) -> HttpCheckRequestWriter.write(
                            send.request(), config.sendState() ? Optional.of(self.get().stateHeader(nodeName))
                                    : Optional.empty(), context),
                            config.disableOn404(), connections, () -> CheckSamples.of(backend, server));
            case TCP_RULES -> new TcpCheckProbe(config.tcpRules(), connections, () -> CheckSamples.of(backend, server),
                    false);
            case TCP_PROTOCOL -> new TcpCheckProbe(config.tcpRules(), connections, () -> CheckSamples.of(backend, server),
                    true);
            case SSL_HELLO -> new SslHelloProbe(connections);
            case EXTERNAL -> new ExternalCheckProbe(backend, server, config.external(), environment);
        };
        ServerCheck check = new ServerCheck(backend, server, probe, target, serverAddress, timeouts, log, firstDelay,
                verdicts, spread);
        self.set(check);
        return check;
    }

    /**
     * The bytes of an {@code option httpchk} request, for each check: made once when nothing in
     * them changes from one check to the next (no {@code send-state}, no log-format part), else
     * at each check, in a sample context of its own only when a log-format part needs one.
     */
    private static Supplier<byte[]> httpRequest(HealthCheckConfig config, Supplier<String> stateHeader, Backend backend,
                                                Server server) {
        HttpCheckRequest request = config.request();
        boolean formatted = request.uriFormat().isPresent() || request.bodyFormat().isPresent()
                || request.headers().stream().anyMatch(header -> header.format().isPresent());
        if (!formatted && !config.sendState()) {
            byte[] fixed = HttpCheckRequestWriter.write(request, Optional.empty(), null);
            return () -> fixed;
        }
        return () -> HttpCheckRequestWriter.write(request,
                config.sendState() ? Optional.of(stateHeader.get()) : Optional.empty(),
                formatted ? CheckSamples.of(backend, server) : null);
    }

    /**
     * The server's check settings its checks' connections start from: TLS as {@code check-ssl} and
     * {@code ssl} decide ({@link ServerConfig#checksUseTls()}), {@code check-sni}, {@code check-alpn},
     * the automatic SNI of an HTTPS check ({@code check-sni-auto}: the name of its Host, without its
     * port, when the check has no {@code http-check connect}), and the PROXY headers.
     */
    private static CheckConnections connections(Server server, HealthCheckConfig config,
                                                Supplier<Optional<BackTls>> context) {
        TlsServerSettings tls = server.config().tls();
        Optional<String> autoSni = Optional.empty();
        // No http-check connect: a sequence made for check variables begins with the implicit connect.
        boolean implicitConnect = config.httpSequence().stream()
                .noneMatch(rule -> rule instanceof HttpCheckRule.Connect connect && !connect.options().implicit());
        if (tls.checkSniAuto() && config.kind() == HealthCheckConfig.Kind.HTTP && implicitConnect) {
            autoSni = hostName(config.request());
        }
        ProxySending sending = server.config().proxySending();
        CheckPreamble requested = (local, target) -> ProxyHeaders.forHealthCheck(
                sending.enabled() ? sending : ProxySending.V1, local, target);
        ServerConfig settings = server.config();
        return new CheckConnections(() -> settings.checksUseTls(server.usesTls()), context, tls.checkSni(), tls.checkAlpn(), autoSni,
                proxyPreamble(server), requested, socks4Proxy(server));
    }

    /** The name in an HTTP check's Host ({@code option httpchk}'s fourth word, or a fixed {@code hdr host}), without a port. */
    private static Optional<String> hostName(HttpCheckRequest request) {
        Optional<String> host = request.host();
        for (HttpCheckRequest.Header header : request.headers()) {
            if (header.name().equalsIgnoreCase("host") && header.format().isEmpty()) {
                host = Optional.of(header.value());
            }
        }
        return host.map(value -> {
            int colon = value.lastIndexOf(':');
            return colon > value.lastIndexOf(']') && colon >= 0 ? value.substring(0, colon) : value;
        }).filter(value -> !value.isEmpty());
    }

    /**
     * The PROXY header a check's connection starts with (configuration.txt, "check-send-proxy"): with
     * {@code check-send-proxy}, the server's own version (v1 when it sends none); without it, a
     * {@code send-proxy*} server's header when its checks go to its own address (no {@code port}
     * nor {@code addr}). HAProxy 3.5's bytes: {@link ProxyHeaders#forHealthCheck}. With {@code
     * check-via-socks4} on a {@code socks4} server, the connection first opens through its proxy.
     */
    private static CheckPreamble proxyPreamble(Server server) {
        CheckPreamble header = proxyHeader(server);
        Socks4Settings socks4 = server.config().pooling().socks4();
        if (!socks4.checksViaProxy()) {
            return header;
        }
        return CheckPreamble.throughSocks4(header, socks4Proxy(server).orElseThrow());
    }

    /** The server's {@code socks4} proxy, if it has one. */
    private static Optional<InetSocketAddress> socks4Proxy(Server server) {
        return server.config().pooling().socks4().proxy()
                .map(proxy -> new InetSocketAddress(literal(proxy.host()), proxy.portLow()));
    }

    private static CheckPreamble proxyHeader(Server server) {
        ServerCheckSettings settings = server.config().check();
        ProxySending sending = server.config().proxySending();
        boolean ownAddress = settings.port() == 0 && settings.address().isEmpty();
        if (!settings.sendProxy() && !(sending.enabled() && ownAddress)) {
            return CheckPreamble.NONE;
        }
        ProxySending used = sending.enabled() ? sending : ProxySending.V1;
        return (local, target) -> ProxyHeaders.forHealthCheck(used, local, target);
    }

    /** The server's address; the configuration makes sure a checked server has an IP address and a port. */
    static InetSocketAddress serverAddress(Server server) {
        if (!(server.address() instanceof Address.Inet inet)) {
            throw new IllegalArgumentException(server.qualifiedName() + " has no IP address to check");
        }
        return new InetSocketAddress(literal(inet.host()), inet.portLow());
    }

    static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip); // an IP literal: no name is resolved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    /**
     * {@code set server <b>/<s> health up|stopping|down} (management.txt §9.3): the health counter
     * goes to its top, or to 0 for down, and the server takes the state now, followed by the servers
     * that track it. A server without a health check takes the state as well, as in HAProxy 3.5.
     *
     * @param reason what the state message says of the change (", changed from CLI")
     */
    public void forceHealth(Backend backend, Server server, OperationalState state, String reason) {
        ServerVerdicts own;
        lock.lock();
        try {
            for (Runnable check : checks) {
                if (check instanceof ServerCheck health && health.server() == server) {
                    health.force(state != OperationalState.DOWN);
                }
            }
            own = verdicts.get(server);
        } finally {
            lock.unlock();
        }
        if (own != null) {
            own.force(state, false, reason);
        } else if (state != server.status().operational()) {
            backend.setCheckedState(server, state, reason);
        }
    }

    /**
     * {@code set server <b>/<s> agent up|down}: the agent's counter goes to its top or to 0, and the
     * server goes up or down now (the caller made sure the agent is enabled).
     */
    public void forceAgent(Backend backend, Server server, boolean up, String reason) {
        ServerVerdicts own;
        lock.lock();
        try {
            for (Runnable check : checks) {
                if (check instanceof AgentCheck agent && agent.server() == server) {
                    agent.force(up);
                }
            }
            own = verdicts.computeIfAbsent(server, s -> new ServerVerdicts(backend, s));
        } finally {
            lock.unlock();
        }
        own.force(up ? OperationalState.UP : OperationalState.DOWN, true, reason);
    }

    private List<Runnable> checksNow() {
        lock.lock();
        try {
            return List.copyOf(checks);
        } finally {
            lock.unlock();
        }
    }

    /** How many servers are checked. */
    public int count() {
        lock.lock();
        try {
            return checks.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds the checks of log backends' servers ({@code mode log}): they run on the same poller as
     * the others, and start with them, placed in the same list ({@link CheckStartPlan}); added once
     * the others run, they are placed among themselves.
     */
    public void addLogServerChecks(List<LogServerCheck> added) {
        lock.lock();
        try {
            logServerChecks.addAll(added);
            if (started) {
                CheckStartPlan plan = new CheckStartPlan();
                added.forEach(check -> planLocked(plan, check));
                plan.start(spread);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts every check's rounds on the check poller, which it starts: the first rounds of the
     * traffic servers' and the log servers' checks placed in one list ({@link CheckStartPlan}).
     */
    public void start() {
        lock.lock();
        try {
            started = true;
            if (poller == null && !(checks.isEmpty() && logServerChecks.isEmpty())) {
                poller = CheckPoller.start();
            }
            CheckStartPlan plan = new CheckStartPlan();
            for (Runnable check : checks) {
                if (check instanceof ServerCheck health) {
                    plan.add(health.backend().config().id(), health.nextInterval(), delay -> health.startOn(poller, delay));
                } else {
                    AgentCheck agent = (AgentCheck) check;
                    plan.add(agent.backend().config().id(), agent.interval(), delay -> agent.startOn(poller, delay));
                }
            }
            logServerChecks.forEach(check -> planLocked(plan, check));
            plan.start(spread);
        } finally {
            lock.unlock();
        }
    }

    private void planLocked(CheckStartPlan plan, LogServerCheck check) {
        if (poller == null) {
            poller = CheckPoller.start();
        }
        plan.add(check.proxyId(), check.interval(), delay -> check.startOn(poller, delay, spread));
    }

    /** Starts a check added at run time ({@link #add}) at once. */
    private void startLocked(Runnable check) {
        if (poller == null) {
            poller = CheckPoller.start();
        }
        if (check instanceof ServerCheck health) {
            health.startOn(poller);
        } else {
            ((AgentCheck) check).startOn(poller);
        }
    }

    /** Stops a check's rounds; returns the thread of its round in progress, or null. */
    private static Thread stopRounds(Runnable check) {
        return check instanceof ServerCheck health ? health.stop() : ((AgentCheck) check).stop();
    }

    private static Server serverOf(Runnable check) {
        return check instanceof AgentCheck agent ? agent.server() : ((ServerCheck) check).server();
    }

    /**
     * Stops every check and waits for their threads (a check in the middle of a probe is
     * interrupted; a connect-only check in flight is dropped with the poller).
     */
    public void stop() throws InterruptedException {
        List<Thread> running = new ArrayList<>();
        CheckPoller stopped;
        lock.lock();
        try {
            started = false;
            stopped = poller;
            poller = null;
        } finally {
            lock.unlock();
        }
        if (stopped != null) {
            stopped.close(); // no round starts any more
        }
        for (Runnable check : checksNow()) {
            Thread probing = stopRounds(check);
            if (probing != null) {
                running.add(probing);
            }
        }
        lock.lock();
        try {
            logServerChecks.forEach(LogServerCheck::stop); // connects only: no thread to wait for
        } finally {
            lock.unlock();
        }
        for (Thread thread : running) {
            thread.join(1000);
        }
    }
}
