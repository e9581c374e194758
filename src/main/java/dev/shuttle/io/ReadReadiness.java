package dev.shuttle.io;

import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * What one socket's owner knows about whether a read would find bytes, kept up to date by
 * {@link ReadinessPoller}. Before a read, {@link #awaitReadable()} parks the owner while the
 * socket is known to be empty, so that the read that follows finds bytes at once instead of
 * failing with {@code EAGAIN} and going the JDK's way of blocking (a failed read, an {@code
 * epoll_ctl} re-arming a one-shot registration, a park).
 *
 * <p><b>The rule.</b> The poller counts the socket's edges: each time bytes (or the peer's
 * shutdown) arrive, the kernel reports the socket once. The owner notes the count just before a
 * read. A TCP read that returns fewer bytes than asked took everything the socket held, so the
 * socket is empty from then until the next edge, and an edge counted after the note may be for
 * bytes that came during or after the read. So after such a read the owner waits for the count
 * to move past its note. After a read that filled what was asked, or one that was not tracked,
 * nothing is known and the owner just reads. A wrong guess costs nothing but speed: the read
 * after a stray edge fails and blocks the JDK's way, as every read did before.
 *
 * <p><b>The peer's end.</b> A FIN (or a reset) comes once, often in the same edge as the last
 * bytes: a short read then takes the bytes and leaves the end, which a read would report at once,
 * with no edge left to come. So the poller notes the end for good ({@code EPOLLRDHUP},
 * {@code EPOLLHUP}, {@code EPOLLERR}) and the owner never waits after it.
 *
 * <p><b>The peer's failure.</b> A reset (or another error) is more than an end: it breaks the
 * exchange at once, even while its owner waits on another socket (HAProxy's poller reads the
 * client's reset while the stream waits on the server). The poller notes it for good too
 * ({@code EPOLLERR}, {@code EPOLLHUP}: a FIN alone is {@code EPOLLRDHUP}), and runs the hook an
 * owner set with {@link #onPeerFailure}, once, on the poller's thread.
 *
 * <p><b>Listening sockets</b> follow the same rule, an accept standing for a read: an accept that
 * finds no connection ({@code EAGAIN}) leaves the socket empty until the next edge (a connection
 * completed). Their ends are not for good: a paused listener's shutdown reports one, and the
 * resume listens again on the same socket.
 *
 * <p><b>Closes.</b> A socket closed by another thread leaves the poller's set without an edge;
 * {@link #close()} (from the connection) and the poller's sweep of closed sockets wake a thread
 * waiting on it, which then reads and sees the socket closed, as a blocked read would.
 *
 * <p>Thread safety: {@code edges}, {@code peerEnded}, {@code waiter} and {@code closed} are volatile. The owner writes
 * {@code waiter} and then reads {@code edges}; the poller writes {@code edges} and then reads
 * {@code waiter}: one of the two sees the other, so a wake-up is never lost. The notes are the
 * owner's alone (a server connection passes between owners through its pool's lock).
 */
public final class ReadReadiness {
    /**
     * The JDK reads at most 128 KiB at a time from a plain socket ({@code NioSocketImpl}), so a
     * read asked for more returns short with bytes left: only shorter asks can prove the socket
     * empty. Head reads ask for at most {@code tune.bufsize} (16 KiB unless set).
     */
    static final int LARGEST_TRUSTED_READ = 64 * 1024;

    /** For sockets nobody tracks: reads go the JDK's way. */
    public static final ReadReadiness UNTRACKED = new ReadReadiness(null, null, null, -1);

    private final ReadinessPoller poller;
    /** The connected socket watched, or null for a listening one. */
    private final Socket socket;
    /** The listening socket watched, or null for a connected one. */
    private final ServerSocketChannel listening;
    private final int fd;
    /** Edges seen by the poller; written by the poller's thread only. */
    private volatile int edges;
    /** The thread parked in {@link #awaitReadable()}, if any. */
    private volatile Thread waiter;
    private volatile boolean closed;
    /** The peer's FIN, a reset or an error was seen: from then on a read never blocks. Written by the poller. */
    private volatile boolean peerEnded;
    /** The peer reset the connection, or the socket has an error. Written by the poller. */
    private volatile boolean peerFailed;
    /** What runs once when the peer fails (or ends, {@link #onPeerEnd}); null when none waits. */
    private final AtomicReference<Runnable> failureHook = new AtomicReference<>();
    /** The hook runs on the peer's FIN too ({@link #onPeerEnd}), not only on its failure. */
    private volatile boolean hookOnEnd;
    /** Owner's note: the last tracked read took everything, and {@link #edgesAtEmpty} were counted before it. */
    private boolean empty;
    private int edgesAtEmpty;

    ReadReadiness(ReadinessPoller poller, Socket socket, ServerSocketChannel listening, int fd) {
        this.poller = poller;
        this.socket = socket;
        this.listening = listening;
        this.fd = fd;
    }

    /** Whether the poller still counts edges (false when untracked or once the poller stopped): else waiting is pointless. */
    public boolean polled() {
        return poller != null && poller.running();
    }

    /** Whether a poller keeps this socket's count (false for {@link #UNTRACKED}). */
    public boolean tracked() {
        return poller != null;
    }

    /**
     * Returns once a read may find bytes: at once unless the last tracked read emptied the
     * socket and no edge came since. Also returns when the socket is closed, the poller stopped,
     * or the thread is interrupted; the read that follows then reports what happened.
     */
    public void awaitReadable() {
        if (!empty || peerEnded) {
            return;
        }
        Thread me = Thread.currentThread();
        while (edges == edgesAtEmpty && !peerEnded && !closed && poller.running() && !socketClosed() && !me.isInterrupted()) {
            waiter = me;
            if (edges == edgesAtEmpty && !peerEnded && !closed) {
                LockSupport.park(this);
            }
            waiter = null;
        }
    }

    /**
     * Whether nothing came since the last tracked read emptied the socket: no edge (bytes or the
     * peer's shutdown) counted since. What the poller has not taken from {@code epoll_wait} yet is
     * not seen, as HAProxy's poller sees it only on its next turn. False when untracked, closed, or
     * when the last read proved nothing. Read by the owner (the notes are its own).
     */
    public boolean knownEmpty() {
        return poller != null && empty && edges == edgesAtEmpty && !peerEnded && !closed;
    }

    /** The count to note just before a read. */
    public int edges() {
        return edges;
    }

    /** A tracked read, started after {@code edgesBefore} edges, asked {@code asked} bytes and got {@code count}. */
    public void readReturned(int edgesBefore, int count, int asked) {
        if (poller == null) {
            return;
        }
        empty = count >= 0 && count < Math.min(asked, LARGEST_TRUSTED_READ);
        edgesAtEmpty = edgesBefore;
    }

    /**
     * Notes the socket empty before any edge: the owner's first read waits for one. Only right
     * just after the socket joined the set ({@code EPOLL_CTL_ADD} reports what is already there as
     * an edge), before its owner read from it.
     */
    void emptyUntilFirstEdge() {
        empty = true;
        edgesAtEmpty = 0;
    }

    /**
     * The poller saw an edge, which says the peer ended its side when {@code peerEnd}, and that it
     * reset the connection (or the socket failed) when {@code peerFailure}. Called by the poller's
     * thread only.
     */
    void edge(boolean peerEnd, boolean peerFailure) {
        if (listening != null) {
            peerEnd = false; // a shutdown by pause: the resume listens again
            peerFailure = false;
        }
        if (peerEnd) {
            peerEnded = true; // before the count moves: an owner that sees the count sees the end too
        }
        if (peerFailure) {
            peerFailed = true; // before the hook is looked at: a hook set meanwhile sees the flag
        }
        edges = edges + 1;
        wake();
        if (peerFailure || peerEnd && hookOnEnd) {
            runFailureHook();
        }
    }

    /**
     * Runs {@code hook} once when the peer resets the connection or the socket fails: at once (on
     * this thread) when that was seen already, else on the poller's thread when it is seen, unless
     * {@link #stopWatchingFailure()} came first. The hook must be short (it delays the poller).
     * Returns false, and never runs the hook, when nobody tracks the socket.
     */
    public boolean onPeerFailure(Runnable hook) {
        return watchPeer(hook, false);
    }

    /**
     * As {@link #onPeerFailure}, but the hook runs on the peer's end as well: its FIN (the end of
     * what it sends, HAProxy's read0), for an owner that takes a half-close as the peer leaving
     * ({@code option abortonclose}). An end seen already runs it at once.
     */
    public boolean onPeerEnd(Runnable hook) {
        return watchPeer(hook, true);
    }

    private boolean watchPeer(Runnable hook, boolean endsToo) {
        if (poller == null) {
            return false;
        }
        hookOnEnd = endsToo; // before the hook is set: an edge that finds the hook reads it right
        failureHook.set(hook);
        if (peerFailed || endsToo && peerEnded) {
            runFailureHook();
        }
        return true;
    }

    /** The hook set by {@link #onPeerFailure} no longer runs (if it has not yet). */
    public void stopWatchingFailure() {
        failureHook.set(null);
    }

    /** Whether the poller saw the peer end its side (a FIN), reset the connection, or the socket fail. */
    public boolean peerEnded() {
        return peerEnded;
    }

    /** Whether the poller saw the peer reset the connection (or the socket fail). */
    public boolean peerFailed() {
        return peerFailed;
    }

    private void runFailureHook() {
        Runnable hook = failureHook.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
    }

    /** Unparks the waiting owner, if any. */
    void wake() {
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /** Whether the socket is closed, perhaps by another thread than its owner. */
    boolean socketClosed() {
        return listening != null ? !listening.isOpen() : socket.isClosed();
    }

    int fd() {
        return fd;
    }

    /** The connection closes: the poller forgets the socket, and a waiting owner returns. */
    public void close() {
        if (poller == null || closed) {
            return;
        }
        closed = true;
        poller.forget(this);
        wake();
    }
}
