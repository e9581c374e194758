package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.Frame;
import dev.shuttle.h2.Setting;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tunnels over an HTTP/2 server stream against a scripted server: a WebSocket upgrade as an RFC
 * 8441 extended CONNECT (only once the server announced SETTINGS_ENABLE_CONNECT_PROTOCOL), its 200
 * as a 101, a CONNECT (RFC 9113 §8.5), DATA both ways with the stream's window credited as the
 * tunnel reads, and the connection's other streams served meanwhile.
 */
class H2ServerTunnelTest {
    private static final long WAIT = 5_000;

    private ServerSocket listener;
    private H2ServerPeer peer;
    private H2ServerMux mux;

    private void connect(long extendedConnect) throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        peer = new H2ServerPeer(listener.accept());
        mux = new H2ServerMux(H2ServerConnection.open(client,
                new H2ServerConnection.Settings(16_384, 16_384, 16_384, 4096, 100, "http", 0, WAIT)));
        peer.handshake(List.of(new Frame.SettingValue(Setting.ENABLE_CONNECT_PROTOCOL.id(), extendedConnect)));
    }

    @AfterEach
    void close() throws IOException {
        mux.close();
        peer.socket.close();
        listener.close();
    }

    private static RequestHead upgrade(String target) {
        HeaderList headers = new HeaderList();
        headers.add("Host", "example.com");
        headers.add("Connection", "Upgrade");
        headers.add("Upgrade", "websocket");
        headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.add("Sec-WebSocket-Version", "13");
        return new RequestHead("GET", target, HttpVersion.HTTP_1_1, headers);
    }

    @Test
    void aWebSocketUpgradeIsAnExtendedConnectAndItsTwoHundredASwitch() throws Exception {
        connect(1);
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(upgrade("/chat"), ServerStream.Announcement.NOTHING);
        stream.flush();
        Frame.Headers headers = peer.next(Frame.Headers.class);
        assertFalse(headers.endStream(), "the stream stays open for the tunnel");
        assertEquals(List.of(new HeaderField(":method", "CONNECT"), new HeaderField(":scheme", "http"),
                new HeaderField(":authority", "example.com"), new HeaderField(":path", "/chat"),
                new HeaderField(":protocol", "websocket"),
                new HeaderField("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
                new HeaderField("sec-websocket-version", "13")), peer.decode(headers));

        peer.respond(1, List.of(new HeaderField(":status", "200")), false);
        ResponseArrival.Received received = assertInstanceOf(ResponseArrival.Received.class,
                stream.receiveResponse("GET", WAIT));
        assertTrue(received.response().tunnel());
        assertEquals(101, received.response().head().status());
        assertEquals("upgrade", received.response().head().headers().first("connection"));
        assertEquals("websocket", received.response().head().headers().first("upgrade"));

        TunnelSide side = stream.tunnelEnd().side();
        side.write("ping".getBytes(), 0, 4);
        Frame.Data data = peer.next(Frame.Data.class);
        assertArrayEquals("ping".getBytes(), data.data());
        assertFalse(data.endStream());

        // Another exchange takes a stream of the same connection while the tunnel is open.
        ServerStream other = mux.openStream();
        other.sendRequestHead(new RequestHead("GET", "/other", HttpVersion.HTTP_1_1, new HeaderList()),
                ServerStream.Announcement.NOTHING);
        assertEquals(3, peer.next(Frame.Headers.class).streamId());
        peer.respond(3, List.of(new HeaderField(":status", "204")), true);
        assertEquals(204, assertInstanceOf(ResponseArrival.Received.class, other.receiveResponse("GET", WAIT))
                .response().head().status());
        mux.streamEnded(other);

        peer.data(1, "pong".getBytes(), false);
        byte[] buffer = new byte[16];
        int count = side.read(buffer, WAIT);
        assertEquals("pong", new String(buffer, 0, count));

        side.shutdownOutput();
        assertTrue(peer.next(Frame.Data.class).endStream(), "the end of the client's side is END_STREAM");
        peer.data(1, new byte[0], true);
        assertEquals(-1, side.read(buffer, WAIT));
        mux.streamEnded(stream);
        assertFalse(mux.isClosed(), "the connection serves other streams after the tunnel");
    }

    @Test
    void theTunnelsWindowIsCreditedAsItReadsSoTheServerCanSendMoreThanAWindow() throws Exception {
        connect(1);
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(upgrade("/bulk"), ServerStream.Announcement.NOTHING);
        peer.next(Frame.Headers.class);
        peer.respond(1, List.of(new HeaderField(":status", "200")), false);
        stream.receiveResponse("GET", WAIT);
        TunnelSide side = stream.tunnelEnd().side();
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'x');
        int sent = 0;
        int read = 0;
        byte[] buffer = new byte[chunk.length];
        // More than the stream's first window (65,535 at least, §6.9.2), each piece read before the
        // next is sent: only the credits of the reads let it through.
        while (sent < 6 * 16_384) {
            peer.data(1, chunk, false);
            sent += chunk.length;
            while (read < sent) {
                read += side.read(buffer, WAIT);
            }
        }
        assertEquals(sent, read, "past the stream's window: the reads credited it (else a FLOW_CONTROL_ERROR reset)");
        while (peer.next(Frame.WindowUpdate.class).streamId() != 1) {
            // the connection's credits come too
        }
    }

    @Test
    void aStatusOtherThanTwoHundredToAnExtendedConnectIsAPlainResponse() throws Exception {
        connect(1);
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(upgrade("/chat"), ServerStream.Announcement.NOTHING);
        peer.next(Frame.Headers.class);
        peer.respond(1, List.of(new HeaderField(":status", "403"), new HeaderField("content-length", "2")), false);
        peer.data(1, "no".getBytes(), true);
        ResponseArrival.Received received = assertInstanceOf(ResponseArrival.Received.class,
                stream.receiveResponse("GET", WAIT));
        assertFalse(received.response().tunnel());
        assertEquals(403, received.response().head().status());
        assertArrayEquals("no".getBytes(), received.response().body().buffer(WAIT, 0).bytes());
        mux.streamEnded(stream);
    }

    @Test
    void aServerWithoutExtendedConnectRefusesTheUpgradeBeforeAnythingIsSent() throws Exception {
        connect(0);
        ServerStream stream = mux.openStream();
        assertThrows(UpgradeRefused.class,
                () -> stream.sendRequestHead(upgrade("/chat"), ServerStream.Announcement.NOTHING));
        mux.streamEnded(stream);
        assertTrue(mux.looksReusable(0), "the slot came back, nothing was sent");
    }

    @Test
    void anUpgradeWithABodyIsRefused() throws Exception {
        connect(1);
        RequestHead head = upgrade("/chat");
        head.headers().add("content-length", "3");
        ServerStream stream = mux.openStream();
        assertThrows(UpgradeRefused.class, () -> stream.sendRequestHead(head, ServerStream.Announcement.NOTHING));
        mux.streamEnded(stream);
    }

    @Test
    void aConnectIsMethodAndAuthorityOnAnOpenStream() throws Exception {
        connect(0);
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(new RequestHead("CONNECT", "backend.example:8443", HttpVersion.HTTP_1_1,
                new HeaderList()), ServerStream.Announcement.NOTHING);
        stream.flush();
        Frame.Headers headers = peer.next(Frame.Headers.class);
        assertFalse(headers.endStream());
        assertEquals(List.of(new HeaderField(":method", "CONNECT"), new HeaderField(":authority", "backend.example:8443")),
                peer.decode(headers));
        peer.respond(1, List.of(new HeaderField(":status", "200")), false);
        ResponseArrival.Received received = assertInstanceOf(ResponseArrival.Received.class,
                stream.receiveResponse("CONNECT", WAIT));
        assertTrue(received.response().tunnel());
        assertFalse(received.response().head().headers().contains("transfer-encoding"), "a tunnel's 2xx has no body");
        TunnelSide side = stream.tunnelEnd().side();
        side.write("hello".getBytes(), 0, 5);
        assertArrayEquals("hello".getBytes(), peer.next(Frame.Data.class).data());
    }
}
