package dev.shuttle.listener;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection as the runtime API sees it while it lives ({@code show sess}, {@code
 * shutdown session}): who it is, where its thread stands ({@link StreamPhase}), which backend and
 * server it uses, and how to end it from another thread.
 *
 * <p>Written by the connection's own thread, read by the runtime API's: every field that changes is
 * volatile, and each step of a stream is one volatile write (no lock, no allocation). The backend
 * and server are kept by name, which is what {@code show sess} prints and {@code shutdown sessions
 * server} matches, so that this package needs nothing of {@code backend} or {@code server}.
 */
public final class LiveStream {
    /** A stream's identifier, HAProxy's stream pointer: unique in the process, never reused. */
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    /** How an exchange's server side ends it for an administrator (HAProxy's 'K' termination). */
    @FunctionalInterface
    public interface ServerSide {
        /** Closes the server connection the stream uses now; false when it uses none. */
        boolean killByAdmin();
    }

    /** {@link #threadState}: the stream runs on its thread, which a kill may interrupt. */
    private static final int RUNNING = 0;
    /** {@link #threadState}: a kill is interrupting the thread now. */
    private static final int INTERRUPTING = 1;
    /** {@link #threadState}: the stream ended; its thread may serve another connection (Supervisor.forkReusing). */
    private static final int ENDED = 2;
    private static final VarHandle THREAD_STATE;

    static {
        try {
            THREAD_STATE = MethodHandles.lookup().findVarHandle(LiveStream.class, "threadState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id = NEXT_ID.getAndIncrement();
    private final Frontend frontend;
    private final Thread thread;
    private final long acceptedAtMillis;
    private final SocketAddress frontendAddress;
    /** The client: the socket's peer, until a PROXY header names another. */
    private volatile SocketAddress client;
    private volatile StreamPhase phase = StreamPhase.SETTING_UP;
    private volatile String backend;
    private volatile String server;
    /** The target of the request being served (HTTP), or null. */
    private volatile String uri;
    /** Requests (or the TCP session) the connection started: HAProxy's {@code calls}, roughly. */
    private volatile int requests;
    private volatile ServerSide serverSide;
    private volatile Closeable clientSide;
    private volatile boolean killed;
    /** RUNNING, INTERRUPTING or ENDED: a kill interrupts the thread only while the stream runs on it. */
    private volatile int threadState = RUNNING;

    /**
     * @param thread the connection's thread, whose stack {@code show sess <id>} prints
     */
    public LiveStream(Frontend frontend, Thread thread, long acceptedAtMillis, SocketAddress client,
                      SocketAddress frontendAddress) {
        this.frontend = frontend;
        this.thread = thread;
        this.acceptedAtMillis = acceptedAtMillis;
        this.client = client;
        this.frontendAddress = frontendAddress;
    }

    public long id() {
        return id;
    }

    public Frontend frontend() {
        return frontend;
    }

    public Thread thread() {
        return thread;
    }

    public long acceptedAtMillis() {
        return acceptedAtMillis;
    }

    public SocketAddress client() {
        return client;
    }

    public SocketAddress frontendAddress() {
        return frontendAddress;
    }

    public StreamPhase phase() {
        return phase;
    }

    /** The backend chosen, or null. */
    public String backend() {
        return backend;
    }

    /** The server in use, or null. */
    public String server() {
        return server;
    }

    /** The target of the request being served, or null (TCP, or between requests). */
    public String uri() {
        return uri;
    }

    public int requests() {
        return requests;
    }

    public boolean killed() {
        return killed;
    }

    // Written by the connection's thread

    public void phase(StreamPhase now) {
        phase = now;
    }

    /** A PROXY header named the client. */
    public void client(SocketAddress named) {
        client = named;
    }

    /**
     * A new request begins to be analysed (its backend and server are not chosen yet).
     *
     * @param target the request's target (a string the request head holds already), null in TCP mode
     */
    public void requestStarted(String target) {
        requests = requests + 1; // only the connection's thread writes it
        uri = target;
        backend = null;
        server = null;
        phase = StreamPhase.ANALYSING;
    }

    /** The stream waits for a server of {@code backendName} (in a queue, or connecting). */
    public void gettingServer(String backendName) {
        backend = backendName;
        server = null;
        phase = StreamPhase.GETTING_SERVER;
    }

    /** The stream uses a connection to {@code serverName} of its backend. */
    public void server(String serverName) {
        server = serverName;
    }

    /** What closes the client connection when the stream is killed without a server connection. */
    public void clientSide(Closeable socket) {
        clientSide = socket;
    }

    /** What closes the server connection when the stream is killed while it uses one. */
    public void serverSide(ServerSide side) {
        serverSide = side;
    }

    // Called from the runtime API's thread

    /**
     * Ends the stream ({@code shutdown session}): its server connection is closed when it uses one,
     * so that the exchange ends with HAProxy's {@code K} termination state and closes its client;
     * otherwise (reading a request, idle, queued) the client connection is closed and the thread
     * interrupted, which ends whatever it waits for.
     */
    public void kill() {
        killed = true;
        ServerSide side = serverSide;
        if (side != null && side.killByAdmin()) {
            return;
        }
        Closeable socket = clientSide;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection ends either way
            }
        }
        if (THREAD_STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            try {
                thread.interrupt();
            } finally {
                threadState = RUNNING;
            }
        }
    }

    /**
     * Marks the stream ended, on its own thread, before that thread may serve another connection:
     * waits out a kill that is interrupting it (a few instructions), so that no interrupt meant
     * for this stream reaches the next one.
     */
    void ended() {
        while (!THREAD_STATE.compareAndSet(this, RUNNING, ENDED)) {
            if (threadState == ENDED) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
