package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.h1.H1Settings;
import dev.shuttle.io.BufferPool;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.IoServices;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.io.ReadinessPoller;
import dev.shuttle.mux.H1ClientMux;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.session.ClientConnection;
import dev.shuttle.session.Session;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that resets its connection while the response body (or head) waits on the server: HAProxy 3.5
 * reads the reset at once and logs {@code CD}, {@code {f3,m1,e1,s3s1S1,E1,M1,F1}}, {@code fc_err}
 * {@code ERESET} (the log difftest's {@code term-client-resets-response-body}). Here the server
 * never sends the rest of its body, so the only way out before {@code timeout server} is the reset.
 * Real sockets, the process's own H1 client mux and exchange.
 */
@Timeout(20)
class ClientResetDuringResponseTest {
    private static final IoServices IO = new IoServices(new BufferPool(16384, 0), new ReadDeadlines(),
            ReadinessPoller.start());
    private static final byte[] HEAD_AND_FIRST_BYTES =
            "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    @Test
    void aClientResetWhileTheBodyWaitsOnTheServerEndsTheExchangeAtOnce() throws Exception {
        CountDownLatch testDone = new CountDownLatch(1);
        try (ServerSocket origin = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ServerSocket front = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread originThread = Thread.ofVirtual().start(() -> dribble(origin, testDone));
            ExchangeFixture.World world = ExchangeFixture.world(directory, """
                    frontend fe
                        mode http
                        bind :8080
                        default_backend be
                    backend be
                        mode http
                        timeout server 10s
                        server s1 127.0.0.1:%d
                    """.formatted(origin.getLocalPort()));
            ExchangeFixture.RecordingObserver observer = new ExchangeFixture.RecordingObserver();
            Session session = ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild());
            H1ClientMux mux = new H1ClientMux(new HttpSessions(world.routing(), observer), IO,
                    frontend -> H1Settings.DEFAULTS);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), front.getLocalPort());
                 Socket accepted = front.accept()) {
                Thread proxy = Thread.ofVirtual().start(() -> {
                    try {
                        mux.serve(session, new ClientConnection(accepted, new InputBuffer(accepted.getInputStream(),
                                IO.buffers())));
                    } catch (Exception ignored) {
                        // the connection's end is what the test looks at
                    }
                });
                client.getOutputStream().write("GET / HTTP/1.1\r\nhost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                readAtLeast(client.getInputStream(), HEAD_AND_FIRST_BYTES.length);
                client.setSoLinger(true, 0);
                client.close(); // a reset, while the proxy waits for the other 90 bytes
                proxy.join();
            } finally {
                testDone.countDown();
                originThread.join();
            }
            ExchangeRecord record = observer.exchanges.getFirst();
            assertEquals("CD", record.terminationState().code(), "the reset ended it, not timeout server (sD)");
            assertEquals("{f3,m1,e1,s3s1S1,E1,M1,F1}", record.context().terminationEvents().describe());
            assertEquals(Optional.of(ConnectionError.ERESET), record.context().frontError());
        }
    }

    @Test
    void aClientResetWhileTheHeadWaitsOnTheServerEndsTheExchangeAtOnce() throws Exception {
        // 3.5, checked live (log difftest term-client-resets-response-head): 400 CD, the same events.
        CountDownLatch testDone = new CountDownLatch(1);
        CountDownLatch requestArrived = new CountDownLatch(1);
        try (ServerSocket origin = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ServerSocket front = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread originThread = Thread.ofVirtual().start(() -> silent(origin, requestArrived, testDone));
            ExchangeFixture.World world = ExchangeFixture.world(directory, """
                    frontend fe
                        mode http
                        bind :8080
                        default_backend be
                    backend be
                        mode http
                        timeout server 10s
                        server s1 127.0.0.1:%d
                    """.formatted(origin.getLocalPort()));
            ExchangeFixture.RecordingObserver observer = new ExchangeFixture.RecordingObserver();
            Session session = ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild());
            H1ClientMux mux = new H1ClientMux(new HttpSessions(world.routing(), observer), IO,
                    frontend -> H1Settings.DEFAULTS);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), front.getLocalPort());
                 Socket accepted = front.accept()) {
                Thread proxy = Thread.ofVirtual().start(() -> {
                    try {
                        mux.serve(session, new ClientConnection(accepted, new InputBuffer(accepted.getInputStream(),
                                IO.buffers())));
                    } catch (Exception ignored) {
                        // the connection's end is what the test looks at
                    }
                });
                client.getOutputStream().write("GET / HTTP/1.1\r\nhost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                requestArrived.await();
                client.setSoLinger(true, 0);
                client.close(); // a reset, while the proxy waits for the response head
                proxy.join();
            } finally {
                testDone.countDown();
                originThread.join();
            }
            ExchangeRecord record = observer.exchanges.getFirst();
            assertEquals("CD", record.terminationState().code(), "the reset ended it, not timeout server (sH)");
            assertEquals(400, record.status());
            assertEquals("{f3,m1,e1,s3s1S1,E1,M1,F1}", record.context().terminationEvents().describe());
            assertEquals(Optional.of(ConnectionError.ERESET), record.context().frontError());
        }
    }

    /** The origin: reads the request, answers nothing until the test ends. */
    private static void silent(ServerSocket origin, CountDownLatch requestArrived, CountDownLatch testDone) {
        try (Socket connection = origin.accept()) {
            readHead(connection.getInputStream());
            requestArrived.countDown();
            testDone.await();
        } catch (Exception ignored) {
            // the test ended
        }
    }

    /** The origin: the head and 10 bytes of a 100-byte body, then nothing until the test ends. */
    private static void dribble(ServerSocket origin, CountDownLatch testDone) {
        try (Socket connection = origin.accept()) {
            readHead(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            out.write(HEAD_AND_FIRST_BYTES);
            out.flush();
            testDone.await();
        } catch (Exception ignored) {
            // the test ended
        }
    }

    private static void readHead(InputStream in) throws Exception {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void readAtLeast(InputStream in, int count) throws Exception {
        byte[] buffer = new byte[1024];
        int total = 0;
        while (total < count) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the proxy closed after " + total + " bytes");
            }
            total += n;
        }
    }
}
