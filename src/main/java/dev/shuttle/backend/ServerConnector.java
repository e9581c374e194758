package dev.shuttle.backend;

import dev.shuttle.config.RetryOn;
import dev.shuttle.config.RetryPolicy;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.KnownConnectionError;
import dev.shuttle.sample.SocketErrors;
import dev.shuttle.server.ConnectionBudget;
import dev.shuttle.server.PooledConnection;
import dev.shuttle.server.HealthEvent;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Opens a connection to a server of a backend, with HAProxy's retry rules (configuration.txt,
 * "retries", "retry-on" and "option redispatch"): a failed connection is retried up to
 * {@code retries} times (when {@code retry-on} has {@code conn-failure}), on the same server,
 * pausing min(timeout connect, 1s) after an immediate refusal; under {@code option redispatch} a
 * retry goes to another server as HAProxy's stream_choose_redispatch() decides.
 */
public final class ServerConnector {
    /** Why no server connection could be had, for logs and for the error the client gets. */
    public enum Failure {
        /** No server is usable (all down, in maintenance, or none declared). */
        NO_SERVER,
        /** Every server stayed full for the whole queue timeout. */
        QUEUE_TIMEOUT,
        /** The server the request must reach already had {@code maxqueue} requests waiting. */
        QUEUE_FULL,
        /** The last attempt was refused or reset. */
        CONNECT_FAILED,
        /** The last attempt did not complete within {@code timeout connect}. */
        CONNECT_TIMEOUT,
        /**
         * The wait for a server slot was interrupted: by a stop, or by the client's leaving under
         * {@code option abortonclose} (its stream then logs {@code CQ}).
         */
        ABORTED,
        /** A connect in progress (or the handshake after it) was interrupted; its socket is closed. */
        ABORTED_CONNECTING,
        /** The pause before a retry (HAProxy's turn-around) was interrupted: no connection was open. */
        ABORTED_BETWEEN_RETRIES;

        /** Whether an interrupt ended the attempts rather than the server or the queue. */
        public boolean interrupted() {
            return this == ABORTED || this == ABORTED_CONNECTING || this == ABORTED_BETWEEN_RETRIES;
        }
    }

    /**
     * The outcome: a connection, or the failure and the last server tried.
     *
     * @param retries      attempts made after the first
     * @param redispatched a retry went to another server than the first attempt
     * @param queueMillis  time spent waiting for a free server slot ({@code %Tw})
     * @param reused       the connection came from {@link IdleConnections} rather than a new connect
     * @param error        why the last connect failed, as {@code bc_err} says it ({@link SocketErrors});
     *                     empty when no connect failed, or when the failure is no socket error (a timeout)
     */
    public record Result(Optional<ServerConnection> connection, Failure failure, Optional<Server> lastServer,
                         int retries, boolean redispatched, long queueMillis, boolean reused,
                         Optional<ConnectionError> error, Backend.QueuePositions queuePositions) {
        /** A result that never waited in a queue. */
        public Result(Optional<ServerConnection> connection, Failure failure, Optional<Server> lastServer,
                      int retries, boolean redispatched, long queueMillis, boolean reused,
                      Optional<ConnectionError> error) {
            this(connection, failure, lastServer, retries, redispatched, queueMillis, reused, error,
                    Backend.QueuePositions.NONE);
        }

        /** Whether a connect was tried (and so a server connection existed, if only to fail). */
        public boolean connectTried() {
            return connection.isPresent() || failure == Failure.CONNECT_FAILED || failure == Failure.CONNECT_TIMEOUT
                    || failure == Failure.ABORTED_CONNECTING;
        }
    }

    /**
     * Where a request may find an open connection to the server it got a slot on, before a new one
     * is made (a server's idle pool, under the backend's {@code http-reuse} rules).
     */
    @FunctionalInterface
    public interface IdleConnections {
        /** A connection to {@code server} that this request may use, or empty. */
        Optional<ServerConnection> take(Server server);

        IdleConnections NONE = server -> Optional.empty();
    }

    /** How many idle connections one attempt may close to make room under {@code strict-maxconn}. */
    private static final int EVICTION_ROUNDS = 16;

    private ServerConnector() {}

    /**
     * Connects to a server of {@code backend}.
     *
     * @param clientPort the port the client connected to, for servers declared without a port or
     *                   with a {@code +N}/{@code -N} offset; 0 when the client came over a UNIX socket
     */
    public static Result connect(Backend backend, boolean redispatch, int clientPort) {
        return connect(backend, redispatch, clientPort, null);
    }

    /**
     * Connects as {@link #connect(Backend, boolean, int)} does, but to {@code chosen} when it is not
     * null ({@code use-server}): the first attempt waits for a slot on that server instead of asking
     * the load balancer (unless the server goes into maintenance meanwhile); retries behave as usual.
     */
    public static Result connect(Backend backend, boolean redispatch, int clientPort, Server chosen) {
        return connect(backend, redispatch, clientPort, chosen, IdleConnections.NONE);
    }

    /**
     * Connects as {@link #connect(Backend, boolean, int, Server)} does, but once the first attempt
     * has its server slot, asks {@code idle} for an open connection to that server and uses it
     * when there is one (HAProxy picks the server first, then looks for a connection to reuse).
     */
    public static Result connect(Backend backend, boolean redispatch, int clientPort, Server chosen,
                                 IdleConnections idle) {
        return connect(backend, redispatch, clientPort, chosen, idle, ServerTransport.PLAIN);
    }

    /**
     * Connects as {@link #connect(Backend, boolean, int, Server, IdleConnections)} does, each new
     * connection made ready by {@code transport} (TLS to an {@code ssl} server) within what is
     * left of {@code timeout connect}; a transport that fails fails the attempt.
     */
    public static Result connect(Backend backend, boolean redispatch, int clientPort, Server chosen,
                                 IdleConnections idle, ServerTransport transport) {
        return connect(backend, redispatch, clientPort, chosen, idle, transport, QueuePriority.NONE);
    }

    /**
     * Connects as {@link #connect(Backend, boolean, int, Server, IdleConnections, ServerTransport)}
     * does; a request that must wait for a slot waits at {@code priority}'s place in its queue.
     */
    public static Result connect(Backend backend, boolean redispatch, int clientPort, Server chosen,
                                 IdleConnections idle, ServerTransport transport, QueuePriority priority) {
        return connect(backend, redispatch, clientPort, chosen, idle, transport,
                Attempts.first(priority, backend.config().retries(), chosen != null));
    }

    /**
     * Where a connect stands among its stream's attempts: the stream's retries so far and at most
     * ({@code retries}, or {@code set-retries}), the server whose attempt just failed (an L7 retry:
     * the first attempt of this connect is then a retry), and whether the stream named its server
     * ({@code use-server}: HAProxy's SF_DIRECT).
     *
     * @param redispatched an earlier retry of the stream went to another server
     * @param evenIfDown   persistence sends the stream to its named server even when that server is
     *                     down or in maintenance ({@code option persist}, {@code force-persist}), until
     *                     a redispatch; the caller passes {@code redispatch} false under
     *                     {@code force-persist}, which HAProxy never redispatches
     */
    public record Attempts(QueuePriority priority, int maxRetries, int retriesDone, Server failed, boolean direct,
                           boolean redispatched, long balanceKey, boolean evenIfDown) {
        /** The stream's first connect, for a request without a balancing key. */
        public static Attempts first(QueuePriority priority, int maxRetries, boolean direct) {
            return first(priority, maxRetries, direct, LoadBalancer.NO_KEY);
        }

        /**
         * The stream's first connect, for a request whose balancing key is {@code balanceKey} (the
         * stream's {@code BalanceKey}): the hashing algorithms place it, and its retries when they
         * go back to the load balancer, by it.
         */
        public static Attempts first(QueuePriority priority, int maxRetries, boolean direct, long balanceKey) {
            return new Attempts(priority, maxRetries, 0, null, direct, false, balanceKey, false);
        }

        /** The same attempts, to a named server that persistence reaches even when it is down (or not). */
        public Attempts evenIfDown(boolean persisting) {
            return new Attempts(priority, maxRetries, retriesDone, failed, direct, redispatched, balanceKey, persisting);
        }
    }

    /**
     * Connects as {@link #connect(Backend, boolean, int, Server, IdleConnections, ServerTransport, QueuePriority)}
     * does, from where {@code attempts} says the stream stands. A failed connection is retried when
     * {@code retry-on} has {@code conn-failure} (the default) and the stream has retries left; each
     * retry stays on its server unless {@code redispatch} (the backend's {@code option redispatch})
     * and HAProxy's rules send it to another ({@link #redispatches}).
     */
    public static Result connect(Backend backend, boolean redispatch, int clientPort, Server chosen,
                                 IdleConnections idle, ServerTransport transport, Attempts attempts) {
        Timeouts timeouts = backend.config().timeouts();
        long connectTimeout = timeouts.get(TimeoutKind.CONNECT);
        long queueTimeout = timeouts.getOr(TimeoutKind.QUEUE, TimeoutKind.CONNECT);
        RetryPolicy policy = backend.config().retryPolicy();
        boolean retryConnections = policy.retries(RetryOn.CONN_FAILURE);
        QueuePriority priority = attempts.priority();
        Server previous = attempts.failed();
        // The servers a failed connect ruled out; made by the first failure (most connects have none).
        Set<Server> excluded = previous == null ? null : new HashSet<>(Set.of(previous));
        Server forced = previous == null ? chosen : null;
        // Persistence to a server that is down stays on it for the retries, until a redispatch.
        boolean persisting = attempts.evenIfDown() && chosen != null;
        int retry = attempts.retriesDone();
        boolean switched = attempts.redispatched();
        Failure lastFailure = Failure.CONNECT_FAILED;
        boolean connectFailed = false;
        Optional<ConnectionError> lastError = Optional.empty();
        long queueNanos = 0;
        Backend.QueuePositions positions = Backend.QueuePositions.NONE;
        while (true) {
            boolean redispatchNow = previous != null && redispatch
                    && redispatches(backend, policy, previous, retry, attempts.maxRetries(), attempts.direct());
            Backend.Slot slot;
            Server named = forced != null ? forced : redispatchNow ? null : previous;
            long waitStarted = System.nanoTime();
            try {
                slot = persisting && !redispatchNow ? backend.acquireEvenIfDown(chosen, queueTimeout, priority)
                        : forced != null ? backend.acquirePreferred(forced, queueTimeout, priority, attempts.balanceKey())
                        : acquire(backend, previous, redispatchNow, excluded, queueTimeout, priority,
                                attempts.balanceKey());
                forced = null;
                persisting &= !redispatchNow;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(Failure.ABORTED, previous, retry, switched, queueNanos, Optional.empty(), positions);
            } finally {
                queueNanos += System.nanoTime() - waitStarted;
            }
            positions = positions.plus(slot.positions());
            if (slot.server() == null) {
                Failure failure = connectFailed ? lastFailure : switch (slot.refusal()) {
                    case NO_SERVER -> Failure.NO_SERVER;
                    case QUEUE_FULL -> Failure.QUEUE_FULL;
                    case QUEUE_TIMEOUT -> Failure.QUEUE_TIMEOUT;
                };
                if (failure == Failure.QUEUE_FULL || failure == Failure.NO_SERVER && !connectFailed) {
                    // HAProxy counts a full queue, and no server to connect to, as a failed connection
                    backend.counters().connectionFailed();
                }
                if (failure == Failure.QUEUE_FULL || failure == Failure.QUEUE_TIMEOUT) {
                    // the log names the server whose queue it was (none for the backend's queue)
                    return failed(failure, named, retry, switched, queueNanos, lastError, positions);
                }
                return failed(failure, previous, retry, switched, queueNanos, lastError, positions);
            }
            Server server = slot.server();
            if (previous == null) {
                Optional<ServerConnection> reusable = idle.take(server);
                if (reusable.isPresent()) {
                    reusable.get().slotTaken();
                    server.counters().reused(); // the stats' reuse
                    backend.counters().reused();
                    server.observe(HealthEvent.L4_OK);
                    return new Result(reusable, null, Optional.of(server), retry, switched, queueNanos / 1_000_000,
                            true, Optional.empty(), positions);
                }
            }
            // The first attempt after an L7 failure was counted as a retry by its caller; it may still move.
            boolean afterLayer7Failure = retry == attempts.retriesDone();
            if (previous != null && (!afterLayer7Failure || server != previous)) {
                countRetry(backend, previous, server);
            }
            switched |= previous != null && server != previous;
            long started = System.nanoTime();
            boolean inBudget = false;
            try {
                inBudget = countInBudget(server, connectTimeout);
                server.counters().connectAttempted(); // the stats' connect
                backend.counters().connectAttempted();
                Socket socket = transport.dial(server, clientPort, (int) Math.min(connectTimeout, Integer.MAX_VALUE));
                ServerTransport.Ready ready = ready(transport, server, socket, connectTimeout, started);
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                ServerConnection connection = new ServerConnection(backend, server, ready, elapsed);
                if (inBudget) {
                    connection.countedInBudget();
                }
                server.observe(HealthEvent.L4_OK);
                return new Result(Optional.of(connection), null,
                        Optional.of(server), retry, switched, queueNanos / 1_000_000, false, Optional.empty(), positions);
            } catch (IOException e) {
                if (inBudget) {
                    server.connectionBudget().closed();
                }
                backend.release(server);
                if (Thread.currentThread().isInterrupted()) {
                    // The interrupt closed the socket (a stop, or the client leaving): no server's fault.
                    return failed(Failure.ABORTED_CONNECTING, server, retry, switched, queueNanos, Optional.empty(),
                            positions);
                }
                server.observe(HealthEvent.L4_ERR);
                previous = server;
                if (excluded == null) {
                    excluded = new HashSet<>();
                }
                excluded.add(server);
                connectFailed = true;
                lastFailure = e instanceof SocketTimeoutException ? Failure.CONNECT_TIMEOUT : Failure.CONNECT_FAILED;
                lastError = SocketErrors.of(e);
                if (!retryConnections || retry >= attempts.maxRetries()) {
                    // econ counts the attempts given up, not each retry (HAProxy's back_handle_st_cer())
                    server.counters().connectionFailed();
                    backend.counters().connectionFailed();
                    return failed(lastFailure, previous, retry, switched, queueNanos, lastError, positions);
                }
                retry++;
                // An error, not a timeout (HAProxy's SC_FL_ERROR): a refused connect, or a refusing SOCKS4 proxy.
                boolean refusedAtOnce = e instanceof ConnectException || e instanceof KnownConnectionError;
                if (refusedAtOnce && !pause(turnAroundMillis(connectTimeout))) {
                    return failed(Failure.ABORTED_BETWEEN_RETRIES, server, retry, switched, queueNanos, Optional.empty(),
                            positions);
                }
            }
        }
    }

    /**
     * Counts a retry as HAProxy does (backend.c, assign_server_and_queue()): on the same server, a
     * retry ({@code wretr}); on another, a redispatch ({@code wredis}), counted on the server left.
     */
    public static void countRetry(Backend backend, Server previous, Server now) {
        if (now == previous) {
            backend.counters().retried();
            previous.counters().retried();
        } else {
            backend.counters().redispatched();
            previous.counters().redispatched();
        }
    }

    /**
     * Whether retry number {@code retry} leaves the server that failed, under {@code option
     * redispatch} (HAProxy's stream_choose_redispatch()): when that server no longer runs; when the
     * interval says so (by default the last retry); or at once when the stream did not name its
     * server, more than one active server is usable and the algorithm does not hash requests (the
     * balancer would not bring the same server back anyway).
     */
    static boolean redispatches(Backend backend, RetryPolicy policy, Server failed, int retry, int maxRetries,
                                boolean direct) {
        return !failed.isUp()
                || policy.redispatchesOn(retry, maxRetries)
                || !direct && backend.usableServerCount() > 1 && !backend.config().balance().hashesAKey();
    }

    /**
     * Under {@code strict-maxconn}, counts the connection about to be opened in its server's
     * {@link ConnectionBudget}; when every connection the server allows is open, closes idle ones,
     * the oldest first, to make room (a matching idle connection was already offered to the
     * request), or waits for a close already under way (up to {@code timeout connect}) or a liveness
     * check to give its connection back. When the
     * connections are all held open (used, private), the attempt fails at once, as HAProxy 3.5
     * fails it (a resource error: no pause, retried, then a 503 {@code SC}).
     *
     * @return whether the connection was counted (false when the server is not strict)
     */
    private static boolean countInBudget(Server server, long connectTimeout) throws IOException {
        ConnectionBudget budget = server.connectionBudget();
        if (!budget.isStrict()) {
            return false;
        }
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(connectTimeout > 0 ? connectTimeout : 1000);
        // Each round frees one count; another opener may take it first, hence a few rounds.
        for (int round = 0; round < EVICTION_ROUNDS; round++) {
            long limit = server.maxconn();
            if (budget.tryOpen(limit)) {
                return true;
            }
            PooledConnection oldest = server.idleConnections().evictOldest();
            if (oldest != null) {
                server.idleConnections().release(oldest);
                continue;
            }
            try {
                // No idle connection to close: wait only for a close under way, or for a
                // connection out for a liveness check to come back.
                if (budget.awaitClosing(limit, waitNanos)) {
                    continue;
                }
                if (!server.idleConnections().checking()) {
                    break;
                }
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a connection to close", e);
            }
        }
        throw new ConnectionLimitReached(server.qualifiedName() + ": strict-maxconn reached and no idle connection to close");
    }

    /** The attempt found every connection {@code strict-maxconn} allows open (none idle to close). */
    static final class ConnectionLimitReached extends IOException {
        ConnectionLimitReached(String message) {
            super(message);
        }
    }

    /** The transport's step, in what is left of the connect timeout; the socket is closed if it fails. */
    private static ServerTransport.Ready ready(ServerTransport transport, Server server, Socket socket,
                                               long connectTimeout, long started) throws IOException {
        if (transport == ServerTransport.PLAIN) {
            return ServerTransport.Ready.plain(socket);
        }
        long left = connectTimeout == 0 ? 0
                : Math.max(1, connectTimeout - (System.nanoTime() - started) / 1_000_000);
        try {
            return transport.open(server, socket, (int) Math.min(left, Integer.MAX_VALUE));
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the attempt failed already
            }
            throw e;
        }
    }

    /**
     * Takes a slot on the server of a connection that a client session kept for itself ({@code
     * http-reuse never}, or a connection made private), waiting for it as a queued request does.
     * A draining server still serves it (the connection is the session's own, like persistence);
     * one in maintenance does not: the failure is then {@link Failure#NO_SERVER}, and the session
     * should let the connection go and ask the load balancer.
     */
    public static Result takeSlotFor(ServerConnection connection) {
        return takeSlotFor(connection, QueuePriority.NONE);
    }

    /** As {@link #takeSlotFor(ServerConnection)}, waiting at {@code priority}'s place in the server's queue. */
    public static Result takeSlotFor(ServerConnection connection, QueuePriority priority) {
        Backend backend = connection.backend();
        long queueTimeout = backend.config().timeouts().getOr(TimeoutKind.QUEUE, TimeoutKind.CONNECT);
        long started = System.nanoTime();
        try {
            Backend.Slot slot = backend.acquireSpecific(connection.server(), queueTimeout, priority);
            long queueNanos = System.nanoTime() - started;
            if (slot.server() == null) {
                // Out of service (maintenance) rather than busy: the session lets the connection go.
                Failure failure = switch (slot.refusal()) {
                    case NO_SERVER -> Failure.NO_SERVER;
                    case QUEUE_FULL -> Failure.QUEUE_FULL;
                    case QUEUE_TIMEOUT -> Failure.QUEUE_TIMEOUT;
                };
                return failed(failure, connection.server(), 0, false, queueNanos, Optional.empty(), slot.positions());
            }
            connection.slotTaken();
            return new Result(Optional.of(connection), null, slot.granted(), 0, false, queueNanos / 1_000_000, true,
                    Optional.empty(), slot.positions());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(Failure.ABORTED, connection.server(), 0, false, System.nanoTime() - started, Optional.empty(),
                    Backend.QueuePositions.NONE);
        }
    }

    private static Result failed(Failure failure, Server last, int retries, boolean redispatched, long queueNanos,
                                 Optional<ConnectionError> error, Backend.QueuePositions positions) {
        return new Result(Optional.empty(), failure, Optional.ofNullable(last), retries, redispatched,
                queueNanos / 1_000_000, false, error, positions);
    }

    /**
     * Retries stay on the same server unless redispatching, or unless that server went into
     * maintenance (then the load balancer places them, as HAProxy does with the requests queued
     * for a server put in maintenance); the first attempt asks the load balancer.
     */
    private static Backend.Slot acquire(Backend backend, Server previous, boolean redispatchNow,
                                        Set<Server> excluded, long queueTimeout, QueuePriority priority,
                                        long balanceKey)
            throws InterruptedException {
        if (previous == null || redispatchNow) {
            return backend.acquire(redispatchNow && excluded != null ? excluded : Set.of(), queueTimeout, priority,
                    balanceKey);
        }
        return backend.acquirePreferred(previous, queueTimeout, priority, balanceKey);
    }

    /** The pause before retrying a refused connection: min(timeout connect, 1s), as HAProxy waits. */
    private static long turnAroundMillis(long connectTimeout) {
        return connectTimeout == 0 ? 1000 : Math.min(connectTimeout, 1000);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
