package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The check poller against real loopback sockets: each kind of server gives the outcome the
 * blocking connect check gives ({@link TcpConnectProbe#run}), and its timers run in order on its thread.
 */
class CheckPollerTest {
    private final CheckPoller poller = CheckPoller.start();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        poller.close();
        for (AutoCloseable each : opened) {
            each.close();
        }
    }

    private CheckOutcome connect(InetSocketAddress target, long timeoutMillis) throws Exception {
        CompletableFuture<CheckOutcome> outcome = new CompletableFuture<>();
        poller.connect(target, timeoutMillis, false, outcome::complete);
        return outcome.get(30, TimeUnit.SECONDS);
    }

    private InetSocketAddress listening(int backlog) throws IOException {
        ServerSocket listener = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        opened.add(listener);
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
    }

    @Test
    void aListeningServerIsLayer4Ok() throws Exception {
        assertEquals(CheckOutcome.of(CheckStatus.L4OK, ""), connect(listening(50), 5_000));
    }

    @Test
    void aRefusedPortIsALayer4ConnectionProblemWithTheSystemsReasonAsTheBlockingCheckSaysIt() throws Exception {
        InetSocketAddress closed = closedPort();
        CheckOutcome outcome = connect(closed, 5_000);
        assertEquals(CheckStatus.L4CON, outcome.status());
        assertEquals("ECONNREFUSED returned by OS (Connection refused)", outcome.info());
        assertEquals(new TcpConnectProbe().run(closed, new CheckTimeouts(5_000, -1)), outcome);
    }

    @Test
    void aServerWhoseBacklogIsFullIsALayer4Timeout() throws Exception {
        InetSocketAddress full = listening(1);
        fill(full);
        long start = System.nanoTime();
        CheckOutcome outcome = connect(full, 300);
        assertEquals(CheckOutcome.of(CheckStatus.L4TOUT, ""), outcome);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "not before its time limit");
    }

    /** Connects to {@code listener} (which never accepts) until its queue drops the SYNs. */
    private void fill(InetSocketAddress listener) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            opened.add(socket);
            try {
                socket.connect(listener, 200);
            } catch (IOException timedOut) {
                return;
            }
        }
        throw new AssertionError("the listener's queue never filled");
    }

    @Test
    void aConnectionThatOpenedWhileThePollerWasBusyIsNotTimedOut() throws Exception {
        InetSocketAddress server = listening(50);
        CompletableFuture<CheckOutcome> outcome = new CompletableFuture<>();
        poller.schedule(0, () -> {
            poller.connect(server, 50, false, outcome::complete);
            try {
                Thread.sleep(300); // the poller is late: its time limit passes while the connection opens
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(CheckOutcome.of(CheckStatus.L4OK, ""), outcome.get(30, TimeUnit.SECONDS),
                "a late check is late, not failed");
    }

    @Test
    void timersSetFromOtherThreadsRunInOrderOnThePollersThread() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        // set the latest first: each new earlier timer must wake the poller up
        for (String name : List.of("300ms", "200ms", "100ms")) {
            poller.schedule(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(name.replace("ms", ""))), () -> {
                ran.add(name);
                threads.add(Thread.currentThread());
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("100ms", "200ms", "300ms"), ran);
        assertTrue(threads.stream().allMatch(thread -> thread.getName().equals("check poller")), threads.toString());
    }

    @Test
    void aCancelledTimerDoesNotRun() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch after = new CountDownLatch(1);
        poller.schedule(TimeUnit.MILLISECONDS.toNanos(50), () -> ran.add("cancelled")).cancel();
        poller.schedule(TimeUnit.MILLISECONDS.toNanos(100), after::countDown);
        assertTrue(after.await(30, TimeUnit.SECONDS));
        assertEquals(List.of(), ran);
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOthers() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler quiet = (thread, error) -> { };
        poller.schedule(0, () -> {
            Thread.currentThread().setUncaughtExceptionHandler(quiet);
            throw new IllegalStateException("one check's bug");
        });
        poller.schedule(TimeUnit.MILLISECONDS.toNanos(20), after::countDown);
        assertTrue(after.await(30, TimeUnit.SECONDS));
    }

    /**
     * An HTTP/2 server's SETTINGS read in one piece with its response: the check's verdict is
     * there, and the acknowledgement it owes still goes out before the close (a server that waits
     * for it, as vtest's does, saw the connection end without it).
     */
    @Test
    void whatTheConversationOwesGoesOutWithItsVerdict() throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        opened.add(listener);
        CompletableFuture<byte[]> serverReceived = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket socket = listener.accept()) {
                socket.getInputStream().readNBytes(4);              // "ask"
                socket.getOutputStream().write("settings+done".getBytes());
                socket.getOutputStream().flush();
                serverReceived.complete(socket.getInputStream().readAllBytes());
            } catch (IOException e) {
                serverReceived.completeExceptionally(e);
            }
        });
        boolean[] owed = {false};
        CheckPoller.Conversation conversation = new CheckPoller.Conversation() {
            @Override
            public byte[] request() {
                return "ask!".getBytes();
            }

            @Override
            public CheckOutcome judge(byte[] received, int length, boolean closed) {
                String text = new String(received, 0, length);
                owed[0] |= text.startsWith("settings");
                return text.endsWith("done") ? CheckOutcome.of(CheckStatus.L7OK, "") : null;
            }

            @Override
            public byte[] reply() {
                if (!owed[0]) {
                    return null;
                }
                owed[0] = false;
                return "ack".getBytes();
            }

            @Override
            public CheckOutcome timedOut() {
                return CheckOutcome.of(CheckStatus.L7TOUT, "");
            }

            @Override
            public int maxReply() {
                return 1024;
            }
        };
        CompletableFuture<CheckOutcome> outcome = new CompletableFuture<>();
        poller.talk(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                new CheckTimeouts(5_000, -1), conversation, outcome::complete);
        assertEquals(CheckOutcome.of(CheckStatus.L7OK, ""), outcome.get(30, TimeUnit.SECONDS));
        assertEquals("ack", new String(serverReceived.get(30, TimeUnit.SECONDS)));
    }
}
