package dev.shuttle.backend;

import static dev.shuttle.backend.BackendFixture.backendConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 10^5 requests take and give back server slots as {@link ServerConnector} does, while another
 * thread keeps changing the servers: admin state, weight, maxconn, and a server that comes and
 * goes. Whatever the interleaving, every slot is accounted for, nobody is left waiting, and no
 * server took a request its state did not admit at the moment it took it (checked under the
 * backend's lock, where the decision is made). No assertion depends on timing.
 */
@Timeout(60)
class BackendChurnTest {
    private static final int REQUESTS = 100_000;
    private static final int WORKERS = 64;
    /** Changes made before the requests start, so that every run sees some whatever the machine's speed. */
    private static final int CHANGES_BEFORE_START = 200;

    @TempDir
    Path directory;

    /** What the backend saw as it handed slots out; written under its lock, read after every thread ended. */
    private static final class Audit implements SlotAudit {
        long grants;
        long inMaintenance;
        long balancedToUnusable;
        long beyondMaxconn;
        long waitingDespiteAFreeSlot;
        long decisions;

        @Override
        public void settledLocked(int waiting) {
            decisions++;
            waitingDespiteAFreeSlot += waiting;
        }

        @Override
        public void grantedLocked(Server server, boolean balanced) {
            grants++;
            if (server.adminState() == AdminState.MAINT || !server.isUp()) {
                inMaintenance++;
            }
            if (balanced && !server.isUsable()) {
                balancedToUnusable++; // drain or weight 0: the load balancer must not pick it
            }
            if (server.maxconn() > 0 && server.currentConnections() > server.maxconn()) {
                beyondMaxconn++;
            }
        }
    }

    @ParameterizedTest(name = "balance {0}, timeout queue {1} ms")
    @CsvSource({"roundrobin, 0", "roundrobin, 2", "leastconn, 0", "first, 2"})
    void slotsStayExactWhileServersChange(String balance, long queueMillis) throws Exception {
        Audit audit = new Audit();
        Backend backend = new Backend(backendConfig(directory, "balance " + balance,
                "server s1 127.0.0.1:1 maxconn 2", "server s2 127.0.0.1:2 maxconn 3 weight 2",
                "server s3 127.0.0.1:3 maxconn 1", "server spare 127.0.0.1:4 maxconn 2 backup"),
                new QueueTimeouts(), ServerStateLog.NONE, audit);
        List<Server> everyServer = new CopyOnWriteArrayList<>(backend.servers());

        AtomicBoolean workersDone = new AtomicBoolean();
        CountDownLatch churnStarted = new CountDownLatch(CHANGES_BEFORE_START);
        AtomicLong changes = new AtomicLong();
        Thread churner = Thread.ofVirtual().start(() -> {
            while (!workersDone.get()) {
                changeSomething(backend, everyServer);
                changes.incrementAndGet();
                churnStarted.countDown();
                Thread.yield();
            }
        });
        churnStarted.await();

        AtomicLong served = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < REQUESTS / WORKERS; i++) {
                    Optional<Server> slot = takeSlot(backend, queueMillis);
                    if (slot.isEmpty()) {
                        refused.incrementAndGet();
                        continue;
                    }
                    if (ThreadLocalRandom.current().nextInt(4) == 0) {
                        Thread.yield(); // hold the slot a little, so that others queue
                    }
                    backend.release(slot.get());
                    served.incrementAndGet();
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        for (Thread worker : workers) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        long stuck = workers.stream().filter(Thread::isAlive).count();
        workersDone.set(true);
        churner.join();

        assertEquals(0, stuck, "requests still waiting once all others ended; queue " + backend.queuedRequests());
        assertEquals(0, backend.queuedRequests());
        assertEquals(REQUESTS / WORKERS * WORKERS, served.get() + refused.get());
        assertTrue(changes.get() >= CHANGES_BEFORE_START);
        assertEquals(served.get(), audit.grants, "one slot handed out per request served");
        long sessions = 0;
        for (Server server : everyServer) {
            assertEquals(0, server.currentConnections(), server.name() + ": a slot leaked or was given back twice");
            sessions += server.counters().sessions();
        }
        assertEquals(served.get(), sessions, "sessions counted on the servers");
        assertEquals(0, audit.inMaintenance, "slots taken on a server in maintenance");
        assertEquals(0, audit.balancedToUnusable, "load-balanced slots on a draining or weightless server");
        assertEquals(0, audit.beyondMaxconn, "slots beyond maxconn");
        assertEquals(0, audit.waitingDespiteAFreeSlot, "requests left waiting while a slot they could take was free");
        assertTrue(audit.decisions > 0);
    }

    /** A request as ServerConnector makes them: mostly load-balanced, some naming a server, a few for a kept connection. */
    private static Optional<Server> takeSlot(Backend backend, long queueMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Server> servers = backend.servers();
        Server named = servers.get(random.nextInt(servers.size()));
        int kind = random.nextInt(10);
        try {
            if (kind < 7) {
                return backend.acquire(Set.of(), queueMillis);
            } else if (kind < 9) {
                return backend.acquirePreferred(named, queueMillis);
            }
            return backend.acquireSpecific(named, queueMillis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** One random change: an admin state (mostly back to ready), a weight, a maxconn, or the extra server. */
    private static void changeSomething(Backend backend, List<Server> everyServer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Server> servers = backend.servers();
        Server server = servers.get(random.nextInt(servers.size()));
        switch (random.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5, 6 -> backend.setAdminState(server, AdminState.READY);
            case 7 -> backend.setAdminState(server, AdminState.DRAIN);
            case 8 -> backend.setAdminState(server, AdminState.MAINT);
            case 9, 10, 11 -> backend.setWeight(server, random.nextInt(4));
            case 12, 13, 14, 15 -> backend.setMaxconn(server, random.nextInt(5)); // 0: no limit
            case 16, 17 -> backend.setWeight(server, 1 + random.nextInt(3));
            default -> {
                Optional<Server> extra = backend.server("extra");
                if (extra.isEmpty()) {
                    everyServer.add(backend.addServer(new ServerConfig(new SourceLocation("runtime", 0), "extra",
                            new Address.Inet("127.0.0.1", 9, Address.Family.ANY), 99, 1, 1, false, false)));
                } else {
                    backend.setAdminState(extra.get(), AdminState.MAINT);
                    backend.removeServer(extra.get()); // refused while a request is in flight: tried again later
                }
            }
        }
    }
}
