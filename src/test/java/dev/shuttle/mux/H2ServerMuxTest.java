package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.ConnectionPreface;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameReader;
import dev.shuttle.h2.FrameWriter;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.h2.Setting;
import dev.shuttle.hpack.BlockBuffer;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.hpack.HpackDecoder;
import dev.shuttle.hpack.HpackEncoder;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 server connection against a scripted server peer on a loopback socket: the preface and
 * SETTINGS, requests as HEADERS and DATA, responses (interim, final, trailers), resets, GOAWAY, PING,
 * flow control both ways, and a connection that stays reusable stream after stream (seed 004).
 */
class H2ServerMuxTest {
    private static final long WAIT = 5_000;

    private ServerSocket listener;
    private H2ServerPeer peer;
    private H2ServerMux mux;

    @BeforeEach
    void connect() throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        peer = new H2ServerPeer(listener.accept());
        mux = new H2ServerMux(H2ServerConnection.open(client,
                new H2ServerConnection.Settings(16_384, 16_384, 16_384, 4096, 100, "http")));
        peer.handshake(List.of(new Frame.SettingValue(Setting.MAX_CONCURRENT_STREAMS.id(), 10)));
    }

    @AfterEach
    void close() throws IOException {
        mux.close();
        peer.socket.close();
        listener.close();
    }

    private static RequestHead get(String target, String... headers) {
        HeaderList list = new HeaderList();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(headers[i], headers[i + 1]);
        }
        return new RequestHead("GET", target, HttpVersion.HTTP_1_1, list);
    }

    @Test
    void prefaceAndSettingsGoFirstThenARequestEndsWithItsHeaders() throws Exception {
        Map<Integer, Long> announced = peer.clientSettings;
        assertEquals(0L, announced.get(Setting.ENABLE_PUSH.id()), "push off");
        assertEquals(100L, announced.get(Setting.MAX_CONCURRENT_STREAMS.id()));
        assertEquals(16_384L, announced.get(Setting.INITIAL_WINDOW_SIZE.id()));

        ServerStream stream = mux.openStream();
        stream.sendRequestHead(get("/a?b=1", "Host", "example.org", "Connection", "keep-alive", "TE", "trailers, gzip",
                "X-Custom", "v"), ServerStream.Announcement.NOTHING);
        stream.flush();
        Frame.Headers headers = peer.next(Frame.Headers.class);
        assertEquals(1, headers.streamId());
        assertTrue(headers.endStream(), "no body: the HEADERS end the stream");
        // RFC 9113 §8.3.1: no :authority for an origin-form target; host stays (as HAProxy 3.5).
        assertEquals(List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "http"),
                new HeaderField(":path", "/a?b=1"), new HeaderField("host", "example.org"),
                new HeaderField("te", "trailers"), new HeaderField("x-custom", "v")), peer.decode(headers));

        peer.respond(1, List.of(new HeaderField(":status", "200"), new HeaderField("content-length", "5")), false);
        peer.data(1, "hello".getBytes(), true);
        ResponseArrival.Received received = assertInstanceOf(ResponseArrival.Received.class,
                stream.receiveResponse("GET", WAIT));
        assertEquals(200, received.response().head().status());
        assertEquals(HttpVersion.HTTP_2, received.response().head().version());
        ClientStream.BufferedBody body = received.response().body().buffer(WAIT, 0);
        assertTrue(body.complete());
        assertArrayEquals("hello".getBytes(), body.bytes());
        assertEquals(2, stream.view().httpMajor());
        assertEquals(1, stream.view().streamId().getAsLong());
        assertEquals(10, stream.view().streamsLimit(), "the server's SETTINGS_MAX_CONCURRENT_STREAMS");
    }

    @Test
    void interimResponsesComeFirstAndTrailersEndTheBody() throws Exception {
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING);
        peer.next(Frame.Headers.class);
        peer.respond(1, List.of(new HeaderField(":status", "103"), new HeaderField("link", "</a>")), false);
        peer.respond(1, List.of(new HeaderField(":status", "200"), new HeaderField("content-length", "2")), false);
        peer.data(1, "ok".getBytes(), false);
        peer.respond(1, List.of(new HeaderField("x-checksum", "1")), true);
        ResponseArrival.Received interim = assertInstanceOf(ResponseArrival.Received.class,
                stream.receiveResponse("GET", WAIT));
        assertEquals(103, interim.response().head().status());
        ResponseArrival.Received last = assertInstanceOf(ResponseArrival.Received.class,
                stream.receiveResponse("GET", WAIT));
        assertEquals(200, last.response().head().status());
        H2BodySource body = (H2BodySource) last.response().body();
        assertArrayEquals("ok".getBytes(), body.buffer(WAIT, 0).bytes());
    }

    @Test
    void aRequestBodyGoesAsDataWithinTheServersWindow() throws Exception {
        peer.send(buffer -> FrameWriter.settings(buffer, List.of(new Frame.SettingValue(Setting.INITIAL_WINDOW_SIZE.id(), 4))));
        peer.next(Frame.Settings.class); // our acknowledgement
        ServerStream stream = mux.openStream();
        RequestHead post = new RequestHead("POST", "/up", HttpVersion.HTTP_1_1, new HeaderList());
        post.headers().add("host", "h");
        post.headers().add("content-length", "10");
        stream.sendRequestHead(post, ServerStream.Announcement.NOTHING);
        assertFalse(peer.next(Frame.Headers.class).endStream(), "a body follows");
        H2BodySink sink = (H2BodySink) stream.requestBodySink(new HeldBody("0123456789".getBytes()), true);
        Thread upload = Thread.ofVirtual().start(() -> {
            try {
                sink.data().write("0123456789".getBytes());
                sink.data().finish();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Frame.Data first = peer.next(Frame.Data.class);
        assertEquals(4, first.data().length, "the stream's window of 4 octets");
        peer.send(buffer -> FrameWriter.windowUpdate(buffer, 1, 100));
        Frame.Data second = peer.next(Frame.Data.class);
        upload.join(WAIT);
        assertEquals("456789", new String(second.data()));
        assertTrue(second.endStream());
    }

    @Test
    void aLongResponseBodyIsCreditedBackWithWindowUpdates() throws Exception {
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(get("/big", "host", "h"), ServerStream.Announcement.NOTHING);
        peer.next(Frame.Headers.class);
        int size = 40_000;
        peer.respond(1, List.of(new HeaderField(":status", "200"), new HeaderField("content-length",
                Integer.toString(size))), false);
        ResponseArrival.Received received = assertInstanceOf(ResponseArrival.Received.class,
                stream.receiveResponse("GET", WAIT));
        H2BodySource body = (H2BodySource) received.response().body();
        byte[] chunk = new byte[10_000];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                H2Output sinkOutput = new H2Output(OutputStream.nullOutputStream());
                sinkOutput.openStream(1);
                body.forwardTo(new H2BodySink(new H2DataOutputStream(sinkOutput, 1, 16_384, false, 0)), WAIT);
            } catch (BodyTransferException e) {
                throw new IllegalStateException(e);
            }
        });
        int sent = 0;
        int credited = 0;
        while (sent < size) {
            peer.data(1, chunk, sent + chunk.length == size);
            sent += chunk.length;
            if (sent < size) {
                // 16384 announced: past half of it, the stream's window comes back.
                Frame.WindowUpdate update = peer.next(Frame.WindowUpdate.class);
                credited += update.streamId() == 1 ? update.increment() : 0;
            }
        }
        reader.join(WAIT);
        assertTrue(credited > 0, "the stream's window was credited back");
    }

    @Test
    void refusedStreamsAndOtherResetsAreTold() throws Exception {
        ServerStream first = mux.openStream();
        first.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING);
        peer.next(Frame.Headers.class);
        peer.send(buffer -> FrameWriter.rstStream(buffer, 1, H2ErrorCode.REFUSED_STREAM));
        ResponseArrival.Absent refused = assertInstanceOf(ResponseArrival.Absent.class,
                first.receiveResponse("GET", WAIT));
        assertInstanceOf(StreamRefused.class, refused.failure(), "retryable: the server did nothing with it");
        assertEquals(7, first.view().resetCode().getAsLong());
        mux.streamEnded(first);

        ServerStream second = mux.openStream();
        second.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING);
        assertEquals(3, peer.next(Frame.Headers.class).streamId());
        peer.send(buffer -> FrameWriter.rstStream(buffer, 3, H2ErrorCode.INTERNAL_ERROR));
        ResponseArrival.Absent reset = assertInstanceOf(ResponseArrival.Absent.class,
                second.receiveResponse("GET", WAIT));
        assertInstanceOf(H2StreamReset.class, reset.failure());
        assertEquals(2, second.view().resetCode().getAsLong());
        assertTrue(mux.looksReusable(0), "a reset stream leaves the connection usable");
    }

    @Test
    void aGoAwayRefusesTheStreamsAboveItsLastAndEndsReuse() throws Exception {
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING);
        peer.next(Frame.Headers.class);
        peer.send(buffer -> FrameWriter.goAway(buffer, 0, H2ErrorCode.NO_ERROR, new byte[0]));
        ResponseArrival.Absent gone = assertInstanceOf(ResponseArrival.Absent.class, stream.receiveResponse("GET", WAIT));
        assertInstanceOf(StreamRefused.class, gone.failure());
        assertTrue(mux.isClosed(), "told to go away: no reuse");
        assertFalse(mux.looksReusable(0));
        mux.streamEnded(stream);
        ServerStream none = mux.openStream();
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> none.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING));
        assertInstanceOf(StreamRefused.class, refused);
    }

    @Test
    void anUpgradeIsRefusedBeforeAnythingIsSentAndTheConnectionStays() throws Exception {
        ServerStream upgrade = mux.openStream();
        assertThrows(UpgradeRefused.class, () -> upgrade.sendRequestHead(
                get("/ws", "host", "h", "connection", "upgrade", "upgrade", "websocket"),
                ServerStream.Announcement.NOTHING));
        mux.streamEnded(upgrade);
        ServerStream next = mux.openStream();
        next.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING);
        assertEquals(1, peer.next(Frame.Headers.class).streamId(), "the refused one took no identifier");
        assertTrue(mux.looksReusable(0));
    }

    @Test
    void streamsOpenInTheOrderTheirHeadersLeave() throws Exception {
        // RFC 9113 §5.1.1: the exchange that sends first gets the lower identifier, whatever the
        // order in which the exchanges took their slots.
        ServerStream first = mux.openStream();
        ServerStream second = mux.openStream();
        second.sendRequestHead(get("/second", "host", "h"), ServerStream.Announcement.NOTHING);
        first.sendRequestHead(get("/first", "host", "h"), ServerStream.Announcement.NOTHING);
        assertEquals(1, peer.next(Frame.Headers.class).streamId());
        assertEquals(3, peer.next(Frame.Headers.class).streamId());
        assertEquals(OptionalLong.of(1), second.view().streamId());
        assertEquals(OptionalLong.of(3), first.view().streamId());
        assertEquals(2, first.view().openStreams());
    }

    @Test
    void slotsTakenWithoutSendingCountAgainstTheLimit() throws Exception {
        peer.send(buffer -> FrameWriter.settings(buffer,
                List.of(new Frame.SettingValue(Setting.MAX_CONCURRENT_STREAMS.id(), 2))));
        peer.next(Frame.Settings.class); // its acknowledgement: the limit applies
        ServerStream one = mux.openStream();
        ServerStream two = mux.openStream();
        assertEquals(2, mux.streamCapacity());
        assertFalse(mux.looksReusable(0), "two slots taken, none sent");
        mux.streamEnded(one);
        assertTrue(mux.looksReusable(0), "an abandoned slot is free again");
        mux.streamEnded(two);
    }

    @Test
    void pingsAreAnswered() throws Exception {
        peer.send(buffer -> FrameWriter.ping(buffer, false, 0x1234L));
        Frame.Ping ack = peer.next(Frame.Ping.class);
        assertTrue(ack.ack());
        assertEquals(0x1234L, ack.opaqueData());
    }

    @Test
    void theConnectionStaysReusableStreamAfterStream() throws Exception {
        // Seed 004: at one stream at a time, every stream's end leaves the connection alive.
        for (int i = 0; i < 5; i++) {
            ServerStream stream = mux.openStream();
            stream.sendRequestHead(get("/" + i, "host", "h"), ServerStream.Announcement.NOTHING);
            int id = peer.next(Frame.Headers.class).streamId();
            assertEquals(1 + 2 * i, id);
            peer.respond(id, List.of(new HeaderField(":status", "204")), true);
            assertInstanceOf(ResponseArrival.Received.class, stream.receiveResponse("GET", WAIT));
            mux.streamEnded(stream);
            assertTrue(mux.looksReusable(0), "alive after stream " + id);
            assertEquals(0, stream.view().openStreams(), "the stream left the connection");
        }
    }

    @Test
    void anExchangeThatEndsEarlyResetsItsStream() throws Exception {
        ServerStream stream = mux.openStream();
        stream.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING);
        peer.next(Frame.Headers.class);
        mux.streamEnded(stream);
        Frame.RstStream reset = peer.next(Frame.RstStream.class);
        assertEquals(H2ErrorCode.CANCEL.code(), reset.errorCode());
    }

    @Test
    void glitchesPastTheThresholdEndTheConnection() throws Exception {
        // tune.h2.be.glitches-threshold 4: a second connection, whose server keeps sending DATA on a
        // stream Shuttle reset.
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        H2ServerPeer server = new H2ServerPeer(listener.accept());
        H2ServerMux glitchy = new H2ServerMux(H2ServerConnection.open(client,
                new H2ServerConnection.Settings(16_384, 16_384, 16_384, 4096, 100, "http", 4, 0)));
        try {
            server.handshake(List.of());
            ServerStream stream = glitchy.openStream();
            stream.sendRequestHead(get("/", "host", "h"), ServerStream.Announcement.NOTHING);
            server.next(Frame.Headers.class);
            glitchy.streamEnded(stream);
            server.next(Frame.RstStream.class);
            for (int i = 1; i <= 3; i++) {
                server.data(1, new byte[10], false);
            }
            server.send(buffer -> FrameWriter.ping(buffer, false, 1));
            server.next(Frame.Ping.class); // the three DATA frames were read before the PING
            assertEquals(3, stream.view().glitches());
            assertTrue(glitchy.isClosed(), "at three quarters of the threshold: no new stream");
            server.data(1, new byte[10], false);
            Frame.GoAway goAway = server.next(Frame.GoAway.class);
            assertEquals(H2ErrorCode.ENHANCE_YOUR_CALM.code(), goAway.errorCode());
        } finally {
            glitchy.close();
            server.socket.close();
        }
    }
}
