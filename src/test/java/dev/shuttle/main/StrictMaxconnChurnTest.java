package dev.shuttle.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Configuration;
import dev.shuttle.log.ProcessMessages;
import dev.shuttle.log.SyslogSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strict-maxconn} under churn, through the whole process (issue 20): 10^5 exchanges from 50
 * clients with random pool-connection names and random closes, to a server with {@code maxconn 4
 * strict-maxconn} under {@code http-reuse always}. The origin counts the connections it holds: it
 * never holds more than 4, and every request is answered.
 *
 * <p>The time limit only stops a hung run: the 10^5 exchanges took 66 s on this 2-core machine
 * at a load average of 20, and over 120 s at 22 (steady progress, no stall), and nothing here
 * asserts speed.
 */
@Timeout(600)
class StrictMaxconnChurnTest {
    private static final int CLIENTS = 50;
    private static final int EXCHANGES = 100_000;
    private static final int NAMES = 8;

    @TempDir
    Path directory;

    @Test
    void theServerNeverHoldsMoreConnectionsThanItsMaxconn() throws Exception {
        try (CountingOrigin origin = new CountingOrigin()) {
            int port = WholeProcessTests.freePort();
            Configuration configuration = load("""
                    defaults
                        mode http
                        timeout connect 2s
                        timeout client 10s
                        timeout server 10s
                        timeout queue 10s
                    frontend fe
                        bind 127.0.0.1:%d
                        default_backend be
                    backend be
                        http-reuse always
                        server s 127.0.0.1:%d maxconn 4 strict-maxconn pool-conn-name req.hdr(name)
                    """.formatted(port, origin.port()));
            StopRequest stop = new StopRequest();
            ProcessMessages messages = new ProcessMessages((level, text) -> { }, List.of(), new SyslogSender("churn"));
            ShuttleProcess process = new ShuttleProcess(configuration, messages, stop, 0, 2);
            assertTrue(process.start());
            Thread serving = WholeProcessTests.serve(process);
            AtomicInteger left = new AtomicInteger(EXCHANGES);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Thread.ofVirtual().start(() -> client(port, left, ok, refused)));
            }
            for (Thread client : clients) {
                client.join();
            }
            stop.request(StopRequest.Kind.HARD);
            serving.join(5000);
            int answered = ok.get() + refused.get();
            assertEquals(EXCHANGES, answered, "every exchange gets an answer");
            assertTrue(origin.peak() <= 4, "the origin held " + origin.peak() + " connections at once");
            // A request finds no idle connection to close only in a race with the purger's liveness
            // check or another evicting request: HAProxy answers that with a 503 too. Rare, not usual.
            assertTrue(refused.get() * 1000 < EXCHANGES, refused.get() + " requests refused");
            assertTrue(origin.accepted() > 4, "names kept changing, so connections were replaced");
        }
    }

    /** One client: connections of 1 to 5 requests with random names, until the exchanges run out. */
    private static void client(int port, AtomicInteger left, AtomicInteger ok, AtomicInteger refused) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (left.get() > 0) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                int requests = 1 + random.nextInt(5);
                for (int r = 0; r < requests && left.getAndDecrement() > 0; r++) {
                    out.write(("GET / HTTP/1.1\r\nhost: test\r\nname: n" + random.nextInt(NAMES) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    int status = WholeProcessTests.readResponse(in);
                    (status == 200 ? ok : refused).incrementAndGet();
                    if (status != 200) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private Configuration load(String text) throws IOException {
        return WholeProcessTests.load(directory.resolve("churn.cfg"), text);
    }
}
