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
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health checks of servers added at runtime, through the whole process: a server added with
 * {@code check} is not checked until {@code enable health} (management.txt, "add server"; see {@link
 * dev.shuttle.check.HealthChecks#add}), then is; one added with {@code track} follows the configured
 * server it tracks, and once deleted it follows nothing, which lets the tracked server be deleted in turn.
 */
@Timeout(60)
class DynamicServerChecksTest {
    @TempDir
    Path directory;

    @Test
    void addedServersAreCheckedAndFollowWhatTheyTrack() throws Exception {
        try (ServerSocket alive = listener(); ServerSocket tracked = listener()) {
            Thread.ofVirtual().start(() -> acceptForever(alive));
            Thread.ofVirtual().start(() -> acceptForever(tracked));
            int deadPort = WholeProcessTests.freePort();
            Configuration configuration = load("""
                    defaults
                        mode http
                        timeout connect 500ms
                        timeout client 5s
                        timeout server 5s
                    backend be
                        server s0 127.0.0.1:%d check inter 50ms fall 1 rise 1
                    """.formatted(tracked.getLocalPort()));
            StopRequest stop = new StopRequest();
            ProcessMessages messages = new ProcessMessages((level, text) -> { }, List.of(), new SyslogSender("checks"));
            ShuttleProcess process = new ShuttleProcess(configuration, messages, stop, 0, 2);
            assertTrue(process.start());
            Thread serving = WholeProcessTests.serve(process);
            Backend backend = process.backends().getFirst();
            CliSession cli = new CliSession(CliCommands.standard(process), CliLevel.ADMIN);

            assertEquals("New server registered.\n\n",
                    cli.execute("add server be/dead 127.0.0.1:" + deadPort + " check inter 50ms fall 1 rise 1"));
            assertEquals("New server registered.\n\n",
                    cli.execute("add server be/up 127.0.0.1:" + alive.getLocalPort() + " check inter 50ms fall 1 rise 1"));
            assertEquals("New server registered.\n\n", cli.execute("add server be/follower 127.0.0.1:1 track s0"));
            Server dead = backend.server("dead").orElseThrow();
            Server up = backend.server("up").orElseThrow();
            Server follower = backend.server("follower").orElseThrow();
            Thread.sleep(300); // several intervals: the checks are off until enabled
            assertEquals(OperationalState.UP, dead.status().operational(), "not checked yet");
            assertEquals("\n\n", cli.execute("enable health be/dead; enable health be/up"));
            eventually(() -> dead.status().operational() == OperationalState.DOWN, "the dead server's check failed");
            assertEquals(OperationalState.UP, up.status().operational());
            Thread.sleep(300); // several intervals: the live one stays up
            assertEquals(OperationalState.UP, up.status().operational());
            assertEquals(OperationalState.UP, follower.status().operational());

            tracked.close(); // s0's checks now fail: the follower goes down with it
            Server s0 = backend.server("s0").orElseThrow();
            eventually(() -> s0.status().operational() == OperationalState.DOWN, "s0's check failed");
            eventually(() -> follower.status().operational() == OperationalState.DOWN, "the follower followed s0");

            assertEquals("\n", cli.execute("disable server be/s0"));
            assertEquals("This server cannot be removed at runtime due to other configuration elements pointing to "
                    + "it.\n\n", cli.execute("del server be/s0"));
            assertEquals("\nServer deleted.\n\n", cli.execute("disable server be/follower; del server be/follower"));
            assertEquals("Server deleted.\n\n", cli.execute("del server be/s0"), "tracked by nobody any more");
            assertEquals("\nServer deleted.\n\n", cli.execute("disable server be/dead; del server be/dead"));
            assertEquals(List.of("up"), backend.servers().stream().map(Server::name).toList());
            stop.request(StopRequest.Kind.HARD);
            serving.join(5000);
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never: " + what);
            Thread.sleep(10);
        }
    }

    private static ServerSocket listener() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** Accepts and closes connections: a TCP check passes. */
    private static void acceptForever(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket ignored = listener.accept()) {
                // connected: that is all a TCP check needs
            } catch (IOException e) {
                return;
            }
        }
    }

    private Configuration load(String text) throws IOException {
        return WholeProcessTests.load(directory.resolve("checks.cfg"), text);
    }
}
