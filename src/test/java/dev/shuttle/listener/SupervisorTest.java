package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SupervisorTest {
    /** A resource that remembers being closed. */
    private static final class Flag implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }

        boolean isClosed() {
            return closed.getCount() == 0;
        }
    }

    @Test
    void childrenRunAndDrainByThemselves() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(supervisor.fork("child-" + i, child -> {
                release.await();
                ran.incrementAndGet();
            }));
        }
        assertEquals(5, supervisor.size());
        assertTrue(threads.getFirst().isVirtual());
        assertEquals("test/child-0", threads.getFirst().getName());
        release.countDown();
        assertTrue(supervisor.awaitDrained(5_000));
        assertEquals(5, ran.get());
        assertEquals(0, supervisor.size());
    }

    @Test
    void awaitDrainedReturnsFalseWhenChildrenOutliveTheGrace() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        CountDownLatch release = new CountDownLatch(1);
        supervisor.fork("slow", child -> release.await());
        assertFalse(supervisor.awaitDrained(50));
        assertFalse(supervisor.awaitDrained(0), "0 does not wait");
        assertEquals(1, supervisor.size());
        release.countDown();
        assertTrue(supervisor.awaitDrained(5_000));
    }

    @Test
    void anEmptySupervisorIsDrained() throws Exception {
        assertTrue(new Supervisor("empty").awaitDrained(0));
    }

    @Test
    void abortClosesASocketBlockedInReadAndJoins() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            CountDownLatch reading = new CountDownLatch(1);
            AtomicReference<Throwable> readEnded = new AtomicReference<>();
            Thread thread = supervisor.fork("reader", accepted, child -> {
                InputStream in = accepted.getInputStream();
                reading.countDown();
                try {
                    in.read();
                } catch (IOException e) {
                    readEnded.set(e);
                }
            });
            assertTrue(reading.await(5, TimeUnit.SECONDS));
            supervisor.abort();
            assertFalse(thread.isAlive(), "abort joins its children");
            assertTrue(accepted.isClosed());
            assertTrue(readEnded.get() instanceof IOException, "the blocked read ended with " + readEnded.get());
            assertEquals(0, supervisor.size());
            assertEquals(-1, client.getInputStream().read(), "the peer sees the connection closed");
        }
    }

    @Test
    void abortClosesResourcesRegisteredByTheChildAndInterrupts() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        Flag registered = new Flag();
        Flag forgotten = new Flag();
        CountDownLatch ready = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread thread = supervisor.fork("sleeper", child -> {
            child.closeOnAbort(registered);
            child.closeOnAbort(forgotten);
            child.forget(forgotten);
            ready.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertTrue(ready.await(5, TimeUnit.SECONDS));
        supervisor.abort();
        assertFalse(thread.isAlive());
        assertTrue(registered.isClosed());
        assertFalse(forgotten.isClosed(), "a forgotten resource is the child's own business");
        assertTrue(interrupted.get());
    }

    @Test
    void noChildIsAliveAfterAbortEvenWithMany() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        List<Thread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            threads.add(supervisor.fork("c" + i, child -> {
                started.countDown();
                new CountDownLatch(1).await();
            }));
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        supervisor.abort();
        assertTrue(threads.stream().noneMatch(Thread::isAlive));
        assertEquals(0, supervisor.size());
    }

    @Test
    void aForkAfterAbortNeverRunsAndClosesItsResource() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        supervisor.abort();
        Flag resource = new Flag();
        AtomicBoolean ran = new AtomicBoolean();
        Thread thread = supervisor.fork("late", resource, child -> ran.set(true));
        assertTrue(resource.isClosed());
        assertEquals(Thread.State.NEW, thread.getState(), "the thread is never started");
        assertFalse(ran.get());
        assertEquals(0, supervisor.size());
        assertTrue(supervisor.awaitDrained(0));
    }

    @Test
    void aResourceGivenAtForkIsClosedWhenTheChildEnds() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        Flag resource = new Flag();
        supervisor.fork("short", resource, child -> { });
        assertTrue(resource.closed.await(5, TimeUnit.SECONDS));
        assertTrue(supervisor.awaitDrained(5_000));
    }

    @Test
    void aFailingChildDoesNotBreakTheSupervisor() throws Exception {
        Supervisor supervisor = new Supervisor("test");
        Flag resource = new Flag();
        supervisor.fork("fails", resource, child -> {
            throw new IllegalStateException("expected by the test");
        });
        supervisor.fork("errs", child -> {
            throw new AssertionError("expected by the test");
        });
        assertTrue(supervisor.awaitDrained(5_000));
        assertTrue(resource.isClosed(), "resources are closed even when the child fails");
        CountDownLatch ran = new CountDownLatch(1);
        supervisor.fork("after", child -> ran.countDown());
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertTrue(supervisor.awaitDrained(5_000));
        supervisor.abort();
    }

    /**
     * fork() registers the child under the lock but starts its thread after unlocking; an abort in
     * between interrupts and joins a thread that is not started yet (join returns at once), and the
     * child then runs after abort() has returned. A stress loop, as the window is a few instructions.
     */
    @Test
    @Timeout(60)
    void noChildRunsAfterAbortReturnsEvenWhenForkRacesIt() throws Exception {
        int late = 0;
        for (int round = 0; round < 300 && late == 0; round++) {
            Supervisor supervisor = new Supervisor("race");
            AtomicBoolean abortReturned = new AtomicBoolean();
            AtomicInteger ranAfterAbort = new AtomicInteger();
            List<Thread> forkers = new ArrayList<>();
            for (int f = 0; f < 4; f++) {
                forkers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 2000; i++) {
                        supervisor.fork("x", child -> {
                            if (abortReturned.get()) {
                                ranAfterAbort.incrementAndGet();
                            }
                        });
                    }
                }));
            }
            supervisor.abort();
            abortReturned.set(true);
            for (Thread forker : forkers) {
                forker.join();
            }
            assertTrue(supervisor.awaitDrained(5_000));
            late += ranAfterAbort.get();
        }
        assertEquals(0, late, "children that ran after abort() returned");
    }

    @Test
    void announceStopRunsEachChildsNoticeOnceAndClosesNothing() throws Exception {
        Supervisor supervisor = new Supervisor("stop");
        AtomicInteger notices = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        supervisor.fork("h2", () -> closed.set(true), child -> {
            child.idle(true);
            child.onStop(notices::incrementAndGet);
            registered.countDown();
            release.await();
        });
        registered.await();
        supervisor.announceStop();
        supervisor.announceStop();
        assertEquals(1, notices.get());
        assertFalse(closed.get(), "announceStop closes no resource, even of an idle child");
        release.countDown();
        assertTrue(supervisor.awaitDrained(5_000));
    }

    @Test
    void aNoticeRegisteredAfterTheStopRunsAtOnce() throws Exception {
        Supervisor supervisor = new Supervisor("late");
        supervisor.closeIdle();
        AtomicInteger notices = new AtomicInteger();
        supervisor.fork("h2", child -> child.onStop(notices::incrementAndGet));
        assertTrue(supervisor.awaitDrained(5_000));
        assertEquals(1, notices.get());
    }

    /** Waits until the supervisor has {@code count} threads waiting for a child. */
    private static void awaitWaiting(Supervisor supervisor, int count) throws InterruptedException {
        while (supervisor.waitingThreads() != count) {
            Thread.sleep(1);
        }
    }

    @Test
    void aReusingForkRunsOnTheThreadWhoseChildEnded() throws Exception {
        Supervisor supervisor = new Supervisor("reuse");
        AtomicReference<Thread> first = new AtomicReference<>();
        Flag firstResource = new Flag();
        Thread thread = supervisor.forkReusing("connection", firstResource, child -> first.set(Thread.currentThread()));
        assertTrue(firstResource.closed.await(5, TimeUnit.SECONDS), "the child's resource is closed when it ends");
        awaitWaiting(supervisor, 1);
        assertEquals(thread, first.get());
        assertEquals("reuse/connection", thread.getName());

        AtomicReference<Thread> second = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        assertEquals(thread, supervisor.forkReusing("connection", null, child -> {
            second.set(Thread.currentThread());
            ran.countDown();
        }));
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertEquals(thread, second.get(), "the waiting thread took the second child");
        assertTrue(supervisor.awaitDrained(5_000));
        supervisor.abort();
    }

    @Test
    void anInterruptOfAChildThatEndedNeverReachesTheNext() throws Exception {
        Supervisor supervisor = new Supervisor("reuse");
        Thread thread = supervisor.forkReusing("connection", null, child -> Thread.currentThread().interrupt());
        awaitWaiting(supervisor, 1);
        thread.interrupt(); // late, as a runtime API kill racing the end of its stream
        AtomicBoolean interrupted = new AtomicBoolean(true);
        CountDownLatch ran = new CountDownLatch(1);
        assertEquals(thread, supervisor.forkReusing("connection", null, child -> {
            interrupted.set(Thread.currentThread().isInterrupted());
            ran.countDown();
        }));
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertFalse(interrupted.get());
        supervisor.abort();
    }

    @Test
    void abortEndsTheWaitingThreadsAndRefusesLaterReusingForks() throws Exception {
        Supervisor supervisor = new Supervisor("reuse");
        List<Thread> threads = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            threads.add(supervisor.forkReusing("connection", null, child -> release.await()));
        }
        CountDownLatch blocked = new CountDownLatch(1);
        Flag busyResource = new Flag();
        release.countDown();
        awaitWaiting(supervisor, 3);
        Thread busy = supervisor.forkReusing("connection", busyResource, child -> {
            blocked.countDown();
            new CountDownLatch(1).await();
        });
        assertTrue(threads.contains(busy), "a waiting thread took it");
        assertTrue(blocked.await(5, TimeUnit.SECONDS));
        supervisor.abort();
        assertTrue(busyResource.isClosed());
        for (Thread thread : threads) {
            thread.join(5_000);
            assertFalse(thread.isAlive(), "a waiting thread ends on abort");
        }
        Flag late = new Flag();
        AtomicBoolean ran = new AtomicBoolean();
        assertEquals(null, supervisor.forkReusing("connection", late, child -> ran.set(true)));
        assertTrue(late.isClosed());
        assertFalse(ran.get());
        assertEquals(0, supervisor.waitingThreads());
    }

    @Test
    void threadsBeyondTheWaitingLimitEndAndAStaleWaitingThreadEndsAtTheNextChild() throws Exception {
        Supervisor supervisor = new Supervisor("reuse", 1, 200);
        CountDownLatch release = new CountDownLatch(1);
        Thread one = supervisor.forkReusing("connection", null, child -> release.await());
        Thread two = supervisor.forkReusing("connection", null, child -> release.await());
        release.countDown();
        assertTrue(supervisor.awaitDrained(5_000));
        awaitWaiting(supervisor, 1); // only one may wait: the other ends at once
        Thread ended = one.isAlive() ? two : one;
        Thread waiter = one.isAlive() ? one : two;
        ended.join(5_000);
        assertFalse(ended.isAlive());
        Thread.sleep(300);
        assertTrue(waiter.isAlive(), "a waiting thread ends only when a child comes after its time");
        CountDownLatch ran = new CountDownLatch(1);
        Thread fresh = supervisor.forkReusing("connection", null, child -> ran.countDown());
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertTrue(fresh != one && fresh != two, "the stale thread did not take it");
        waiter.join(5_000);
        assertFalse(waiter.isAlive(), "the stale thread ended");
        supervisor.abort();
    }
}
