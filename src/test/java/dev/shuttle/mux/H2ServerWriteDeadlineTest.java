package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameWriter;
import dev.shuttle.h2.Setting;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code timeout server} as the write deadline of an HTTP/2 server connection: a server that opens
 * its windows wide and then never reads cannot hold the writer past the deadline; the request
 * body's write fails as a write timeout, and the exchange waiting for the response sees its
 * connection end, as HAProxy 3.5's do (it kills the connection: a 502 {@code SH}, checked live).
 * Real loopback sockets with small buffers; the waits only bound a broken implementation.
 */
class H2ServerWriteDeadlineTest {
    private static final long DEADLINE_MILLIS = 300;

    @Test
    void aServerThatNeverReadsEndsTheUploadAsAWriteTimeoutAndTheConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReceiveBufferSize(4096);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            Socket socket = new Socket();
            socket.setSendBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
            try (Socket server = listener.accept()) {
                H2ServerConnection connection = H2ServerConnection.open(socket,
                        new H2ServerConnection.Settings(16_384, 16_384, 16_384, 4096, 100, "http", 0, DEADLINE_MILLIS));
                H2ServerMux mux = new H2ServerMux(connection);
                try {
                    openWindowsThenStopReading(server);
                    assertFalse(connection.acceptsExtendedConnect(), "the server's SETTINGS are in (without RFC 8441)");
                    ServerStream stream = mux.openStream();
                    RequestHead post = new RequestHead("POST", "/up", HttpVersion.HTTP_1_1, new HeaderList());
                    post.headers().add("host", "h");
                    post.headers().add("content-length", Integer.toString(64 << 20));
                    stream.sendRequestHead(post, ServerStream.Announcement.NOTHING);
                    H2BodySink sink = (H2BodySink) stream.requestBodySink(new HeldBody(new byte[0]), true);
                    CompletableFuture<Throwable> upload = CompletableFuture.supplyAsync(() -> {
                        byte[] chunk = new byte[16_384];
                        try {
                            for (int i = 0; i < 4096; i++) {
                                sink.data().write(chunk);
                                sink.data().flush();
                            }
                            return null;
                        } catch (IOException e) {
                            return e;
                        }
                    }, command -> Thread.ofVirtual().start(command));

                    ResponseArrival arrival = stream.receiveResponse("POST", 60_000);
                    ResponseArrival.Absent absent = assertInstanceOf(ResponseArrival.Absent.class, arrival);
                    assertFalse(absent.timedOut(), "the connection ended, the response wait did not time out");
                    assertInstanceOf(EOFException.class, absent.failure());
                    assertInstanceOf(H2WriteTimeout.class, upload.get(30, TimeUnit.SECONDS),
                            "the blocked write fails as a write timeout");
                    assertTrue(connection.isClosed(), "the connection is aborted");
                } finally {
                    mux.close();
                }
            }
        }
    }

    /** The server's preface SETTINGS with the largest stream window, the connection window raised; nothing read. */
    private static void openWindowsThenStopReading(Socket server) throws IOException {
        ByteBuffer frames = ByteBuffer.allocate(256);
        FrameWriter.settings(frames, List.of(new Frame.SettingValue(Setting.INITIAL_WINDOW_SIZE.id(), Setting.MAX_WINDOW)));
        FrameWriter.windowUpdate(frames, 0, (int) (Setting.MAX_WINDOW - 65_535));
        server.getOutputStream().write(frames.array(), 0, frames.position());
        server.getOutputStream().flush();
    }
}
