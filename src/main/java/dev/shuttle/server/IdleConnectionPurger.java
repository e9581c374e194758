package dev.shuttle.server;

import dev.shuttle.server.PooledConnection.Accounting;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The process's housekeeper of idle server connections, on one virtual thread: every
 * {@code pool-purge-delay} of a server it closes what that server's pool no longer needs
 * ({@link IdleConnectionPool#purge}); every {@value #CHECK_INTERVAL_MILLIS} ms it checks each
 * waiting connection and closes those the server closed or wrote to, so that their descriptors
 * do not wait for the purge (HAProxy's muxes notice such closes at once, from the poller); on
 * stop it closes them all. HAProxy counterpart: server.c, srv_cleanup_idle_conns(). It asks for
 * the servers at every wake-up, so that it follows servers added to or removed from backends at
 * runtime (a removed server's pool is closed by its backend).
 *
 * <p>Locking: {@link #lock} guards only the stop flag and wakes the thread early; the pools have
 * their own locks, and connections are checked and closed outside any lock.
 */
public final class IdleConnectionPurger {
    static final long CHECK_INTERVAL_MILLIS = 1000;
    /** How long a check waits for an end of stream on a connection that shows nothing at once. */
    private static final long CHECK_WAIT_MILLIS = 1;

    /** The process's servers now; asked again at every wake-up. */
    private final Supplier<List<Server>> servers;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock
    private final Condition stopRequested = lock.newCondition();
    // Guarded by: lock
    private boolean stopped;
    /** Set by {@link #start}, joined by {@link #stop}, which may run on another thread. */
    private volatile Thread thread;

    /** @param servers every server of the process now (the backends' current lists) */
    public IdleConnectionPurger(Supplier<List<Server>> servers) {
        this.servers = servers;
    }

    /** A purger of a fixed set of servers. */
    public IdleConnectionPurger(List<Server> servers) {
        this(() -> servers);
    }

    public void start() {
        thread = Thread.ofVirtual().name("idle-connection-purger").start(this::run);
    }

    /** Stops the thread and closes every waiting connection; later puts are refused. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            stopRequested.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Server server : servers.get()) {
            server.idleConnections().releaseAll(server.idleConnections().shutdown());
        }
    }

    private void run() {
        // When each server's pool is purged next (a nanoTime); a server seen for the first time
        // gets a whole delay, one no longer listed is dropped.
        Map<Server, Long> nextPurge = new IdentityHashMap<>();
        long nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECK_INTERVAL_MILLIS);
        while (true) {
            List<Server> current = followServers(nextPurge, System.nanoTime());
            long wakeAt = nextCheck;
            for (long at : nextPurge.values()) {
                wakeAt = at - wakeAt < 0 ? at : wakeAt;
            }
            if (!sleepUntil(wakeAt)) {
                return;
            }
            long now = System.nanoTime();
            for (Server server : current) {
                if (now - nextPurge.get(server) >= 0) {
                    server.idleConnections().releaseAll(server.idleConnections().purge());
                    nextPurge.put(server, now + purgeDelayNanos(server));
                }
            }
            if (now - nextCheck >= 0) {
                current.forEach(server -> checkWaiting(server.idleConnections()));
                nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECK_INTERVAL_MILLIS);
            }
        }
    }

    /** Brings the purge schedule to the servers listed now, and returns them. */
    private List<Server> followServers(Map<Server, Long> nextPurge, long now) {
        List<Server> current = servers.get();
        Map<Server, Boolean> listed = new IdentityHashMap<>();
        for (Server server : current) {
            listed.put(server, Boolean.TRUE);
            nextPurge.computeIfAbsent(server, s -> now + purgeDelayNanos(s));
        }
        nextPurge.keySet().removeIf(server -> !listed.containsKey(server));
        return current;
    }

    /** A pool that keeps nothing ({@code pool-purge-delay 0}) still gets a tick, to drain what it has. */
    private static long purgeDelayNanos(Server server) {
        long millis = server.config().pooling().purgeDelayMillis();
        return TimeUnit.MILLISECONDS.toNanos(millis > 0 ? millis : CHECK_INTERVAL_MILLIS);
    }

    /** Checks the waiting connections one at a time, so that each is out of its list only briefly. */
    static void checkWaiting(IdleConnectionPool pool) {
        for (PooledConnection connection : pool.waiting()) {
            long order = pool.idleOrder(connection);
            Accounting list = pool.takeForCheck(connection);
            if (list == Accounting.NONE) {
                continue;
            }
            if (!connection.stillUsable(CHECK_WAIT_MILLIS)) {
                pool.checkFailed(connection);
            } else if (!pool.returnChecked(connection, list, order)) {
                pool.release(connection);
            }
        }
    }

    private boolean sleepUntil(long deadline) {
        lock.lock();
        try {
            long remaining = deadline - System.nanoTime();
            while (!stopped && remaining > 0) {
                remaining = stopRequested.awaitNanos(remaining);
            }
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }
}
