package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry of live streams and what a stream offers the runtime API: identity, phase, kill. */
@Timeout(10)
class LiveStreamsTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress FRONT = new InetSocketAddress("127.0.0.1", 8080);

    private static LiveStream stream(Thread thread) {
        return new LiveStream(null, thread, System.currentTimeMillis(), CLIENT, FRONT);
    }

    @Test
    void streamsAreListedOldestFirstWhileTheyLiveAndFoundByIdentifier() {
        LiveStreams registry = new LiveStreams();
        LiveStream first = stream(Thread.currentThread());
        LiveStream second = stream(Thread.currentThread());
        assertTrue(second.id() > first.id(), "identifiers grow and are never reused");
        registry.add(second);
        registry.add(first);
        assertEquals(List.of(first, second), registry.snapshot());
        assertSame(second, registry.get(second.id()));
        registry.remove(first);
        assertEquals(List.of(second), registry.snapshot());
        assertNull(registry.get(first.id()));
        assertEquals(1, registry.size());
    }

    @Test
    void concurrentConnectionsLeaveNothingBehind() throws Exception {
        LiveStreams registry = new LiveStreams();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2000; i++) {
                    LiveStream stream = stream(Thread.currentThread());
                    registry.add(stream);
                    registry.snapshot(); // a reader meanwhile sees a consistent-enough list
                    registry.remove(stream);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, registry.size());
    }

    @Test
    void aStreamStartsSettingUpAndEachRequestResetsItsBackendAndServer() {
        LiveStream stream = stream(Thread.currentThread());
        assertEquals(StreamPhase.SETTING_UP, stream.phase());
        stream.requestStarted("/a");
        stream.gettingServer("be");
        stream.server("s1");
        stream.phase(StreamPhase.SENDING_BODY);
        assertEquals("be", stream.backend());
        assertEquals("s1", stream.server());
        stream.requestStarted("/b");
        assertEquals(StreamPhase.ANALYSING, stream.phase());
        assertNull(stream.backend());
        assertNull(stream.server());
        assertEquals(2, stream.requests());
        assertEquals("/b", stream.uri());
        stream.client(new InetSocketAddress("10.0.0.1", 1234));
        assertEquals(new InetSocketAddress("10.0.0.1", 1234), stream.client());
    }

    @Test
    void aKillGoesThroughTheServerSideWhenItEndsTheExchange() {
        LiveStream stream = stream(Thread.currentThread());
        AtomicInteger serverKills = new AtomicInteger();
        AtomicBoolean clientClosed = new AtomicBoolean();
        stream.serverSide(() -> serverKills.incrementAndGet() > 0);
        stream.clientSide(() -> clientClosed.set(true));
        stream.kill();
        assertTrue(stream.killed());
        assertEquals(1, serverKills.get());
        assertFalse(clientClosed.get(), "the exchange closes its client itself, once it logged the kill");
        assertFalse(Thread.interrupted());
    }

    @Test
    void withoutAServerConnectionAKillClosesTheClientAndInterruptsTheThread() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread connection = Thread.ofVirtual().unstarted(() -> {
            parked.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        LiveStream stream = stream(connection);
        AtomicBoolean clientClosed = new AtomicBoolean();
        stream.serverSide(() -> false); // an exchange between two server connections
        stream.clientSide(() -> clientClosed.set(true));
        connection.start();
        parked.await();
        stream.kill();
        connection.join();
        assertTrue(clientClosed.get());
        assertTrue(interrupted.get());
    }

    @Test
    void aKillAfterTheStreamEndedLeavesItsThreadAlone() throws Exception {
        LiveStreams registry = new LiveStreams();
        CountDownLatch removed = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean(true);
        AtomicReference<LiveStream> stream = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            stream.set(stream(Thread.currentThread()));
            registry.add(stream.get());
            registry.remove(stream.get()); // the stream ended; the thread may serve another connection
            removed.countDown();
            try {
                killed.await();
            } catch (InterruptedException e) {
                return;
            }
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        removed.await();
        stream.get().kill();
        killed.countDown();
        thread.join();
        assertFalse(interrupted.get(), "the kill came after the end: no interrupt");
    }
}
