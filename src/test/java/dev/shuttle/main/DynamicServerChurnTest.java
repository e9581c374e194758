package dev.shuttle.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.cli.CliCommands;
import dev.shuttle.cli.CliSession;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.log.ProcessMessages;
import dev.shuttle.log.SyslogSender;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers added and removed through the runtime API while clients keep sending requests, through
 * the whole process (issue 19), for each balancing algorithm that allows dynamic servers: a
 * thread adds a server ({@code add server}), enables it, lets it take traffic, disables it, waits
 * until it is removable ({@code wait srv-removable}) and deletes it, again and again. No request
 * is lost (every one is answered 200), the counters are exact (the backend's streams, the
 * servers' streams and the origins' requests all equal the requests sent), the added servers did
 * take traffic, and once deleted they hold no connection to their origin (idle ones closed).
 */
@Timeout(180)
class DynamicServerChurnTest {
    private static final int CLIENTS = 32;
    private static final int EXCHANGES = 20_000;
    private static final int DYNAMIC_ORIGINS = 3;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"roundrobin", "leastconn", "first", "random", "uri\n    hash-type consistent"})
    void noRequestIsLostWhileServersComeAndGo(String balance) throws Exception {
        List<Origin> dynamicOrigins = new ArrayList<>();
        try (Origin fixed = new Origin()) {
            for (int i = 0; i < DYNAMIC_ORIGINS; i++) {
                dynamicOrigins.add(new Origin());
            }
            int port = WholeProcessTests.freePort();
            Configuration configuration = load("""
                    defaults
                        mode http
                        timeout connect 2s
                        timeout client 20s
                        timeout server 20s
                        timeout queue 20s
                    frontend fe
                        bind 127.0.0.1:%d
                        default_backend be
                    backend be
                        balance %s
                        server s0 127.0.0.1:%d maxconn 4
                    """.formatted(port, balance, fixed.port()));
            StopRequest stop = new StopRequest();
            ProcessMessages messages = new ProcessMessages((level, text) -> { }, List.of(), new SyslogSender("dyn"));
            ShuttleProcess process = new ShuttleProcess(configuration, messages, stop, 0, 2);
            assertTrue(process.start());
            Thread serving = WholeProcessTests.serve(process);
            Backend backend = process.backends().getFirst();
            CliSession cli = new CliSession(CliCommands.standard(process), CliLevel.ADMIN);

            AtomicInteger left = new AtomicInteger(EXCHANGES);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Thread.ofVirtual().start(() -> client(port, left, ok, failed)));
            }
            List<Server> everyServer = new ArrayList<>(backend.servers());
            int cycles = churn(cli, backend, dynamicOrigins, everyServer, left);
            for (Thread client : clients) {
                client.join();
            }

            assertEquals(0, failed.get(), "requests not answered 200");
            assertEquals(EXCHANGES, ok.get());
            assertEquals(EXCHANGES, backend.counters().sessions(), "the backend's streams");
            assertEquals(EXCHANGES, everyServer.stream().mapToLong(s -> s.counters().sessions()).sum(),
                    "the streams of its servers, deleted ones included");
            long toDynamic = dynamicOrigins.stream().mapToLong(Origin::requests).sum();
            assertEquals(EXCHANGES, fixed.requests() + toDynamic, "the requests the origins answered");
            assertTrue(cycles >= 3, "only " + cycles + " add/del cycles");
            assertTrue(toDynamic > 0, "the added servers took no traffic");
            assertEquals(List.of("s0"), backend.servers().stream().map(Server::name).toList());
            for (Origin origin : dynamicOrigins) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (origin.open() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(0, origin.open(), "connections left open to a deleted server's origin");
            }
            stop.request(StopRequest.Kind.HARD);
            serving.join(5000);
        } finally {
            for (Origin origin : dynamicOrigins) {
                origin.close();
            }
        }
    }

    /**
     * Adds, enables, disables, waits for and deletes servers until the clients have sent every
     * request; each answer is checked. Returns how many servers came and went.
     */
    private static int churn(CliSession cli, Backend backend, List<Origin> origins, List<Server> everyServer,
                             AtomicInteger left) throws InterruptedException {
        int cycle = 0;
        while (left.get() > 0) {
            String name = "be/d" + cycle;
            Origin origin = origins.get(cycle % origins.size());
            answer(cli, "add server " + name + " 127.0.0.1:" + origin.port() + " maxconn 2", "New server registered.\n\n");
            everyServer.add(backend.server("d" + cycle).orElseThrow());
            answer(cli, "enable server " + name, "\n");
            Thread.sleep(ThreadLocalRandom.current().nextInt(2, 20));
            answer(cli, "disable server " + name, "\n");
            answer(cli, "wait 10s srv-removable " + name, "Done.\n\n");
            answer(cli, "del server " + name, "Server deleted.\n\n");
            cycle++;
        }
        return cycle;
    }

    private static void answer(CliSession cli, String command, String expected) {
        assertEquals(expected, cli.execute(command), command);
    }

    /** One client: kept-alive connections of 1 to 20 requests, until the exchanges run out. */
    private static void client(int port, AtomicInteger left, AtomicInteger ok, AtomicInteger failed) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (left.get() > 0) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                int requests = 1 + random.nextInt(20);
                for (int r = 0; r < requests && left.getAndDecrement() > 0; r++) {
                    out.write(("GET /" + random.nextInt(100) + " HTTP/1.1\r\nhost: test\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    int status = WholeProcessTests.readResponse(in);
                    (status == 200 ? ok : failed).incrementAndGet();
                    if (status != 200) {
                        break;
                    }
                }
            } catch (IOException e) {
                failed.incrementAndGet();
            }
        }
    }

    /**
     * An HTTP/1.1 origin, a virtual thread per connection, that answers every request {@code 200}
     * on a kept-alive connection and counts the requests it answered and the connections it holds.
     */
    private static final class Origin implements AutoCloseable {
        private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"
                .getBytes(StandardCharsets.US_ASCII);
        private final ServerSocket listener;
        private final AtomicLong requests = new AtomicLong();
        private final AtomicInteger open = new AtomicInteger();

        Origin() throws IOException {
            listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        long requests() {
            return requests.get();
        }

        int open() {
            return open.get();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    open.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                int matched = 0;
                int b;
                while ((b = in.read()) >= 0) {
                    matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == 4) {
                        matched = 0;
                        requests.incrementAndGet();
                        out.write(RESPONSE);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the proxy closed the connection: it is no longer held
            } finally {
                open.decrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private Configuration load(String text) throws IOException {
        return WholeProcessTests.load(directory.resolve("dynamic.cfg"), text);
    }
}
