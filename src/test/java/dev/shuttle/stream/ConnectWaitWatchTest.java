package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.mux.ClientFailureWatch;
import dev.shuttle.mux.ClientStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ConnectWaitWatch}: the client's leaving interrupts the wait for a server connection, and
 * nothing after it. The client's watch is a stand-in whose action the test runs (the FIN that fires
 * a real one: ClientFailureWatchTest; the whole abort on the wire: log difftest term-client-closes-*).
 */
@Timeout(10)
class ConnectWaitWatchTest {
    /** A client stream whose watch never fires by itself: its actions are kept for the test to run. */
    private static final class Client {
        final List<Runnable> actions = new ArrayList<>();
        final ClientStream stream = (ClientStream) Proxy.newProxyInstance(ClientStream.class.getClassLoader(),
                new Class<?>[] {ClientStream.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deferredFailureWatch")) {
                        actions.add((Runnable) args[0]);
                        return ClientFailureWatch.NEVER;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theClientLeavingInterruptsTheWaitAndTheEndClearsIt() throws Exception {
        Client client = new Client();
        CompletableFuture<ConnectWaitWatch> waiting = new CompletableFuture<>();
        AtomicBoolean interruptedInWait = new AtomicBoolean();
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread waiter = Thread.ofVirtual().start(() -> {
            ConnectWaitWatch wait = new ConnectWaitWatch(client.stream);
            waiting.complete(wait);
            try {
                Thread.sleep(60_000); // a queue's wait, a connect: anything an interrupt ends
            } catch (InterruptedException e) {
                interruptedInWait.set(true);
                Thread.currentThread().interrupt(); // as the JDK leaves it after an interrupted socket call
            }
            wait.end();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        ConnectWaitWatch wait = waiting.get(5, TimeUnit.SECONDS);
        wait.run(); // the wait lasted: the watch starts
        client.actions.getFirst().run(); // the client left
        waiter.join();
        assertTrue(interruptedInWait.get());
        assertFalse(interruptedAfter.get(), "the end clears the interrupt: the exchange goes on");
    }

    @Test
    void noInterruptOnceTheWaitIsOver() {
        Client client = new Client();
        ConnectWaitWatch wait = new ConnectWaitWatch(client.stream);
        wait.run();
        assertNull(wait.end(), "the client did not leave");
        client.actions.getFirst().run(); // too late: the wait is over
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aQuickWaitNeverStartsTheWatch() {
        Client client = new Client();
        ConnectWaitWatch wait = new ConnectWaitWatch(client.stream);
        assertNull(wait.end());
        assertEquals(0, client.actions.size(), "nothing made while the wait was quick");
        wait.run(); // the watcher's tick came after the end: the watch is made but never starts
        client.actions.getFirst().run();
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
