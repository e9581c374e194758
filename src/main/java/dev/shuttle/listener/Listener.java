package dev.shuttle.listener;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket of a frontend and its acceptor: takes connection slots, accepts, and
 * starts one virtual thread per connection under the listener's {@link Supervisor}.
 *
 * <p>A slot is taken from each applicable {@code maxconn} (the bind's, the frontend's, the
 * process's) before accepting, and given back when the connection ends. Before that, the
 * acceptor waits while the process's connection or session rate ({@code maxconnrate},
 * {@code maxsessrate}) or its frontend's ({@code rate-limit sessions}) has reached its limit.
 */
public final class Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final Frontend frontend;
    private final ListeningEndpoint endpoint;
    private final List<ConnectionLimit> limits;
    private final ProcessRates processRates;
    /** Its separate counters with {@code option socket-stats}, else null. */
    private final ListenerStats stats;
    private final ConnectionHandler handler;
    private final String name;
    private final Supervisor supervisor;
    private volatile boolean stopping;
    private volatile Thread acceptor;
    /** Serialises pause and resume, and lets the acceptor wait while paused. */
    private final ReentrantLock pauseLock = new ReentrantLock();
    private final Condition resumed = pauseLock.newCondition();
    /** Written under pauseLock; read without it by the acceptor after each accept. */
    // Guarded by: pauseLock (writes)
    private volatile boolean paused;

    /** A listener whose connections count against {@code limits}, most specific first, and no process-wide rate limit. */
    public Listener(Frontend frontend, ListeningEndpoint endpoint, String name, List<ConnectionLimit> limits,
                    ConnectionHandler handler) {
        this(frontend, endpoint, name, limits, new ProcessRates(0, 0), null, handler);
    }

    /**
     * A listener whose connections count against {@code limits}, most specific first, and whose
     * accepting waits under the process's rate limits and its frontend's {@code rate-limit sessions}.
     *
     * @param stats its own counters ({@code option socket-stats}), or null when it has none
     */
    public Listener(Frontend frontend, ListeningEndpoint endpoint, String name, List<ConnectionLimit> limits,
                    ProcessRates processRates, ListenerStats stats, ConnectionHandler handler) {
        this.frontend = frontend;
        this.processRates = processRates;
        this.stats = stats;
        this.name = name;
        this.endpoint = endpoint;
        this.limits = List.copyOf(limits);
        this.handler = handler;
        this.supervisor = new Supervisor(frontend.name() + "@" + endpoint.describe());
        frontend.attach(this);
    }

    public ListeningEndpoint endpoint() {
        return endpoint;
    }

    /** Its own counters and row in the stats ({@code option socket-stats}), if it has them. */
    public Optional<ListenerStats> stats() {
        return Optional.ofNullable(stats);
    }

    public Frontend frontend() {
        return frontend;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public void start() {
        acceptor = supervisor.fork("acceptor", child -> acceptLoop());
    }

    /** Stops accepting: closes the listening socket; connections already accepted go on. */
    public void stopAccepting() {
        stopping = true;
        endpoint.close();
        Thread thread = acceptor;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Stops listening without closing the socket ({@code disable frontend}): new connections are
     * refused, those accepted go on. A socket that cannot stop listening (see
     * {@link ListeningEndpoint#canStopListening()}) stops being served instead: what it accepts
     * waits, unserved, until the listener resumes (what HAProxy 3.5 does with an inherited {@code fd@}).
     *
     * @return false when it was paused already
     * @throws IOException when the endpoint cannot be paused
     */
    public boolean pause() throws IOException {
        pauseLock.lock();
        try {
            if (paused) {
                return false;
            }
            if (endpoint.canStopListening()) {
                endpoint.pause(); // new connections are refused; the pending accept() fails
            }
            paused = true;
            return true;
        } finally {
            pauseLock.unlock();
        }
    }

    /**
     * Listens again after {@link #pause()} ({@code enable frontend}).
     *
     * @return false when it was not paused
     */
    public boolean resume() throws IOException {
        pauseLock.lock();
        try {
            if (!paused) {
                return false;
            }
            if (endpoint.canStopListening()) {
                endpoint.resume();
            }
            paused = false;
            resumed.signalAll();
            return true;
        } finally {
            pauseLock.unlock();
        }
    }

    /** After an accept error: whether the listener is paused, waiting until it is resumed if so. */
    private boolean waitWhilePaused() throws InterruptedException {
        pauseLock.lock();
        try {
            if (!paused) {
                return false;
            }
            while (paused && !stopping) {
                resumed.await();
            }
            return true;
        } finally {
            pauseLock.unlock();
        }
    }

    private void acceptLoop() {
        while (!stopping) {
            int taken = 0;
            Socket client = null;
            long acceptedNanos;
            try {
                processRates.awaitRoom();
                frontend.sessionRateLimit().awaitRoom();
                for (ConnectionLimit limit : limits) {
                    limit.acquire();
                    taken++;
                }
                client = endpoint.accept();
                acceptedNanos = System.nanoTime();
                processRates.accepted();
                frontend.connectionAccepted();
                if (stats != null) {
                    stats.accepted();
                }
            } catch (InterruptedException e) {
                releaseFirst(taken);
                return;
            } catch (IOException e) {
                releaseFirst(taken);
                if (stopping) {
                    return;
                }
                try {
                    if (waitWhilePaused()) {
                        continue;
                    }
                } catch (InterruptedException interrupted) {
                    return;
                }
                LOG.warn("{}: accept failed on {}: {}", frontend.name(), endpoint.describe(), e.toString());
                pauseAfterAcceptError();
                continue;
            }
            if (paused && !heldWhilePaused(client)) {
                releaseFirst(taken);
                return;
            }
            if (!withinLimits(client)) {
                return;
            }
            Socket accepted = client;
            long acceptedAt = acceptedNanos;
            // A thread that waits for a connection takes it at once (see Supervisor.forkReusing).
            supervisor.forkReusing("connection", accepted, child -> serve(accepted, acceptedAt, child));
        }
    }

    /** A connection accepted while paused waits for the resume; false (connection closed) if the listener stops. */
    private boolean heldWhilePaused(Socket client) {
        try {
            waitWhilePaused();
            if (!stopping) {
                return true;
            }
        } catch (InterruptedException e) {
            // stopping: fall through
        }
        try {
            client.close();
        } catch (IOException ignored) {
            // an unserved connection: nothing more to do
        }
        return false;
    }

    /**
     * A limit lowered at run time while the acceptor already held its slot ({@code set maxconn
     * frontend|global}): the connection waits, unserved as it would in the backlog, until the
     * connections are back within every limit.
     *
     * @return false when the listener stops meanwhile (the connection is closed, the slots given back)
     */
    private boolean withinLimits(Socket client) {
        for (int i = 0; i < limits.size(); i++) {
            try {
                limits.get(i).awaitWithinLimit();
            } catch (InterruptedException e) {
                releaseFirst(i); // the i-th slot was given back by awaitWithinLimit
                for (int j = i + 1; j < limits.size(); j++) {
                    limits.get(j).release();
                }
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closing an unserved connection: nothing more to do
                }
                return false;
            }
        }
        return true;
    }

    private void serve(Socket client, long acceptedNanos, Supervisor.Child child) throws Exception {
        ConnectionStartEvent.record(acceptedNanos, child.reusedThread());
        frontend.connectionServed();
        if (stats != null) {
            stats.served();
        }
        try {
            handler.handle(client, acceptedNanos, frontend, name, child);
        } finally {
            try {
                client.close();
            } finally {
                frontend.connectionEnded();
                if (stats != null) {
                    stats.ended();
                }
                releaseFirst(limits.size());
            }
        }
    }

    private void releaseFirst(int count) {
        for (int i = 0; i < count; i++) {
            limits.get(i).release();
        }
    }

    /** An accept error such as EMFILE repeats at once: back off a little instead of spinning. */
    private static void pauseAfterAcceptError() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
