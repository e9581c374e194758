package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h1.H1Settings;
import dev.shuttle.io.BufferPool;
import dev.shuttle.io.IoServices;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.io.ReadinessPoller;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.SocketErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ClientFailureWatch}: a client connection's reset seen while the exchange waits elsewhere. */
@Timeout(10)
class ClientFailureWatchTest {
    private static final IoServices IO = new IoServices(new BufferPool(1024, 0), new ReadDeadlines(),
            ReadinessPoller.start());

    /** A client connection whose request head was read (so that the poller tracks it), and the client's socket. */
    private record Loopback(ServerSocket listener, Socket client, Socket accepted, H1Connection connection)
            implements AutoCloseable {
        static Loopback open() throws Exception {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
            Socket accepted = listener.accept();
            H1Connection connection = new H1Connection(accepted, H1Settings.DEFAULTS, IO);
            client.getOutputStream().write("GET / HTTP/1.1\r\nhost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            connection.readRequest(5000, 5000, true);
            return new Loopback(listener, client, accepted, connection);
        }

        @Override
        public void close() throws IOException {
            try (listener; client; accepted) {
                connection.close();
            }
        }
    }

    @Test
    void aResetRunsTheActionAndReadsTheReset() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<Void> aborted = new CompletableFuture<>();
            ClientFailureWatch watch = ClientFailureWatch.start(loopback.connection(), () -> aborted.complete(null));
            loopback.client().setSoLinger(true, 0);
            loopback.client().close();
            aborted.get(5, TimeUnit.SECONDS);
            watch.close();
            assertTrue(watch.fired());
            Optional<IOException> failure = watch.failure();
            assertTrue(failure.isPresent());
            assertEquals(Optional.of(ConnectionError.ERESET), SocketErrors.of(failure.get()), failure.get().toString());
        }
    }

    @Test
    void aClosedWatchNeverRuns() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            ClientFailureWatch watch = ClientFailureWatch.start(loopback.connection(), () -> {
                throw new AssertionError("the watch was closed");
            });
            watch.close();
            loopback.client().setSoLinger(true, 0);
            loopback.client().close();
            assertFalse(watch.fired());
        }
    }

    @Test
    void aConnectionThePollerDoesNotTrackYetJoinsItToBeWatched() throws Exception {
        // A connection's first request is read without the poller (one registration fewer for a
        // connection that carries one request): a watch makes the socket join it.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket accepted = listener.accept();
             H1Connection connection = new H1Connection(accepted, H1Settings.DEFAULTS, IO)) {
            CompletableFuture<Void> aborted = new CompletableFuture<>();
            ClientFailureWatch watch = ClientFailureWatch.start(connection, () -> aborted.complete(null));
            assertNotSame(ClientFailureWatch.NEVER, watch, "the socket joined the poller");
            client.setSoLinger(true, 0);
            client.close();
            aborted.get(5, TimeUnit.SECONDS);
            watch.close();
            assertTrue(watch.fired());
        }
    }

    @Test
    void aFinFiresAWatchOfEndsAndIsNoFailure() throws Exception {
        // option abortonclose: the client's close of its sending side is the client leaving.
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<Void> aborted = new CompletableFuture<>();
            ClientFailureWatch watch = ClientFailureWatch.deferred(loopback.connection(), () -> aborted.complete(null),
                    true);
            watch.start();
            loopback.client().shutdownOutput();
            aborted.get(5, TimeUnit.SECONDS);
            watch.close();
            assertTrue(watch.fired());
            assertTrue(watch.closedOnly(), "a FIN, not a reset");
        }
    }

    @Test
    void aFinBeforeTheStartFiresAtTheStart() throws Exception {
        // The watch starts once the wait lasted: a FIN that came before is seen when the socket joins the poller.
        try (Loopback loopback = Loopback.open()) {
            loopback.client().shutdownOutput();
            assertEquals(-1, loopback.accepted().getInputStream().read(), "the FIN arrived");
            CompletableFuture<Void> aborted = new CompletableFuture<>();
            ClientFailureWatch watch = ClientFailureWatch.deferred(loopback.connection(), () -> aborted.complete(null),
                    true);
            watch.start();
            aborted.get(5, TimeUnit.SECONDS);
            watch.close();
            assertTrue(watch.closedOnly());
        }
    }

    @Test
    void aResetFiresAWatchOfEndsAsAFailure() throws Exception {
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<Void> aborted = new CompletableFuture<>();
            ClientFailureWatch watch = ClientFailureWatch.deferred(loopback.connection(), () -> aborted.complete(null),
                    true);
            watch.start();
            loopback.client().setSoLinger(true, 0);
            loopback.client().close();
            aborted.get(5, TimeUnit.SECONDS);
            watch.close();
            assertFalse(watch.closedOnly(), "a reset");
            assertEquals(Optional.of(ConnectionError.ERESET), SocketErrors.of(watch.failure().orElseThrow()));
        }
    }

    @Test
    void aWatchOfFailuresOnlyIsNotEndedByAFin() throws Exception {
        // Without abortonclose a FIN leaves the wait alone; the reset that follows still ends it.
        try (Loopback loopback = Loopback.open()) {
            CompletableFuture<Void> aborted = new CompletableFuture<>();
            ClientFailureWatch watch = ClientFailureWatch.deferred(loopback.connection(), () -> aborted.complete(null),
                    false);
            watch.start();
            loopback.client().shutdownOutput();
            loopback.client().setSoLinger(true, 0);
            loopback.client().close();
            aborted.get(5, TimeUnit.SECONDS);
            watch.close();
            assertTrue(watch.fired());
            assertFalse(watch.closedOnly());
        }
    }
}
