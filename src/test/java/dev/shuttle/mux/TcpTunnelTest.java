package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.mux.TcpTunnel.Ending;
import dev.shuttle.mux.TcpTunnel.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TCP pass-through over real loopback sockets: a test client, the tunnel's two sockets, and a
 * test server. The tunnel runs on its own virtual thread.
 */
@Timeout(10)
class TcpTunnelTest {
    private static final long LONG = 10_000;

    private Socket client;
    private Socket tunnelClientSide;
    private Socket tunnelServerSide;
    private Socket server;

    @BeforeEach
    void connect() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket front = new ServerSocket(0, 1, loopback); ServerSocket back = new ServerSocket(0, 1, loopback)) {
            client = new Socket(loopback, front.getLocalPort());
            tunnelClientSide = front.accept();
            tunnelServerSide = new Socket(loopback, back.getLocalPort());
            server = back.accept();
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : new Socket[] {client, tunnelClientSide, tunnelServerSide, server}) {
            socket.close();
        }
    }

    private CompletableFuture<Result> start(TcpTunnel.Timeouts timeouts) throws IOException {
        CompletableFuture<Result> result = new CompletableFuture<>();
        TcpTunnel tunnel = new TcpTunnel(end(tunnelClientSide), end(tunnelServerSide), timeouts);
        Thread.ofVirtual().name("tunnel-under-test").start(() -> {
            try {
                result.complete(tunnel.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** A side of the tunnel with nothing read ahead, as in TCP mode. */
    private static TunnelEnd end(Socket socket) throws IOException {
        return TunnelEnd.of(socket, null);
    }

    private static Result await(CompletableFuture<Result> result)
            throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(5, TimeUnit.SECONDS);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code bytes} on a virtual thread, then shuts the output down. */
    private static Thread sendAndShutdown(Socket socket, byte[] bytes) {
        return Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void bytesCrossBothWaysAtOnceAndAreCounted() throws Exception {
        byte[] up = randomBytes(1_000_000, 1);
        byte[] down = randomBytes(300_000, 2);
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(LONG, LONG, 0, 0));
        Thread clientWriter = sendAndShutdown(client, up);
        Thread serverWriter = sendAndShutdown(server, down);
        CompletableFuture<byte[]> serverRead = CompletableFuture.supplyAsync(() -> readAll(server));
        byte[] clientRead = client.getInputStream().readAllBytes();
        assertArrayEquals(up, serverRead.get(5, TimeUnit.SECONDS));
        assertArrayEquals(down, clientRead);
        clientWriter.join();
        serverWriter.join();
        assertEquals(new Result(up.length, down.length, Ending.CLOSED), await(result));
        assertTrue(tunnelClientSide.isClosed() && tunnelServerSide.isClosed(), "both sockets closed at the end");
    }

    private static byte[] readAll(Socket socket) {
        try {
            return socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void halfCloseIsPassedOnAndTheOtherDirectionKeepsFlowing() throws Exception {
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(LONG, LONG, 0, 0));
        client.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
        client.shutdownOutput();
        InputStream fromClient = server.getInputStream();
        assertArrayEquals("request".getBytes(StandardCharsets.US_ASCII), fromClient.readNBytes(7));
        assertEquals(-1, fromClient.read(), "the server sees the client's FIN");
        assertTrue(!result.isDone(), "one direction is still open");
        server.getOutputStream().write("late answer".getBytes(StandardCharsets.US_ASCII));
        InputStream toClient = client.getInputStream();
        assertArrayEquals("late answer".getBytes(StandardCharsets.US_ASCII), toClient.readNBytes(11));
        server.close();
        assertEquals(-1, toClient.read());
        assertEquals(new Result(7, 11, Ending.CLOSED), await(result));
    }

    @Test
    void silentClientTimesOutAndTheServerGetsAFin() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(100, LONG, 0, 0));
        assertEquals(-1, server.getInputStream().read(), "the client's timeout reaches the server as a FIN");
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(100));
        server.shutdownOutput(); // the server ends its direction in turn
        assertEquals(new Result(0, 0, Ending.CLIENT_TIMEOUT, false, Ending.CLOSED), await(result));
        assertEquals(-1, client.getInputStream().read(), "the client's connection is closed too");
    }

    @Test
    void silentServerTimesOutAndTheClientGetsAFin() throws Exception {
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(LONG, 100, 0, 0));
        assertEquals(-1, client.getInputStream().read(), "the server's timeout reaches the client as a FIN");
        client.shutdownOutput();
        assertEquals(new Result(0, 0, Ending.SERVER_TIMEOUT, false, Ending.CLOSED), await(result));
    }

    @Test
    void theOtherDirectionMayTimeOutInTurnAfterAFin() throws Exception {
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(100, 300, 0, 0));
        assertEquals(-1, server.getInputStream().read(), "the client's timeout reaches the server as a FIN");
        assertEquals(new Result(0, 0, Ending.CLIENT_TIMEOUT, false, Ending.SERVER_TIMEOUT), await(result),
                "the silent server then times out too");
    }

    @Test
    void bothDirectionsOutOfTimeTogetherEndAsTheClientsTimeout() throws Exception {
        // timeout tunnel: one time for both directions, which share their activity.
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(100, 100, 0, 0));
        assertEquals(new Result(0, 0, Ending.CLIENT_TIMEOUT, true, null), await(result));
    }

    @Test
    void aOneWayTransferLongerThanTheClientTimeoutIsNotCut() throws Exception {
        // The client never sends; the server sends for 3 client timeouts. Traffic either way is activity.
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(200, LONG, 0, 0));
        int chunks = 24;
        Thread serverWriter = Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = server.getOutputStream();
                for (int i = 0; i < chunks; i++) {
                    out.write(new byte[1000]);
                    out.flush();
                    Thread.sleep(25); // paces the transfer: this is the traffic under test, not a wait
                }
                server.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        long started = System.nanoTime();
        byte[] received = client.getInputStream().readAllBytes();
        client.shutdownOutput();
        assertTrue(System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(400), "the transfer outlasted the timeout");
        assertEquals(chunks * 1000, received.length);
        serverWriter.join();
        assertEquals(new Result(0, chunks * 1000, Ending.CLOSED), await(result));
    }

    @Test
    void serverResetAbortsTheTunnel() throws Exception {
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(LONG, LONG, 0, 0));
        client.getOutputStream().write(new byte[10]);
        assertEquals(10, server.getInputStream().readNBytes(10).length);
        server.setSoLinger(true, 0);
        server.close(); // RST instead of FIN
        Result ended = await(result);
        assertEquals(Ending.SERVER_ABORT, ended.ending());
        assertEquals(10, ended.bytesFromClient());
        assertEquals(-1, readOrEof(client), "the client's connection is closed by the abort");
    }

    @Test
    void clientResetAbortsTheTunnel() throws Exception {
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(LONG, LONG, 0, 0));
        client.setSoLinger(true, 0);
        client.close();
        assertEquals(Ending.CLIENT_ABORT, await(result).ending());
    }

    private static int readOrEof(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    @Test
    void serverFinTimeoutAppliesOnceTheClientHasHalfClosed() throws Exception {
        CompletableFuture<Result> result = start(new TcpTunnel.Timeouts(LONG, LONG, 0, 100));
        Thread.sleep(50); // no hook tells when the tunnel's reads are blocked; in real use they are by then
        client.shutdownOutput();
        assertEquals(-1, server.getInputStream().read());
        assertEquals(Ending.SERVER_TIMEOUT, result.get(2, TimeUnit.SECONDS).ending());
    }
}
