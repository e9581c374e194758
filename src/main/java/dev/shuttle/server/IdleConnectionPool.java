package dev.shuttle.server;

import dev.shuttle.server.PooledConnection.Accounting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One server's connections: those waiting to be reused, sorted by {@link ConnectionHash} into an
 * "idle" and a "safe" list (configuration.txt, "http-reuse"), the count of those in use, and the
 * "available" list of multiplexed connections in use that other exchanges may attach to while
 * they have free stream slots (HAProxy's {@code avail_conns}: {@link #takeAvailable}).
 * Every connection it knows is in exactly one state ({@link PooledConnection.Accounting}): used by
 * one owner, waiting in one list, or being checked by the purger; the counters follow the state,
 * and a connection already forgotten is never counted down twice.
 *
 * <p>Locking: one {@link ReentrantLock} per pool guards the lists, the counters and each member's
 * state. It is held for a few field updates only: never for I/O, so connections are closed and
 * probed by the caller, after the lock is released. Taking and putting back are O(number of
 * distinct hashes), which is one for a server reached by one address.
 */
public final class IdleConnectionPool {
    /** The lists a request may take from, in order (see {@link dev.shuttle.config.HttpReuse}). */
    public enum Order {
        /** A first request under {@code aggressive}: proven connections only. */
        SAFE_ONLY,
        /** A first request under {@code always}. */
        SAFE_THEN_IDLE,
        /** A later request: it can be retried, so it proves idle connections first. */
        IDLE_THEN_SAFE
    }

    /** The waiting connections of one hash; takes are from the tail (most recent), purges from the head. */
    private static final class Bucket {
        final long hash;
        final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
        final ArrayDeque<PooledConnection> safe = new ArrayDeque<>();
        /** Shared connections in use with free stream slots (counted as used, not as waiting). */
        final ArrayDeque<PooledConnection> available = new ArrayDeque<>();

        Bucket(long hash) {
            this.hash = hash;
        }

        boolean isEmpty() {
            return idle.isEmpty() && safe.isEmpty() && available.isEmpty();
        }
    }

    private final int maxWaiting;
    private final int lowWaiting;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final List<Bucket> buckets = new ArrayList<>(1);
    // Guarded by: lock
    private int used;
    // Guarded by: lock
    private int idle;
    // Guarded by: lock
    private int safe;
    // Guarded by: lock (the most connections used at once since the last purge)
    private int peakUsed;
    // Guarded by: lock (what the last purges saw the server needing)
    private int estimatedNeed;
    // Guarded by: lock (numbers connections as they enter a list, so that purges find the oldest)
    private long entries;
    // Guarded by: lock (set on process stop: nothing waits any more)
    private boolean closed;
    // Guarded by: lock (connections out of their list for a liveness check, back within milliseconds)
    private int checking;
    /** Connections client sessions keep private between exchanges: shown, never counted above (lock-free). */
    private final AtomicInteger privateIdle = new AtomicInteger();

    /** @param maxWaiting {@code pool-max-conn}: connections waiting at most, -1 for no limit, 0 for none */
    public IdleConnectionPool(int maxWaiting) {
        this(maxWaiting, 0);
    }

    /**
     * @param maxWaiting  {@code pool-max-conn}: connections waiting at most, -1 for no limit, 0 for none
     * @param lowWaiting  {@code pool-low-conn}: connections that may wait beyond the estimated need
     */
    public IdleConnectionPool(int maxWaiting, int lowWaiting) {
        this.maxWaiting = maxWaiting;
        this.lowWaiting = lowWaiting;
    }

    /** Counts a new connection as used by its opener. */
    public void register(PooledConnection connection) {
        lock.lock();
        try {
            if (connection.accounting == Accounting.NONE) {
                connection.accounting = Accounting.USED;
                connection.users = 1;
                connection.started = 1;
                countUsedLocked(1);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a waiting connection of {@code hash} from the lists {@code order} allows; null when none. */
    public PooledConnection take(long hash, Order order) {
        lock.lock();
        try {
            Bucket bucket = bucketLocked(hash);
            if (bucket == null) {
                return null;
            }
            PooledConnection taken = switch (order) {
                case SAFE_ONLY -> bucket.safe.pollLast();
                case SAFE_THEN_IDLE -> bucket.safe.isEmpty() ? bucket.idle.pollLast() : bucket.safe.pollLast();
                case IDLE_THEN_SAFE -> bucket.idle.isEmpty() ? bucket.safe.pollLast() : bucket.idle.pollLast();
            };
            if (taken != null) {
                uncountWaitingLocked(taken);
                taken.accounting = Accounting.USED;
                taken.users = 1;
                taken.started++;
                countUsedLocked(1);
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts a used connection back for others to take: in the safe list when it was reused at
     * least once, else in the idle list. Refused (false) when the pool is full or stopped, when
     * the connection is not counted as used, or when the server does not need it (see
     * {@link #wantedLocked}); the caller then closes it and {@link #forget}s it.
     */
    public boolean putBack(PooledConnection connection, boolean reusedOnce) {
        lock.lock();
        try {
            if (closed || connection.accounting != Accounting.USED || isFullLocked()
                    || !wantedLocked(reusedOnce)) {
                return false;
            }
            leaveAvailableLocked(connection);
            connection.users = 0;
            connection.shared = false;
            countUsedLocked(-1);
            enterListLocked(connection, reusedOnce ? Accounting.SAFE : Accounting.IDLE);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shares a connection its opener (or taker) uses: from now on other exchanges may attach to it
     * ({@link #takeAvailable}) while it has free stream slots, and it goes back on the available
     * list when a stream ends and frees one (HAProxy's srv_add_to_avail_list()). False when it
     * cannot be shared: not counted as used here, the pool stopped, or a connection that carries
     * one exchange at a time.
     */
    public boolean share(PooledConnection connection) {
        lock.lock();
        try {
            if (closed || connection.accounting != Accounting.USED
                    || connection.freeStreams(connection.users, connection.started) <= 0) {
                return false;
            }
            connection.shared = true;
            enterAvailableLocked(connection);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Attaches the caller's exchange to a shared connection of {@code hash} in use with a free
     * stream slot; null when none. The connection stays counted as used once, whatever its users;
     * it leaves the available list when this takes its last free slot, and a connection found
     * without any (the server lowered its limit, sent GOAWAY, closed) leaves it on the way.
     */
    public PooledConnection takeAvailable(long hash) {
        lock.lock();
        try {
            Bucket bucket = bucketLocked(hash);
            while (bucket != null && !bucket.available.isEmpty()) {
                PooledConnection candidate = bucket.available.peekLast();
                int free = candidate.freeStreams(candidate.users, candidate.started);
                if (free <= 1) {
                    bucket.available.pollLast();
                    candidate.available = false;
                }
                if (free >= 1) {
                    candidate.users++;
                    candidate.started++;
                    return candidate;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * An exchange leaves the connection it used. True when it was the last one (or the connection
     * is not shared): it leaves the available list at once, so that nobody attaches to it while
     * the caller puts it back, keeps it or releases it as for any connection. False when other
     * exchanges still use it: it stays counted as used, and goes back on the available list when
     * shared with a slot free again. A connection that carries one exchange at a time is never
     * shared nor available and has one user at most: its exchange is always the last, and leaving
     * takes nothing from the lists, so it needs no lock (one lock pair fewer per HTTP/1 exchange).
     */
    public boolean detach(PooledConnection connection) {
        if (connection.oneExchangeAtATime()) {
            return true;
        }
        lock.lock();
        try {
            if (connection.accounting != Accounting.USED || connection.users <= 1) {
                leaveAvailableLocked(connection);
                connection.shared = false;
                return true;
            }
            connection.users--;
            if (connection.shared && !closed) {
                enterAvailableLocked(connection);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Attaches one more exchange to a connection in use that is not on the available list: one a
     * client session holds for its own streams (3.5's session_get_conn(), {@code http-reuse safe}).
     * False when it cannot carry one more stream now ({@code max-reuse}, the server's stream limit),
     * is not counted as used here, or the pool stopped; the caller then looks elsewhere.
     */
    public boolean join(PooledConnection connection) {
        lock.lock();
        try {
            if (closed || connection.accounting != Accounting.USED
                    || connection.freeStreams(connection.users, connection.started) <= 0) {
                return false;
            }
            connection.users++;
            connection.started++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a connection off the available list: no other exchange attaches to it from now on (it became private). */
    public void unshare(PooledConnection connection) {
        lock.lock();
        try {
            connection.shared = false;
            leaveAvailableLocked(connection);
        } finally {
            lock.unlock();
        }
    }

    /** Exchanges using {@code connection} now (0 when it is not counted as used here). */
    public int users(PooledConnection connection) {
        lock.lock();
        try {
            return connection.accounting == Accounting.USED ? connection.users : 0;
        } finally {
            lock.unlock();
        }
    }

    /** Connections in the available list now, of every hash. */
    public int availableCount() {
        lock.lock();
        try {
            int count = 0;
            for (Bucket bucket : buckets) {
                count += bucket.available.size();
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases a connection for good (seed 000, HAProxy's {@code conn_release}): it stops being
     * counted, whatever it was counted as, and is closed, outside the lock. The one way a server
     * connection of this pool ends: for the purger, the liveness check, {@code strict-maxconn}'s
     * eviction, a server leaving service or its backend ({@code del server}), the process's stop,
     * and the exchange that owned it.
     */
    public void release(PooledConnection connection) {
        forget(connection);
        connection.close();
    }

    /** {@link #release}s each of {@code connections} (what {@link #purge}, {@link #shutdown}... took out). */
    public void releaseAll(List<PooledConnection> connections) {
        for (PooledConnection connection : connections) {
            release(connection);
        }
    }

    /** Stops counting a connection that its owner closed (or is about to); a second call changes nothing. */
    public void forget(PooledConnection connection) {
        lock.lock();
        try {
            switch (connection.accounting) {
                case NONE -> { }
                case USED -> countUsedLocked(-1);
                case IDLE, SAFE -> leaveListLocked(connection);
            }
            leaveAvailableLocked(connection);
            connection.users = 0;
            connection.shared = false;
            connection.accounting = Accounting.NONE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the connections that the last interval of {@code pool-purge-delay} showed to be in
     * excess, for the caller to close. As HAProxy's server.c (srv_cleanup_idle_conns) does: the
     * server needs the most of its recent peak of used connections and of an estimate that decays
     * by half each interval; half of the connections beyond that (rounded up) go, oldest first.
     */
    public List<PooledConnection> purge() {
        lock.lock();
        try {
            int needed = Math.max(peakUsed, estimatedNeed);
            int excess = used + idle + safe - needed;
            estimatedNeed = Math.max((estimatedNeed + peakUsed) / 2, peakUsed);
            peakUsed = used;
            buckets.removeIf(Bucket::isEmpty);
            if (excess <= 0) {
                return List.of();
            }
            int toClose = Math.min(idle + safe, excess / 2 + (excess & 1));
            List<PooledConnection> purged = new ArrayList<>(toClose);
            for (int i = 0; i < toClose; i++) {
                PooledConnection oldest = oldestListLocked().pollFirst();
                uncountWaitingLocked(oldest);
                oldest.accounting = Accounting.NONE;
                purged.add(oldest);
            }
            return purged;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes out the connection that has waited longest, of any hash, for the caller to close: room
     * for a request under {@code strict-maxconn} whose server has all its connections open and none
     * it can reuse ({@link ConnectionBudget}). Null when nothing waits.
     */
    public PooledConnection evictOldest() {
        lock.lock();
        try {
            if (idle + safe == 0) {
                return null;
            }
            PooledConnection oldest = oldestListLocked().pollFirst();
            uncountWaitingLocked(oldest);
            oldest.accounting = Accounting.NONE;
            return oldest;
        } finally {
            lock.unlock();
        }
    }

    /** Every waiting connection, in no particular order, for a liveness check (see {@link #takeForCheck}). */
    public List<PooledConnection> waiting() {
        lock.lock();
        try {
            return allWaitingLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes one waiting connection out for a liveness check, without counting it as used (a check
     * is no demand); the checker gives it back with {@link #returnChecked} or forgets it.
     *
     * @return the list it was in ({@code IDLE} or {@code SAFE}), or {@code NONE} when it was not
     *         waiting any more (taken or purged meanwhile: then it is not the checker's)
     */
    public Accounting takeForCheck(PooledConnection connection) {
        lock.lock();
        try {
            Accounting was = connection.accounting;
            if (was != Accounting.IDLE && was != Accounting.SAFE) {
                return Accounting.NONE;
            }
            leaveListLocked(connection);
            connection.accounting = Accounting.NONE;
            checking++;
            return was;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives back a connection that passed its check; false (close it) when the pool stopped or
     * filled up meanwhile: others may have put connections back while this one was out.
     */
    public boolean returnChecked(PooledConnection connection, Accounting list, long idleOrder) {
        lock.lock();
        try {
            checking--;
            if (closed || connection.accounting != Accounting.NONE || isFullLocked()) {
                return false;
            }
            enterListLocked(connection, list);
            connection.idleOrder = idleOrder;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Releases a connection that failed its liveness check (see {@link #takeForCheck}). */
    public void checkFailed(PooledConnection connection) {
        lock.lock();
        try {
            checking--;
        } finally {
            lock.unlock();
        }
        release(connection);
    }

    /**
     * Whether a waiting connection is out for a liveness check now: it comes back (or closes)
     * within milliseconds, so {@code strict-maxconn} waits for it rather than fail.
     */
    public boolean checking() {
        lock.lock();
        try {
            return checking > 0;
        } finally {
            lock.unlock();
        }
    }

    /** When the connection entered its list, as a sequence number (for a checker that gives it back as it was). */
    public long idleOrder(PooledConnection connection) {
        lock.lock();
        try {
            return connection.idleOrder;
        } finally {
            lock.unlock();
        }
    }

    /** On process stop (or when its server leaves the backend): empties the pool for the caller to close, and refuses every later put. */
    public List<PooledConnection> shutdown() {
        lock.lock();
        try {
            closed = true;
            return takeAllWaitingLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Empties the pool for the caller to close, when its server goes into maintenance (HAProxy
     * closes a server's idle connections then); later puts are accepted as before.
     */
    public List<PooledConnection> takeAllWaiting() {
        lock.lock();
        try {
            return takeAllWaitingLocked();
        } finally {
            lock.unlock();
        }
    }

    private List<PooledConnection> takeAllWaitingLocked() {
        List<PooledConnection> all = allWaitingLocked();
        for (PooledConnection connection : all) {
            uncountWaitingLocked(connection);
            connection.accounting = Accounting.NONE;
        }
        // Shared connections in use stay on their available lists: their exchanges still run.
        for (Bucket bucket : buckets) {
            bucket.idle.clear();
            bucket.safe.clear();
        }
        buckets.removeIf(Bucket::isEmpty);
        return all;
    }

    public PoolCounts counts() {
        lock.lock();
        try {
            return new PoolCounts(used, idle, safe, peakUsed, estimatedNeed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Notes that client sessions keep {@code delta} more (or fewer) private connections to the
     * server idle between their exchanges ({@code show servers conn}'s {@code idle_sess}); they
     * are the sessions' own and count nowhere else in the pool.
     */
    public void privateIdleChanged(int delta) {
        privateIdle.addAndGet(delta);
    }

    /** Private connections idle in client sessions now. */
    public int privateIdle() {
        return privateIdle.get();
    }

    /** {@code pool-max-conn}: -1 for no limit. */
    public int maxWaiting() {
        return maxWaiting;
    }

    private boolean isFullLocked() {
        return maxWaiting >= 0 && idle + safe >= maxWaiting;
    }

    /** As HAProxy's srv_use_conn(): a new high of used connections raises the peak and the estimate at once. */
    /**
     * Whether a connection that ends its exchange is worth keeping, as HAProxy decides it
     * (server.h, srv_add_to_idle_list(), facts of haproxy 2.6): yes when nothing proven waits
     * yet (no safe connection, and this one is safe or no idle one waits either), or when the
     * server's connections, this one still counted as used, stay within what it was seen to need
     * ({@code max(used, estimated need)}) plus {@code pool-low-conn}. Without this, a connection
     * per client that closes after one request (a first request under {@code http-reuse safe}
     * never takes a pooled one) would pile up in the pool until the next purge. HAProxy also
     * stops keeping connections when the process uses more descriptors than
     * {@code tune.pool-low-fd-ratio} / {@code tune.pool-high-fd-ratio} allow: Shuttle does not
     * count its descriptors, and does not have that limit.
     */
    private boolean wantedLocked(boolean safeConnection) {
        if (safe == 0 && (safeConnection || idle == 0)) {
            return true;
        }
        return used + idle + safe <= Math.max(used, estimatedNeed) + lowWaiting;
    }

    /** Every waiting connection, idle and safe lists of every hash, in a new list. */
    private List<PooledConnection> allWaitingLocked() {
        List<PooledConnection> all = new ArrayList<>(idle + safe);
        for (Bucket bucket : buckets) {
            all.addAll(bucket.idle);
            all.addAll(bucket.safe);
        }
        return all;
    }

    private void countUsedLocked(int delta) {
        used += delta;
        if (used > peakUsed) {
            peakUsed = used;
        }
        if (used > estimatedNeed) {
            estimatedNeed = used;
        }
    }

    private Bucket bucketLocked(long hash) {
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            if (bucket.hash == hash) {
                return bucket;
            }
        }
        return null;
    }

    private void enterListLocked(PooledConnection connection, Accounting list) {
        Bucket bucket = bucketLocked(connection.hash());
        if (bucket == null) {
            bucket = new Bucket(connection.hash());
            buckets.add(bucket);
        }
        connection.accounting = list;
        connection.idleOrder = ++entries;
        if (list == Accounting.SAFE) {
            bucket.safe.addLast(connection);
            safe++;
        } else {
            bucket.idle.addLast(connection);
            idle++;
        }
    }

    /** Puts a shared used connection on its bucket's available list, when it has a free slot and is not there yet. */
    private void enterAvailableLocked(PooledConnection connection) {
        if (connection.available || connection.freeStreams(connection.users, connection.started) <= 0) {
            return;
        }
        Bucket bucket = bucketLocked(connection.hash());
        if (bucket == null) {
            bucket = new Bucket(connection.hash());
            buckets.add(bucket);
        }
        bucket.available.addLast(connection);
        connection.available = true;
    }

    /** Takes a connection off its available list (a linear search among the shared ones). */
    private void leaveAvailableLocked(PooledConnection connection) {
        if (!connection.available) {
            return;
        }
        connection.available = false;
        Bucket bucket = bucketLocked(connection.hash());
        if (bucket != null) {
            bucket.available.remove(connection);
        }
    }

    /** Takes a waiting connection out of its list (a linear search: not for the hot path) and counts it out. */
    private void leaveListLocked(PooledConnection connection) {
        Bucket bucket = bucketLocked(connection.hash());
        if (bucket != null) {
            (connection.accounting == Accounting.SAFE ? bucket.safe : bucket.idle).remove(connection);
        }
        uncountWaitingLocked(connection);
    }

    /** Counts out a waiting connection already taken out of its list. */
    private void uncountWaitingLocked(PooledConnection connection) {
        if (connection.accounting == Accounting.SAFE) {
            safe--;
        } else if (connection.accounting == Accounting.IDLE) {
            idle--;
        }
    }

    /** The list whose first connection has waited longest (the pool holds at least one). */
    private ArrayDeque<PooledConnection> oldestListLocked() {
        ArrayDeque<PooledConnection> oldest = null;
        for (Bucket bucket : buckets) {
            oldest = older(oldest, bucket.idle);
            oldest = older(oldest, bucket.safe);
        }
        return oldest;
    }

    private static ArrayDeque<PooledConnection> older(ArrayDeque<PooledConnection> a, ArrayDeque<PooledConnection> b) {
        if (b.isEmpty()) {
            return a;
        }
        return a == null || b.peekFirst().idleOrder < a.peekFirst().idleOrder ? b : a;
    }
}
