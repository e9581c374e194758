package dev.shuttle.io;

import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's edge-triggered {@code epoll} set for the sockets whose heads Shuttle reads: each
 * socket joins once, for its whole life, and the poller counts its edges into its {@link
 * ReadReadiness}, waking the owner that waits for it.
 *
 * <p><b>Why not the JDK's poller alone.</b> A virtual thread blocked in a socket read waits the
 * JDK's way: the read fails ({@code EAGAIN}), the JDK re-arms a one-shot registration of the
 * socket ({@code epoll_ctl}), the thread parks, and the JDK's poller wakes it. Two system calls
 * per wait, and an HTTP exchange waits twice (for the response, then for the next request). A
 * socket registered once, edge-triggered ({@code EPOLLET}), needs neither: the owner parks
 * without a system call and reads only once an edge came. HAProxy keeps its sockets registered
 * the same way and reads speculatively (its {@code fd_cant_recv} after a short read).
 *
 * <p><b>The poller's thread</b> is a virtual thread, like the JDK's own sub-pollers: it takes
 * what {@code epoll_wait} has without waiting, counts the edges (waking owners onto the same
 * carrier's queue, without a system call), and yields so that they run before it polls again,
 * unless a submission waits for the carrier ({@link AnswerYield#mayYield()}): a thread that keeps
 * yielding would keep the carrier from ever taking it. When nothing is ready, or a submission
 * waits, it parks until the set's own descriptor is readable, through the JDK's poller, and so
 * costs nothing on an idle process.
 *
 * <p><b>Disabled</b> with {@code -Dshuttle.readinessPoller=false}, or when the JDK's internals cannot be
 * reached ({@link JdkEpoll#AVAILABLE}): then every socket is {@link ReadReadiness#UNTRACKED}.
 *
 * <p>Thread safety: the descriptor table is an {@link AtomicReferenceArray}, written (and replaced
 * by a larger copy) under {@code tableLock} and read by the poller without it; the set of live
 * entries is concurrent.
 */
public final class ReadinessPoller {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessPoller.class);
    private static final int MAX_EVENTS = 256;
    /** How often closed sockets with a waiting owner are looked for. */
    private static final long SWEEP_MILLIS = 20;

    /** The epoll set's descriptor, or -1 for a poller that tracks nothing. */
    private final int epfd;
    private final long events;
    private final ReentrantLock tableLock = new ReentrantLock();
    /** Who owns each descriptor number, for the poller's lookups, which take no lock. */
    // Guarded by: tableLock (the array and its slots are written under it: a slot set while the
    // array is being copied would be lost; read without it, hence volatile and atomic slots)
    private volatile AtomicReferenceArray<ReadReadiness> byFd = new AtomicReferenceArray<>(1024);
    private final Set<ReadReadiness> live = ConcurrentHashMap.newKeySet();
    /** Event bits after which the socket stays readable for good: its peer's FIN, a reset, an error. */
    private static final int PEER_ENDED = JdkEpoll.EPOLLRDHUP | JdkEpoll.EPOLLHUP | JdkEpoll.EPOLLERR;
    /**
     * Event bits that say more than a FIN: a reset, or an error. {@code EPOLLHUP} without an
     * error also comes once both directions are shut, which a connection in the middle of an
     * exchange (the only time an owner watches for failures) has not done on its side.
     */
    private static final int PEER_FAILED = JdkEpoll.EPOLLHUP | JdkEpoll.EPOLLERR;
    private final Ticker sweeper = new Ticker("shuttle-readiness-sweep", SWEEP_MILLIS, now -> sweep());
    private volatile boolean running;

    private ReadinessPoller(int epfd, long events) {
        this.epfd = epfd;
        this.events = events;
        this.running = epfd >= 0;
    }

    /**
     * Starts a poller: the process starts one and hands it to the connections that read heads;
     * a test may start its own. When it cannot run (see above), the poller returned tracks nothing.
     */
    public static ReadinessPoller start() {
        if (!JdkEpoll.AVAILABLE || !Boolean.parseBoolean(System.getProperty("shuttle.readinessPoller", "true"))) {
            return new ReadinessPoller(-1, 0);
        }
        try {
            ReadinessPoller poller = new ReadinessPoller(JdkEpoll.create(), JdkEpoll.allocate(MAX_EVENTS));
            Thread.ofVirtual().name("shuttle-readiness-poller").start(poller::loop);
            return poller;
        } catch (Throwable e) {
            LOG.warn("readiness poller not available, reads block the JDK's way: {}", e.toString());
            return new ReadinessPoller(-1, 0);
        }
    }

    /** Whether this poller tracks sockets. */
    public boolean enabled() {
        return epfd >= 0;
    }

    /**
     * Starts tracking a connected socket; {@link ReadReadiness#UNTRACKED} when it cannot be (no
     * poller, not a JDK TCP socket, a TLS socket). Close the result with the connection.
     */
    public ReadReadiness track(Socket socket) {
        return track(socket, false);
    }

    /**
     * As {@link #track(Socket)}; with {@code waitForFirstEdge}, the owner's first read waits for
     * the poller's first edge instead of trying its luck. For a socket where bytes are not expected
     * yet (a server connection just sent its first request): its first read would fail with {@code
     * EAGAIN} and block the JDK's way (a one-shot registration in the JDK's poller, two {@code
     * epoll_ctl}). Safe whatever came before: {@code EPOLL_CTL_ADD} reports the bytes (or the end)
     * already there as an edge, so the first edge counts everything since the socket opened.
     */
    public ReadReadiness track(Socket socket, boolean waitForFirstEdge) {
        // A TLS socket may hold decrypted bytes while its descriptor has none: its reads take the JDK's path.
        int fd = running && !(socket instanceof SSLSocket) ? JdkEpoll.tcpDescriptor(socket) : -1;
        return fd < 0 ? ReadReadiness.UNTRACKED : register(new ReadReadiness(this, socket, null, fd), waitForFirstEdge);
    }

    /**
     * Starts tracking a listening socket (TCP or unix-domain, a JDK channel), for an acceptor that
     * accepts until none is left and then waits for the next edge instead of blocking in {@code
     * accept} the JDK's way (a failed accept, then a one-shot registration re-armed with an {@code
     * epoll_ctl} at each wait). The caller puts the channel in non-blocking mode. {@link
     * ReadReadiness#UNTRACKED} when it cannot be tracked; close the result with the socket.
     */
    public ReadReadiness trackListening(ServerSocketChannel channel) {
        int fd = running ? JdkEpoll.channelDescriptor(channel) : -1;
        return fd < 0 ? ReadReadiness.UNTRACKED : register(new ReadReadiness(this, null, channel, fd), false);
    }

    boolean running() {
        return running;
    }

    private ReadReadiness register(ReadReadiness readiness, boolean waitForFirstEdge) {
        int fd = readiness.fd();
        place(fd, readiness);
        live.add(readiness);
        sweeper.ensureStarted();
        int error;
        try {
            error = JdkEpoll.ctl(epfd, JdkEpoll.EPOLL_CTL_ADD, fd,
                    JdkEpoll.EPOLLIN | JdkEpoll.EPOLLRDHUP | JdkEpoll.EPOLLET);
        } catch (Throwable e) {
            error = -1;
        }
        if (error != 0 && error != JdkEpoll.EEXIST) {
            forget(readiness);
            return ReadReadiness.UNTRACKED;
        }
        if (error == 0 && waitForFirstEdge) {
            readiness.emptyUntilFirstEdge(); // not after EEXIST: that ADD reported nothing
        }
        return readiness;
    }

    /**
     * Drops a socket that closes. Its descriptor leaves the epoll set when the kernel closes it;
     * an edge still in flight for it, or for the next socket given the same number, only makes
     * one read go the JDK's way.
     */
    void forget(ReadReadiness readiness) {
        live.remove(readiness);
        tableLock.lock();
        try {
            AtomicReferenceArray<ReadReadiness> table = byFd;
            if (readiness.fd() < table.length()) {
                table.compareAndSet(readiness.fd(), readiness, null);
            }
        } finally {
            tableLock.unlock();
        }
    }

    /** Puts {@code readiness} at {@code fd} in the table, growing the table first if needed. */
    private void place(int fd, ReadReadiness readiness) {
        tableLock.lock();
        try {
            AtomicReferenceArray<ReadReadiness> table = byFd;
            if (fd >= table.length()) {
                AtomicReferenceArray<ReadReadiness> larger = new AtomicReferenceArray<>(Math.max(fd + 1, table.length() * 2));
                for (int i = 0; i < table.length(); i++) {
                    larger.set(i, table.get(i));
                }
                byFd = larger;
                table = larger;
            }
            table.set(fd, readiness);
        } finally {
            tableLock.unlock();
        }
    }

    private void loop() {
        try {
            while (true) {
                int ready = JdkEpoll.wait(epfd, events, MAX_EVENTS, 0);
                if (ready == 0) {
                    JdkEpoll.parkUntilReadable(epfd);
                    continue;
                }
                AtomicReferenceArray<ReadReadiness> table = byFd;
                for (int i = 0; i < ready; i++) {
                    int fd = JdkEpoll.descriptor(events, i);
                    ReadReadiness readiness = fd < table.length() ? table.get(fd) : null;
                    if (readiness != null) {
                        int bits = JdkEpoll.eventBits(events, i);
                        readiness.edge((bits & PEER_ENDED) != 0, (bits & PEER_FAILED) != 0);
                    }
                }
                // The owners just woken wait on this carrier's local queue: let them run before
                // polling again. But a yielded thread goes back on that queue, and the carrier
                // takes submissions (new connections, the JDK poller's wake-ups) only once the
                // queue is dry: while one waits, park instead, until the set is readable again.
                if (AnswerYield.mayYield()) {
                    Thread.yield();
                } else {
                    JdkEpoll.parkUntilReadable(epfd);
                }
            }
        } catch (Throwable e) {
            running = false;
            LOG.error("readiness poller stopped, reads block the JDK's way from now on", e);
            live.forEach(ReadReadiness::wake);
        }
    }

    /** Wakes owners waiting on sockets that another thread closed (no edge comes for those), and forgets those sockets. */
    private void sweep() {
        for (ReadReadiness readiness : live) {
            if (readiness.socketClosed()) {
                forget(readiness);
                readiness.wake();
            }
        }
    }
}
