package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.QueuePriority;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.backend.ServerTls;
import dev.shuttle.backend.TlsServers;
import dev.shuttle.config.LogStep;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.mux.TcpTunnel;
import dev.shuttle.mux.TunnelEnd;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.RuleSet;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.server.Server;
import dev.shuttle.server.ServerStreams;
import dev.shuttle.server.ShutdownCause;
import dev.shuttle.session.ClientConnection;
import dev.shuttle.session.Session;
import dev.shuttle.session.SessionHandler;
import dev.shuttle.stats.TrafficCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client connection in TCP mode: pick the backend, get a server connection (with retries
 * and queueing), then tunnel bytes both ways until both sides are done (HAProxy's stream in
 * TCP mode). {@code tcp-request content} rules run before the backend is chosen (and the
 * backend's after it), over the client's first bytes, waiting for more up to the inspect delay
 * when a condition needs them ({@link ContentInspection}), {@code use-server} picks the server, {@code tcp-response content} rules run
 * once the server is connected. The session's record is reported in one place, {@link #report}.
 */
public final class TcpSession implements SessionHandler {
    private final SessionObserver observer;
    private final Routing routing;
    private final TlsServers tls;

    public TcpSession(SessionObserver observer, Routing routing) {
        this(observer, routing, TlsServers.NONE);
    }

    /** @param tls the TLS contexts of the {@code ssl} servers */
    public TcpSession(SessionObserver observer, Routing routing, TlsServers tls) {
        this.observer = observer;
        this.routing = routing;
        this.tls = tls;
    }

    /**
     * What a session got to, for its log: the backend chosen, the connector's account, the server
     * connection (still open, closed once the line is written), the tunnel's account.
     */
    private record Reached(Optional<Backend> backend, ServerConnector.Result connected, ServerConnection connection,
                           TcpTunnel.Result tunnel, TerminationState state, long connectAskedNanos,
                           boolean reportedEarly, long uploadedWithoutServer) {
        Reached(Optional<Backend> backend, ServerConnector.Result connected, ServerConnection connection,
                TcpTunnel.Result tunnel, TerminationState state, long connectAskedNanos, boolean reportedEarly) {
            this(backend, connected, connection, tunnel, state, connectAskedNanos, reportedEarly, 0);
        }

        Reached(Optional<Backend> backend, ServerConnector.Result connected, ServerConnection connection,
                TcpTunnel.Result tunnel, TerminationState state, long connectAskedNanos) {
            this(backend, connected, connection, tunnel, state, connectAskedNanos, false);
        }

        static Reached before(Optional<Backend> backend, TerminationState state) {
            return new Reached(backend, null, null, null, state, 0);
        }

        /** The client's bytes for {@code %U}: the tunnel's, else those that arrived while no server connection came. */
        long bytesFromClient() {
            return tunnel != null ? tunnel.bytesFromClient() : uploadedWithoutServer;
        }
    }

    @Override
    public void serve(Session session, ClientConnection client) throws InterruptedException, IOException {
        observer.started(session);
        long servedNanos = System.nanoTime();
        long streamNumber = StreamNumbers.next();
        SampleContext context = session.context();
        context.terminationEvents().beginStream(); // a TCP stream exists from the start
        observer.logStep(LogStep.ACCEPT, session.frontend(),
                TcpLogFacts.running(session, servedNanos, streamNumber, Optional.empty(), null), context, false);
        context.stepLogger((step, profile) -> LogStep.fromKeyword(step).ifPresent(reached -> observer.logStep(reached,
                session.frontend(), TcpLogFacts.running(session, servedNanos, streamNumber,
                        context.backend().filter(Backend.class::isInstance).map(Backend.class::cast), null), context, false,
                profile.map(session.frontend().config().logging().profiles()::get))));
        Reached reached = run(session, client, servedNanos, streamNumber);
        // The server connection closes before the log line: as in HAProxy 3.5, %bc and %sc no longer count it.
        if (reached.connection() != null) {
            reached.connection().localAddress(); // read while open: the log line may print them
            reached.connection().close();
        }
        if (!reached.reportedEarly()) {
            report(session, reached, servedNanos, streamNumber);
        }
    }

    private Reached run(Session session, ClientConnection client, long servedNanos, long streamNumber)
            throws InterruptedException, IOException {
        Frontend frontend = session.frontend();
        SampleContext context = session.context();
        frontend.config().logging().uniqueIdFormat().ifPresent(context::uniqueIdFormat);
        context.phase(Phase.REQUEST_CONTENT);
        session.live().requestStarted(null);
        boolean rejected = inspect(frontend.config(), context, client) instanceof Verdict.Reject;
        Optional<Backend> chosen = rejected ? Optional.empty() : routing.select(frontend, context);
        chosen.ifPresent(context::backend);
        if (chosen.isPresent() && chosen.get().config() != frontend.config()) {
            rejected = inspect(chosen.get().config(), context, client) instanceof Verdict.Reject;
        }
        if (rejected) {
            context.requestContent(null);
            frontend.counters().requestDenied(); // tcp-request content reject: dreq
            if (session.listenerCounters() != null) {
                session.listenerCounters().requestDenied();
            }
            chosen.ifPresent(b -> b.counters().requestDenied());
            // The stream intercepted the connection and closes it: {f1,m1,e1,s8S1s1,,-,-} in 3.5 (checked live).
            ClientSideEvents.intercepted(context);
            ClientSideEvents.exchangeEnded(context, true);
            return Reached.before(chosen, TerminationState.PROXY_REQUEST);
        }
        if (chosen.isEmpty()) {
            context.requestContent(null);
            return Reached.before(chosen, TerminationState.NORMAL);
        }
        Backend backend = chosen.get();
        backend.counters().sessionStarted();
        session.live().gettingServer(backend.name());
        backend.counters().sessionsOpen(backend.currentConnections() + 1L);
        long connectAskedNanos = System.nanoTime();
        // option persist and force-persist let a use-server rule reach a server that is down (§4.2).
        boolean mayReachDown = PersistenceState.afterBackendChoice(backend, context).mayReachDown();
        Server forced = ServerChoice.forced(backend, context, mayReachDown).orElse(null);
        int maxRetries = context.settings().maxRetries() >= 0 ? context.settings().maxRetries()
                : backend.config().retries();
        ServerConnector.Result result = ServerConnector.connect(backend, backend.config().isOptionSet("redispatch"),
                SocketAddresses.port(session.frontendAddress()), forced, ServerConnector.IdleConnections.NONE,
                new ServerTls(tls, context), ServerConnector.Attempts.first(
                        QueuePriority.of(context.settings().priorityClass(), context.settings().priorityOffset()),
                        maxRetries, forced != null,
                        backend.balancesByKey() ? BalanceKey.of(backend, context) : LoadBalancer.NO_KEY)
                        .evenIfDown(forced != null && !forced.isUp()));
        context.requestContent(null); // the tunnel forwards the inspected bytes: no rule reads them any more
        ServerSideEvents.connected(context, result);
        if (result.connection().isEmpty()) {
            if (result.connectTried()) {
                // The stream closes the client connection: 3.5, checked live, logs
                // {f1,m1,e1,S1s1,,,F7} for a refused connect (log difftest term-events-tcp-server-down).
                ClientSideEvents.exchangeEnded(context, true);
            }
            long uploaded = ArrivedClientBytes.take(client);
            countUploadedWithoutServer(session, backend, result.lastServer(), uploaded);
            return new Reached(chosen, result, null, null, connectFailure(result.failure()), connectAskedNanos, false,
                    uploaded);
        }
        ServerConnection connection = result.connection().get();
        context.backTls(connection.tls().orElse(null));
        try {
            session.child().closeOnAbort(connection.socket());
            if (responseRejected(context, backend, connection)) {
                session.child().forget(connection.socket());
                frontend.counters().responseDenied(); // tcp-response content reject: dresp
                backend.counters().responseDenied();
                if (session.listenerCounters() != null) {
                    session.listenerCounters().responseDenied();
                }
                return new Reached(chosen, result, connection, null, TerminationState.PROXY_REQUEST,
                        connectAskedNanos);
            }
            observer.logStep(LogStep.CONNECT, frontend, TcpLogFacts.running(session, servedNanos, streamNumber, chosen,
                    connection.server()), context, false);
            boolean reportedEarly = frontend.config().logging().logAsap();
            if (reportedEarly) {
                // configuration.txt §8.3.2: with logasap, a TCP session is logged once connected.
                report(session, new Reached(chosen, result, connection, null, TerminationState.NORMAL,
                        connectAskedNanos), servedNanos, streamNumber);
            }
            // A state change of the server may end the tunnel (on-marked-down/up): it closes the server side.
            AtomicReference<ShutdownCause> shutdown = new AtomicReference<>();
            ServerStreams.Member member = cause -> {
                shutdown.set(cause);
                connection.abortSocket();
            };
            ServerStreams streams = connection.server().streams();
            if (streams.tracked()) {
                streams.add(member);
            }
            session.live().server(connection.server().name());
            session.live().serverSide(() -> {
                member.shutdown(ShutdownCause.KILLED);
                return true;
            });
            session.live().phase(StreamPhase.TUNNEL);
            TcpTunnel.Result tunnel;
            TcpTunnel pipe = new TcpTunnel(TunnelEnd.of(client.socket(), client.input()),
                    TunnelEnd.of(connection.socket(), null), timeouts(frontend.config(), backend.config()));
            try {
                tunnel = pipe.run();
            } finally {
                streams.remove(member);
            }
            TunnelEvents.ended(context, tunnel, pipe.clientEndedFirst());
            session.child().forget(connection.socket());
            for (TrafficCounters counters : streamCounters(session, backend, Optional.of(connection.server()))) {
                counters.addBytesIn(tunnel.bytesFromClient());
                counters.addBytesToServer(tunnel.bytesFromClient());
                counters.addBytesOut(tunnel.bytesToClient());
            }
            TerminationState ended = shutdown.get() != null ? TerminationState.shutDownBy(shutdown.get())
                    : tunnelEnding(tunnel.ending());
            return new Reached(chosen, result, connection, tunnel, ended, connectAskedNanos, reportedEarly);
        } catch (IOException | InterruptedException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The {@code bin} counters of the bytes a client sent to a stream that got no server connection:
     * HAProxy 3.5 adds the stream's request bytes to its frontend, listener, backend and server
     * (stream_process_counters) whether or not they reached a server; none were sent to one.
     */
    private static void countUploadedWithoutServer(Session session, Backend backend, Optional<Server> server,
                                                   long uploaded) {
        if (uploaded == 0) {
            return;
        }
        for (TrafficCounters counters : streamCounters(session, backend, server)) {
            counters.addBytesIn(uploaded);
        }
    }

    /** The counters a TCP stream's bytes go to: its frontend, its listener's (if it counts), its backend, its server. */
    private static List<TrafficCounters> streamCounters(Session session, Backend backend, Optional<Server> server) {
        List<TrafficCounters> sides = new ArrayList<>(4);
        sides.add(session.frontend().counters());
        if (session.listenerCounters() != null) {
            sides.add(session.listenerCounters());
        }
        sides.add(backend.counters());
        server.ifPresent(s -> sides.add(s.counters()));
        return sides;
    }

    /** A proxy's {@code tcp-request content} rules over the client's first bytes, waiting up to its inspect delay. */
    private static Verdict inspect(ProxyConfig proxy, SampleContext context, ClientConnection client)
            throws IOException {
        return ContentInspection.run(proxy.rules().of(RuleKind.TCP_REQUEST_CONTENT), context, client.input(),
                client.socket(), proxy.rules().inspectDelayMillis());
    }

    private void report(Session session, Reached reached, long servedNanos, long streamNumber) {
        ServerConnector.Result result = reached.connected();
        long totalMillis = (System.nanoTime() - session.acceptedNanos()) / 1_000_000;
        Server server = reached.connection() != null ? reached.connection().server()
                : result == null ? null : result.lastServer().orElse(null);
        long queueMillis = result == null ? -1 : result.queueMillis();
        long connectMillis = reached.connection() == null ? -1 : reached.connection().connectMillis();
        long bytesFromClient = reached.bytesFromClient();
        long bytesToClient = reached.tunnel() == null ? 0 : reached.tunnel().bytesToClient();
        // The instants from the accept (configuration.txt §8.4): out of the queue, connected. A TCP
        // stream has no request instant: HAProxy's %TR is -1 and its %Tw counts from it (-1) too.
        long askedAt = result == null ? -1 : (reached.connectAskedNanos() - session.acceptedNanos()) / 1_000_000;
        long queuedUntil = askedAt < 0 ? -1 : askedAt + Math.max(0, queueMillis);
        long connectedAt = connectMillis < 0 || queuedUntil < 0 ? -1 : queuedUntil + connectMillis;
        if (connectMillis >= 0 && reached.backend().isPresent()) {
            // The stats' times (stream_update_time_stats()): in TCP no response time, windows by lbtot.
            long queued = Math.max(queueMillis, 0);
            TrafficCounters be = reached.backend().get().counters();
            if (server != null) {
                server.counters().timed(queued, connectMillis, 0, totalMillis, server.counters().balancedChoices());
            }
            be.timed(queued, connectMillis, 0, totalMillis, be.balancedChoices());
        }
        Optional<InetSocketAddress> serverAddress = Optional.empty();
        Optional<InetSocketAddress> backendSource = Optional.empty();
        if (reached.connection() != null) {
            serverAddress = reached.connection().remoteAddress();
            backendSource = reached.connection().localAddress();
        }
        TcpLogFacts facts = new TcpLogFacts(session.frontend(), reached.backend(), server, session.acceptedAtMillis(),
                (servedNanos - session.acceptedNanos()) / 1_000_000, -1, queuedUntil, connectedAt, totalMillis,
                bytesFromClient, bytesToClient, reached.state(), result == null ? 0 : result.retries(),
                result != null && result.redispatched(), serverAddress, backendSource, streamNumber,
                result == null ? Backend.QueuePositions.NONE : result.queuePositions());
        observer.ended(new SessionRecord(session.frontend(), session.clientAddress(), session.frontendAddress(),
                session.acceptedAtMillis(), reached.backend(), server,
                result == null ? 0 : result.retries(), result != null && result.redispatched(),
                queueMillis, connectMillis, totalMillis, reached.state(), bytesFromClient, bytesToClient,
                session.tls(), facts, session.context()));
    }

    /**
     * {@code tcp-response content} rules of the backend, run once the server connection is up and
     * before any byte is forwarded: with no content fetches, no condition needs the server's first
     * bytes, so waiting for them would change nothing (configuration.txt §4.2, "tcp-response
     * content"). Only {@code reject} (and {@code silent-drop}) changes the outcome.
     */
    private static boolean responseRejected(SampleContext context, Backend backend, ServerConnection connection) {
        RuleSet rules = backend.config().rules().of(RuleKind.TCP_RESPONSE_CONTENT);
        if (rules.isEmpty()) {
            return false;
        }
        context.server(connection.server());
        context.phase(Phase.RESPONSE_CONTENT);
        return rules.evaluate(context) instanceof Verdict.Reject;
    }

    /** How a TCP session that got no server connection is logged; a stop interrupting the wait is {@code KD}. */
    static TerminationState connectFailure(ServerConnector.Failure failure) {
        return switch (failure) {
            case NO_SERVER, CONNECT_FAILED -> TerminationState.SERVER_REFUSED;
            case QUEUE_TIMEOUT -> TerminationState.QUEUE_TIMEOUT;
            case QUEUE_FULL -> TerminationState.QUEUE_REFUSED;
            case CONNECT_TIMEOUT -> TerminationState.CONNECT_TIMEOUT;
            case ABORTED, ABORTED_CONNECTING, ABORTED_BETWEEN_RETRIES -> TerminationState.KILLED_DATA;
        };
    }

    static TerminationState tunnelEnding(TcpTunnel.Ending ending) {
        return switch (ending) {
            case CLOSED -> TerminationState.NORMAL;
            case CLIENT_TIMEOUT -> TerminationState.CLIENT_TIMEOUT_DATA;
            case SERVER_TIMEOUT -> TerminationState.SERVER_TIMEOUT_DATA;
            case CLIENT_ABORT -> TerminationState.CLIENT_ABORTED_DATA;
            case SERVER_ABORT -> TerminationState.SERVER_ABORTED_DATA;
        };
    }

    /** HAProxy takes the client timeouts from the frontend and the server ones from the backend; tunnel overrides both. */
    static TcpTunnel.Timeouts timeouts(ProxyConfig frontend, ProxyConfig backend) {
        Timeouts front = frontend.timeouts();
        Timeouts back = backend.timeouts();
        long tunnel = back.get(TimeoutKind.TUNNEL);
        long client = tunnel > 0 ? tunnel : front.get(TimeoutKind.CLIENT);
        long server = tunnel > 0 ? tunnel : back.get(TimeoutKind.SERVER);
        return new TcpTunnel.Timeouts(client, server, front.get(TimeoutKind.CLIENT_FIN), back.get(TimeoutKind.SERVER_FIN));
    }
}
