package dev.shuttle.backend;

import static dev.shuttle.backend.BackendFixture.backendConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The race of seed 002 (a request queued just after the last slot it could use was released, and
 * left there) cannot happen, because the decision to queue and every release take the backend's
 * lock: 500 concurrent clients send 10^5 requests through servers of {@code maxconn} 1 or 10,
 * each holding its slot for a random service time, with random priorities, some naming a server,
 * while another thread keeps flipping servers into maintenance (or drain) and back. After every
 * decision, under the lock, the audit counts the requests that wait while a slot they could take
 * is free: there must be none, and every request must end (served, or refused when no server can
 * serve it). No assertion depends on timing.
 */
@Timeout(120)
class QueueStressTest {
    private static final int CLIENTS = 500;
    private static final int REQUESTS = 100_000;

    @TempDir
    Path directory;

    /** What the backend saw; written under its lock, read once every thread ended. */
    private static final class Audit implements SlotAudit {
        long grants;
        long beyondMaxconn;
        long inMaintenance;
        long waitingDespiteAFreeSlot;
        long decisions;

        @Override
        public void grantedLocked(Server server, boolean balanced) {
            grants++;
            if (server.maxconn() > 0 && server.currentConnections() > server.maxconn()) {
                beyondMaxconn++;
            }
            if (!server.isUp()) {
                inMaintenance++;
            }
        }

        @Override
        public void settledLocked(int waiting) {
            decisions++;
            waitingDespiteAFreeSlot += waiting;
        }
    }

    @ParameterizedTest(name = "maxconn {0} {1}")
    @CsvSource({"1, ''", "10, ''", "10, minconn 2"})
    void nobodyWaitsBesideAFreeSlotAndEveryRequestEnds(int maxconn, String extra) throws Exception {
        Audit audit = new Audit();
        String options = "maxconn " + maxconn + " " + extra;
        Backend backend = new Backend(backendConfig(directory, "fullconn 200",
                "server s1 127.0.0.1:1 " + options, "server s2 127.0.0.1:2 " + options,
                "server s3 127.0.0.1:3 " + options, "server b1 127.0.0.1:4 backup " + options),
                new QueueTimeouts(), ServerStateLog.NONE, audit);
        List<Server> servers = backend.servers();

        AtomicBoolean clientsDone = new AtomicBoolean();
        AtomicLong flips = new AtomicLong();
        Thread flipper = Thread.ofVirtual().start(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!clientsDone.get()) {
                Server server = servers.get(random.nextInt(servers.size()));
                int dice = random.nextInt(10);
                backend.setAdminState(server, dice < 2 ? AdminState.MAINT : dice < 3 ? AdminState.DRAIN : AdminState.READY);
                flips.incrementAndGet();
                LockSupport.parkNanos(random.nextLong(20_000, 200_000));
            }
            servers.forEach(server -> backend.setAdminState(server, AdminState.READY));
        });

        AtomicLong served = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                    Server slot = take(backend, servers);
                    if (slot == null) {
                        refused.incrementAndGet();
                        LockSupport.parkNanos(200_000); // no server now: wait for the flipper rather than spin
                        continue;
                    }
                    serve();
                    backend.release(slot);
                    served.incrementAndGet();
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (Thread client : clients) {
            client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        long stuck = clients.stream().filter(Thread::isAlive).count();
        clientsDone.set(true);
        flipper.join();

        assertEquals(0, stuck, "clients still waiting once the others ended; queued " + backend.queuedRequests());
        assertEquals(REQUESTS, served.get() + refused.get());
        assertEquals(served.get(), audit.grants, "one slot per request served");
        assertEquals(0, audit.waitingDespiteAFreeSlot, "requests left waiting while a slot they could take was free");
        assertEquals(0, audit.beyondMaxconn, "slots beyond maxconn");
        assertEquals(0, audit.inMaintenance, "slots on a server out of service");
        assertEquals(0, backend.queuedRequests());
        for (Server server : servers) {
            assertEquals(0, server.currentConnections(), server.name() + ": a slot leaked or was given back twice");
            assertEquals(0, server.queued(), server.name() + ": its queue count drifted");
        }
        assertTrue(flips.get() > 0 && audit.decisions > served.get(), "the test exercised queues and changes");
        assertTrue(served.get() > REQUESTS / 2, "most requests found a server: " + served.get());
    }

    /** Mostly load-balanced requests, some naming a server, a few for a kept connection; random priorities. */
    private static Server take(Backend backend, List<Server> servers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        QueuePriority priority = random.nextInt(4) == 0
                ? new QueuePriority(random.nextInt(-2, 3), random.nextInt(-50, 51)) : QueuePriority.NONE;
        Server named = servers.get(random.nextInt(servers.size()));
        int kind = random.nextInt(10);
        try {
            Backend.Slot slot = kind < 7 ? backend.acquire(Set.of(), 0, priority)
                    : kind < 9 ? backend.acquirePreferred(named, 0, priority)
                    : backend.acquireSpecific(named, 0, priority);
            return slot.server();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A random service time: most requests are quick, some hold their slot for up to 100 us. */
    private static void serve() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(8) == 0) {
            LockSupport.parkNanos(random.nextLong(1_000, 100_000));
        } else {
            for (int i = random.nextInt(3); i > 0; i--) {
                Thread.yield();
            }
        }
    }
}
