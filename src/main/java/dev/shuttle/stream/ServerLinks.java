package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.ConnectionKeys;
import dev.shuttle.backend.QueuePriority;
import dev.shuttle.backend.ServerConnection;
import dev.shuttle.backend.ServerConnector;
import dev.shuttle.backend.ServerTls;
import dev.shuttle.backend.ServerTransport;
import dev.shuttle.config.ConnectionPooling;
import dev.shuttle.config.HttpReuse;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.RetryOn;
import dev.shuttle.config.RetryPolicy;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.mux.ServerMux;
import dev.shuttle.mux.ServerMuxFactory;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.server.IdleConnectionPool;
import dev.shuttle.server.Server;
import dev.shuttle.server.ServerStreams;
import dev.shuttle.server.ShutdownCause;
import java.io.IOException;
import java.util.Optional;

/**
 * The "get a server connection" step of a client session's HTTP exchanges, and the "give it back"
 * step at their end (configuration.txt, "http-reuse", and server "pool-max-conn", "max-reuse").
 *
 * <p>The connections a session keeps for itself ({@link PrivateLinks}: every one under {@code
 * http-reuse never}, and those made private by connection-based authentication) serve that
 * session's next requests to their servers, one per server; they are not counted by their servers. Any other connection goes back to its server's {@link IdleConnectionPool} after its
 * exchange, where the requests of every session find it: once a server slot is had, a request
 * takes a connection with the same {@link dev.shuttle.server.ConnectionHash} from the lists
 * {@link HttpReuse} allows, or connects anew.
 *
 * <p>Owned by the client connection's thread. Sockets of connections it holds are registered with
 * the session's supervisor, so that a stop closes them; pooled ones are the purger's to close.
 */
final class ServerLinks implements AutoCloseable {
    private final Supervisor.Child child;
    private final ServerMuxFactory muxes;
    /** TLS to {@code ssl} servers: the handshake of new connections (issue 23). */
    private final Optional<ServerTls> tls;
    /** The pool key of each request's connection ({@code pool-conn-name}, SNI, ALPN). */
    private final ConnectionKeys keys;
    /** Told which server connection the exchange uses, for the {@code ssl_bc*} fetches; null without TLS. */
    private final SampleContext context;
    /**
     * The multiplexed connections in use that the client session holds under {@code http-reuse
     * safe}: shared with the other streams of the client connection, whose exchanges join them first.
     */
    private final SessionLinks attachedToSession;
    /** The connections the session keeps for itself between exchanges, one per server at most. */
    private final PrivateLinks kept = new PrivateLinks();
    /**
     * Set once a server asked for connection-bound authentication (HAProxy's SESS_FL_PREFER_LAST):
     * from then on the session's kept connection chooses the server.
     */
    private boolean preferLast;
    /**
     * The connection the current exchange uses, or null: closed with the session if the exchange
     * failed to end. Volatile: a server's state change may close it from another thread ({@link #shutdown}).
     */
    private volatile ServerLink inUse;
    /** The stream the current exchange opened on {@link #inUse}, or null (volatile for {@link #shutdown}). */
    private volatile ServerStream stream;
    /** Whether the current exchange's connection carried an exchange before it (see {@link #reusedConnection()}). */
    private boolean reusedConnection;
    /** The server whose {@link ServerStreams} this session's exchange is registered with, or null. */
    private Server registeredWith;
    /** Set from another thread when an action ended the current exchange (on-marked-down/up); read and cleared at its end. */
    private volatile ShutdownCause shutdownBy;
    /** This session as its servers' streams know it. */
    private final ServerStreams.Member member = this::shutdown;

    /** @param muxes makes the mux of each new server connection */
    ServerLinks(Supervisor.Child child, ServerMuxFactory muxes) {
        this(child, muxes, null, null, new SessionLinks());
    }

    /**
     * Links whose connections to {@code ssl} servers use TLS, the SNI evaluated against {@code context}.
     *
     * @param attachedToSession the client connection's attached connections, shared by its streams
     */
    ServerLinks(Supervisor.Child child, ServerMuxFactory muxes, ServerTls tls, SampleContext context,
                SessionLinks attachedToSession) {
        this.attachedToSession = attachedToSession;
        this.child = child;
        this.muxes = muxes;
        this.tls = Optional.ofNullable(tls);
        this.context = context;
        this.keys = context == null ? null : new ConnectionKeys(context, tls);
    }

    /** The pool key of a connection for this request to {@code server} (see {@link ConnectionKeys}). */
    private long hash(Server server, int clientPort) {
        return keys == null ? server.connectionHash(clientPort) : keys.hash(server, clientPort);
    }

    private ServerTransport transport() {
        return tls.<ServerTransport>map(layer -> layer).orElse(ServerTransport.PLAIN);
    }

    /**
     * The exchange is about to use {@code link}: its TLS is what {@code ssl_bc*} read from now on,
     * and its server's state changes may end it, when the server tracks its streams.
     */
    private void using(ServerLink link) {
        unregister();
        Server server = link.connection().server();
        if (server.streams().tracked()) {
            server.streams().add(member);
            registeredWith = server;
        }
        if (context != null) {
            context.backTls(link.connection().tls().orElse(null));
        }
    }

    /** The outcome of getting a connection: the link, or the connector's account of why none. */
    record Connected(Optional<ServerLink> link, ServerConnector.Result result) {}

    /**
     * A connection for the next exchange to {@code backend} (to {@code server} when not null:
     * {@code use-server}), with its server slot taken: the session's kept one when it fits, else
     * one from the chosen server's pool as {@code http-reuse} allows, else a new one.
     *
     * @param firstRequest whether this is the first request of the client connection
     */
    Connected get(Backend backend, int clientPort, Server server, boolean firstRequest) throws IOException {
        return get(backend, clientPort, server, false, backend.config().isOptionSet("redispatch"), firstRequest);
    }

    /**
     * As {@link #get(Backend, int, Server, boolean)}, with the exchange's persistence: a server that
     * is down is still used under {@code option persist} or {@code force-persist}, and a request
     * under {@code force-persist} is never redispatched (configuration.txt §4.2, "force-persist").
     */
    Connected get(Backend backend, int clientPort, Server server, PersistenceState persistence, boolean firstRequest)
            throws IOException {
        boolean evenIfDown = server != null && !server.isUp() && persistence.mayReachDown();
        boolean redispatch = backend.config().isOptionSet("redispatch") && !persistence.forced;
        return get(backend, clientPort, server, evenIfDown, redispatch, firstRequest);
    }

    private Connected get(Backend backend, int clientPort, Server server, boolean evenIfDown, boolean redispatch,
                          boolean firstRequest) throws IOException {
        while (server != null || followsLastServer(backend)) {
            ServerLink own = kept.take(backend, server);
            if (own == null) {
                break;
            }
            Optional<Connected> connected = fromKept(own, server);
            if (connected.isPresent()) {
                return connected.get();
            }
        }
        IdleConnectionPool.Order order = takeOrder(backend.config().http().reuse(),
                firstRequest && !retriesEveryFailure(backend));
        PoolLookup lookup = new PoolLookup(backend, clientPort, order);
        ServerConnector.Result result = ServerConnector.connect(backend, redispatch, clientPort, server, lookup,
                transport(), ServerConnector.Attempts.first(priority(), maxRetries(backend), server != null,
                        balanceKey(backend)).evenIfDown(evenIfDown));
        if (result.reused()) {
            ServerLink link = lookup.own ? resume(lookup.taken)
                    : lookup.attached ? attach(lookup.taken) : adopt(lookup.taken, backend.config().http().reuse());
            return new Connected(Optional.of(link), result);
        }
        return opened(backend, clientPort, result);
    }

    /**
     * Whether the session's kept connection chooses the server rather than the load balancer
     * (backend.c, assign_server()): after a server asked for connection-bound authentication (NTLM,
     * Negotiate), or under {@code option prefer-last-server}; never with an algorithm that hashes
     * the request, whose choice is deterministic.
     */
    private boolean followsLastServer(Backend backend) {
        ProxyConfig config = backend.config();
        return !config.balance().hashesAKey() && (preferLast || config.isOptionSet("prefer-last-server"));
    }

    /**
     * The server whose slot a request holds, looked into for a connection: the session's own one
     * to it first (a private connection, or any under {@code http-reuse never}), then its pool as
     * {@code http-reuse} allows ({@code order} null: not the pool). Remembers the link it took.
     */
    private final class PoolLookup implements ServerConnector.IdleConnections {
        private final Backend backend;
        private final int clientPort;
        private final IdleConnectionPool.Order order;
        private ServerLink taken;
        /** Whether {@link #taken} is the session's own connection rather than a pooled one. */
        private boolean own;
        /** Whether {@link #taken} is a shared connection in use that the exchange attached to. */
        private boolean attached;

        PoolLookup(Backend backend, int clientPort, IdleConnectionPool.Order order) {
            this.backend = backend;
            this.clientPort = clientPort;
            this.order = order;
        }

        @Override
        public Optional<ServerConnection> take(Server server) {
            taken = ownLink(backend, server);
            own = taken != null;
            long hash = own ? 0 : hash(server, clientPort);
            if (taken == null) {
                // backend.c, be_reuse_connection(): the session's connections first (3.5's
                // session_get_conn(): those http-reuse safe attached to it, with a free stream).
                taken = attachedToSession.join(server, hash);
                attached = taken != null;
            }
            if (taken == null && backend.config().http().reuse().shares()) {
                // backend.c, be_reuse_connection(): the available connections first, under any
                // mode but never, for a first request too (they are safe: proven in use).
                taken = takeAvailable(server, hash);
                attached = taken != null;
            }
            if (taken == null && order != null) {
                taken = takeIdle(server, hash, order);
            }
            return taken == null ? Optional.empty() : Optional.of(taken.connection());
        }
    }

    /** The session's kept connection to {@code server}, when it has one still open. */
    private ServerLink ownLink(Backend backend, Server server) {
        ServerLink own = kept.isEmpty() ? null : kept.take(backend, server);
        if (own != null && own.mux().isClosed()) {
            discard(own);
            return null;
        }
        return own;
    }

    /**
     * A new connection after the server's answer to this request called for a retry ({@code
     * retry-on}): {@code attempts} says how many retries the stream made and which server failed.
     */
    Connected connectAfter(Backend backend, int clientPort, ServerConnector.Attempts attempts) throws IOException {
        return opened(backend, clientPort, ServerConnector.connect(backend,
                backend.config().isOptionSet("redispatch"), clientPort, null, ServerConnector.IdleConnections.NONE,
                transport(), attempts));
    }

    /** The stream's retries at most: {@code set-retries}'s, else the backend's {@code retries}. */
    int maxRetries(Backend backend) {
        int own = context == null ? -1 : context.settings().maxRetries();
        return own >= 0 ? own : backend.config().retries();
    }

    /** The queue place the stream's {@code set-priority-class}/{@code set-priority-offset} rules gave it. */
    QueuePriority priority() {
        return context == null ? QueuePriority.NONE
                : QueuePriority.of(context.settings().priorityClass(), context.settings().priorityOffset());
    }

    /**
     * A new connection, never a pooled one: the retry after a reused connection to {@code server}
     * failed. It goes to the same server, as HAProxy keeps the stream's server across retries
     * (another only with {@code option redispatch} when that one cannot take it).
     */
    Connected connectNew(Backend backend, int clientPort, Server server) throws IOException {
        return opened(backend, clientPort, ServerConnector.connect(backend,
                backend.config().isOptionSet("redispatch"), clientPort, server, ServerConnector.IdleConnections.NONE,
                transport(), ServerConnector.Attempts.first(priority(), maxRetries(backend), true,
                        balanceKey(backend))));
    }

    /** The request's balancing key, read only when the backend's algorithm hashes one. */
    long balanceKey(Backend backend) {
        return context != null && backend.balancesByKey() ? BalanceKey.of(backend, context) : LoadBalancer.NO_KEY;
    }

    /**
     * Whether {@code retry-on} covers every way a reused connection can fail a request (conn-failure,
     * empty-response and response-timeout): a first request may then take idle connections as a
     * later one does, as 3.5's be_reuse_connection() ("retry_safe").
     */
    private static boolean retriesEveryFailure(Backend backend) {
        RetryPolicy policy = backend.config().retryPolicy();
        return policy.retries(RetryOn.CONN_FAILURE) && policy.retries(RetryOn.EMPTY_RESPONSE)
                && policy.retries(RetryOn.RESPONSE_TIMEOUT);
    }

    /**
     * The lists a request may take from (HAProxy's backend.c, connect_server(), its table of
     * "safe", "idle" by strategy and first or later request); null when it may take none.
     */
    static IdleConnectionPool.Order takeOrder(HttpReuse reuse, boolean firstRequest) {
        return switch (reuse) {
            case NEVER -> null;
            case SAFE -> firstRequest ? null : IdleConnectionPool.Order.IDLE_THEN_SAFE;
            case AGGRESSIVE -> firstRequest ? IdleConnectionPool.Order.SAFE_ONLY : IdleConnectionPool.Order.IDLE_THEN_SAFE;
            case ALWAYS -> firstRequest ? IdleConnectionPool.Order.SAFE_THEN_IDLE : IdleConnectionPool.Order.IDLE_THEN_SAFE;
        };
    }

    /**
     * A shared connection in use with a free stream slot, or null. One that went away meanwhile
     * (GOAWAY, closed) is let go: the exchanges still on it end it.
     */
    private static ServerLink takeAvailable(Server server, long hash) {
        IdleConnectionPool pool = server.idleConnections();
        while (true) {
            ServerLink link = (ServerLink) pool.takeAvailable(hash);
            if (link == null || !link.mux().isClosed()) {
                return link;
            }
            if (pool.detach(link)) {
                pool.release(link); // the last exchange left meanwhile: nobody else closes it
            }
        }
    }

    /** A pooled connection that still looks alive; dead ones met on the way are closed. */
    private static ServerLink takeIdle(Server server, long hash, IdleConnectionPool.Order order) {
        IdleConnectionPool pool = server.idleConnections();
        while (true) {
            ServerLink link = (ServerLink) pool.take(hash, order);
            if (link == null || link.stillUsable(0)) {
                return link;
            }
            pool.release(link);
        }
    }

    /**
     * A kept connection, when it still fits: still open, and a server that still takes requests
     * (drain does: the connection is the session's own; maintenance does not: then it is closed,
     * and the load balancer chooses anew). Empty when it did not fit, for the caller to look on.
     */
    private Optional<Connected> fromKept(ServerLink link, Server chosen) {
        if (link.mux().isClosed() || !link.connection().server().isUp()) {
            discard(link);
            return Optional.empty();
        }
        ServerConnector.Result result = ServerConnector.takeSlotFor(link.connection(), priority());
        if (result.connection().isEmpty()) {
            discard(link);
            if (result.failure() == ServerConnector.Failure.NO_SERVER) {
                return Optional.empty(); // its server went into maintenance while it waited
            }
            return Optional.of(new Connected(Optional.empty(), result));
        }
        reusedConnection = link.exchangeStarts();
        inUse = link;
        using(link);
        attachToSession(link, link.backend().config().http().reuse());
        return Optional.of(new Connected(Optional.of(link), result));
    }

    /**
     * The server asked for connection-bound authentication (NTLM, Negotiate: http_ana.c makes the
     * connection private there): the connection becomes the session's, and the session's later
     * requests follow it rather than the load balancer.
     */
    void bindToSession(ServerLink link) {
        link.connection().server().idleConnections().unshare(link);
        link.makePrivate();
        preferLast = true;
    }

    /** A kept connection taken up again: its socket is the session's already. */
    private ServerLink resume(ServerLink link) {
        attachToSession(link, link.backend().config().http().reuse());
        reusedConnection = link.exchangeStarts();
        inUse = link;
        using(link);
        return link;
    }

    /**
     * A connection taken from its server's idle or safe list. A multiplexed one is shared from now
     * on under {@code aggressive} and {@code always} (backend.c, conn_backend_get(): onto the
     * available list); under {@code safe} it is attached to the client session while in use, for
     * the head-of-line risk (seed 000; backend.c, conn_backend_get(): session_add_conn()): the
     * session's other streams may share it, no other session's, and it goes back to the server's
     * lists once idle.
     */
    private ServerLink adopt(ServerLink link, HttpReuse reuse) {
        boolean shared = link.mux().multiplexed() && (reuse == HttpReuse.AGGRESSIVE || reuse == HttpReuse.ALWAYS)
                && link.connection().server().idleConnections().share(link);
        if (!shared) {
            child.closeOnAbort(link.connection().socket());
            attachToSession(link, reuse);
        }
        return attach(link);
    }

    /**
     * A multiplexed connection this exchange took or opened, when private or under {@code
     * http-reuse safe}, is attached to the client session while in use, for its other streams
     * (see {@link SessionLinks}; backend.c, connect_server(): session_add_conn()).
     */
    private void attachToSession(ServerLink link, HttpReuse reuse) {
        if (!link.mux().multiplexed()) {
            return;
        }
        if (link.isPrivate()) {
            attachedToSession.addPrivate(link);
        } else if (reuse == HttpReuse.SAFE) {
            attachedToSession.add(link);
        }
    }

    /**
     * A shared connection the exchange attached to: its socket is no session's (the last exchange
     * to leave it puts it back or closes it), so this session's stop does not close it.
     */
    private ServerLink attach(ServerLink link) {
        reusedConnection = link.exchangeStarts();
        inUse = link;
        using(link);
        return link;
    }

    /**
     * Opens the exchange's stream on its connection ({@link ServerMux#openStream()}), remembered
     * so that the exchange's end ends it, whatever other exchanges share the connection.
     */
    ServerStream openStream(ServerLink link) {
        ServerStream opened = link.mux().openStream();
        stream = opened;
        return opened;
    }

    /**
     * Whether the current exchange runs on a connection that already carried one: the server may
     * have closed it meanwhile, which makes a retry on a new connection safe.
     */
    boolean reusedConnection() {
        return reusedConnection;
    }

    private Connected opened(Backend backend, int clientPort, ServerConnector.Result result) throws IOException {
        if (result.connection().isEmpty()) {
            return new Connected(Optional.empty(), result);
        }
        ServerConnection connection = result.connection().get();
        child.closeOnAbort(connection.socket());
        ServerMux mux;
        try {
            mux = openMux(connection, backend);
        } catch (IOException e) {
            child.forget(connection.socket());
            connection.close();
            throw e;
        }
        Server server = connection.server();
        // The key of what was opened: TLS or not as the connection is (set server ... ssl may have
        // changed the server since).
        long key = keys == null ? server.connectionHash(clientPort)
                : keys.hash(server, clientPort, connection.tls().isPresent());
        ServerLink link = new ServerLink(backend, connection, mux, key);
        HttpReuse reuse = backend.config().http().reuse();
        if (reuse.shares()) {
            server.idleConnections().register(link);
            // backend.c, connect_server(): under always, a new multiplexed connection goes on the
            // available list at once, for other exchanges to attach to while this one runs.
            if (reuse == HttpReuse.ALWAYS && mux.multiplexed() && server.idleConnections().share(link)) {
                child.forget(connection.socket());
            }
        } else {
            // HAProxy makes every connection private under http-reuse never: the session's alone.
            link.makePrivate();
        }
        attachToSession(link, reuse);
        reusedConnection = link.exchangeStarts();
        inUse = link;
        using(link);
        return new Connected(Optional.of(link), result);
    }

    /**
     * The mux of a new connection (configuration.txt, server "proto" and "alpn"): HTTP/2 under
     * {@code proto h2}, or when TLS's ALPN settled on {@code h2}; HTTP/1.1 otherwise. An HTTP/2
     * connection's writes have the backend's {@code timeout server} as their deadline.
     */
    private ServerMux openMux(ServerConnection connection, Backend backend) throws IOException {
        String alpn = connection.tls().flatMap(TlsConnection::alpn).orElse(null);
        if (connection.server().config().pooling().protocol().speaksHttp2(alpn)) {
            Timeouts timeouts = backend.config().timeouts();
            long serverTimeout = timeouts.isSet(TimeoutKind.SERVER) ? timeouts.get(TimeoutKind.SERVER) : 0;
            return muxes.openHttp2(connection.socket(), serverTimeout);
        }
        return muxes.open(connection.socket(), backend.config());
    }

    /**
     * Ends an exchange that left the connection reusable: it gives its slot back and waits for the
     * next request, in the server's pool, or with this session when it is private to it (or under
     * {@code http-reuse never}); it closes when {@code max-reuse} is reached or the pool is full.
     */
    void keep(ServerLink link) {
        inUse = null;
        unregister();
        link.mux().streamEnded(takeStream());
        Server server = link.connection().server();
        if (!attachedToSession.leave(link)) {
            // Other exchanges still use the shared connection: this one gives its slot back only.
            link.connection().releaseSlot();
            return;
        }
        ConnectionPooling pooling = server.config().pooling();
        // An HTTP/2 server may have said GOAWAY while the exchange ran: the connection takes no new stream.
        if (link.mux().isClosed() || pooling.maxReuse() >= 0 && link.exchanges() > pooling.maxReuse()) {
            discard(link);
            return;
        }
        if (link.isPrivate()) {
            link.connection().releaseSlot();
            // Seed 000, conn_set_private: a private connection leaves its server's accounting.
            server.idleConnections().forget(link);
            ServerLink closing = kept.keep(link);
            if (closing != null) {
                discard(closing);
            }
            return;
        }
        // The socket leaves this session: from now on the pool (or its next user) closes it. Its
        // slot is given back once it is in the pool, for the request the slot wakes to find it.
        child.forget(link.connection().socket());
        boolean heldSlot = link.connection().detachSlot();
        // mux_h2.c, h2_detach(): an HTTP/2 connection whose last stream ends goes to the safe list.
        boolean safe = link.exchanges() > 1 || link.mux().multiplexed();
        if (!pooling.keepsIdle() || !server.idleConnections().putBack(link, safe)) {
            server.idleConnections().release(link);
        }
        if (heldSlot) {
            link.backend().release(server);
        }
    }

    /**
     * Closes {@code link} (after an error, or when keep-alive is off). A shared connection that
     * other exchanges still use stays open: only this exchange's stream ends (reset when it had
     * not ended both ways), and its slot goes back.
     */
    void discard(ServerLink link) {
        if (inUse == link) {
            inUse = null;
            unregister();
            ServerStream ended = takeStream();
            if (ended != null && link.mux().multiplexed()) {
                link.mux().streamEnded(ended);
            }
            if (!attachedToSession.leave(link)) {
                link.connection().releaseSlot();
                return;
            }
        }
        child.forget(link.connection().socket());
        link.connection().server().idleConnections().release(link);
        kept.remove(link);
    }

    /** The current exchange's stream, forgotten here. */
    private ServerStream takeStream() {
        ServerStream ended = stream;
        stream = null;
        return ended;
    }

    private void unregister() {
        if (registeredWith != null) {
            registeredWith.streams().remove(member);
            registeredWith = null;
        }
    }

    /**
     * Ends the exchange using a server that an action shuts down (another thread calls this): its
     * cause is noted for the log line and its server connection closed, which wakes the exchange's
     * thread wherever it waits on the server.
     */
    private void shutdown(ShutdownCause cause) {
        ServerLink link = inUse;
        if (link == null) {
            return;
        }
        shutdownBy = cause;
        ServerStream current = stream;
        if (link.mux().multiplexed() && current != null) {
            current.abort(); // other exchanges may share the connection: only this stream ends
        } else {
            link.connection().abortSocket();
        }
    }

    /**
     * An administrator ends the exchange ({@code shutdown session}, {@code shutdown sessions
     * server}): as a server action does, with the cause {@code K}. False when the exchange uses no
     * server connection now (the caller then closes the client's).
     */
    boolean killByAdmin() {
        if (inUse == null) {
            return false;
        }
        shutdown(ShutdownCause.KILLED);
        return true;
    }

    /** Whether an action ended the current exchange (its log line is decided at its end). */
    boolean shutdownPending() {
        return shutdownBy != null;
    }

    /** Why an action ended the exchange now ending, or null; clears it for the next exchange. */
    ShutdownCause exchangeEnded() {
        ShutdownCause cause = shutdownBy;
        shutdownBy = null;
        unregister();
        return cause;
    }

    /** Ends the session's connections: the kept one, and one an exchange left in use by failing. */
    @Override
    public void close() {
        unregister();
        if (inUse != null) {
            discard(inUse);
        }
        for (ServerLink link : kept.takeAll()) {
            discard(link);
        }
    }

    /** How many multiplexed connections in use the client session holds now (for tests). */
    int attachedCount() {
        return attachedToSession.size();
    }

    /** How many connections the session keeps for itself now (for tests). */
    int keptCount() {
        return kept.size();
    }
}
