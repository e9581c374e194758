package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.io.ReadinessPoller;
import dev.shuttle.net.Address;
import dev.shuttle.net.Address.Family;
import dev.shuttle.net.BindSocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listening socket in the readiness poller ({@link ListeningEndpoint#acceptThrough}): the
 * acceptor takes every connection that waits, then parks until the poller counts the next one,
 * without spinning; a close or a pause wakes it and its accept fails; after a resume it waits again.
 */
@Timeout(30)
class ChannelListenerPollerTest {
    private static final ReadinessPoller POLLER = ReadinessPoller.start();

    private ListeningEndpoint endpoint;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void bind() throws IOException {
        endpoint = Endpoints.bind(new Address.Inet("127.0.0.1", 0, Family.ANY), BindSocketOptions.DEFAULTS).getFirst();
        endpoint.acceptThrough(POLLER);
    }

    @AfterEach
    void close() throws IOException {
        endpoint.close();
        for (Socket client : clients) {
            client.close();
        }
    }

    @Test
    void acceptsEveryWaitingConnectionThenWaitsForTheNext() throws Exception {
        Set<SocketAddress> connected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            connected.add(connect().getLocalSocketAddress());
        }
        Set<SocketAddress> accepted = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            try (Socket socket = onVirtualThread(endpoint).get(10, TimeUnit.SECONDS)) {
                accepted.add(socket.getRemoteSocketAddress());
            }
        }
        assertEquals(connected, accepted);

        Thread[] acceptor = new Thread[1];
        CompletableFuture<Socket> next = onVirtualThread(endpoint, acceptor);
        awaitParked(acceptor);
        assertFalse(next.isDone());
        Socket late = connect();
        try (Socket socket = next.get(10, TimeUnit.SECONDS)) {
            assertEquals(late.getLocalSocketAddress(), socket.getRemoteSocketAddress());
        }
    }

    @Test
    void aCloseWakesTheWaitingAcceptorWhoseAcceptFails() throws Exception {
        Thread[] acceptor = new Thread[1];
        CompletableFuture<Socket> next = onVirtualThread(endpoint, acceptor);
        awaitParked(acceptor);
        endpoint.close();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IOException, failed.getCause().toString());
    }

    @Test
    void aPauseFailsTheWaitingAcceptAndAfterTheResumeItWaitsAgain() throws Exception {
        // A port of its own (not the kernel's choice), so that a pause stops listening.
        ListeningEndpoint own = Endpoints.bind(new Address.Inet("127.0.0.1", freePort(), Family.ANY),
                BindSocketOptions.DEFAULTS).getFirst();
        endpoint.close();
        endpoint = own;
        endpoint.acceptThrough(POLLER);
        assertTrue(endpoint.canStopListening());

        Thread[] acceptor = new Thread[1];
        CompletableFuture<Socket> waiting = onVirtualThread(endpoint, acceptor);
        awaitParked(acceptor);
        endpoint.pause();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IOException, failed.getCause().toString());

        endpoint.resume();
        // The shutdown's end is not for good: after the resume the acceptor parks again (a
        // listening socket's end kept for good would make every wait return at once: a spin).
        CompletableFuture<Socket> next = onVirtualThread(endpoint, acceptor);
        awaitParked(acceptor);
        Socket late = connect();
        try (Socket socket = next.get(10, TimeUnit.SECONDS)) {
            assertEquals(late.getLocalSocketAddress(), socket.getRemoteSocketAddress());
        }
    }

    private Socket connect() throws IOException {
        Socket client = new Socket("127.0.0.1", ((InetSocketAddress) endpoint.localAddress()).getPort());
        clients.add(client);
        return client;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static CompletableFuture<Socket> onVirtualThread(ListeningEndpoint endpoint) {
        return onVirtualThread(endpoint, new Thread[1]);
    }

    /** Accepts on a new virtual thread, which it puts in {@code thread[0]}. */
    private static CompletableFuture<Socket> onVirtualThread(ListeningEndpoint endpoint, Thread[] thread) {
        CompletableFuture<Socket> result = new CompletableFuture<>();
        thread[0] = Thread.ofVirtual().start(() -> {
            try {
                result.complete(endpoint.accept());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Waits (up to 10 s) until the acceptor parks: a spinning one never does. */
    private static void awaitParked(Thread[] acceptor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (acceptor[0].getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the acceptor never parked: " + acceptor[0].getState());
            Thread.sleep(5);
        }
    }
}
