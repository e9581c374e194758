package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.h2.ConnectionPreface;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameHeader;
import dev.shuttle.h2.FrameParser;
import dev.shuttle.h2.FrameWriter;
import dev.shuttle.h2.H2ErrorCode;
import dev.shuttle.hpack.BlockBuffer;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.hpack.HpackDecoder;
import dev.shuttle.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HTTP check over HTTP/2: the frames it sends, and the server's frames judged one byte at a time. */
class H2CheckExchangeTest {
    private static final byte[] REQUEST = ("GET /health HTTP/1.1\r\nhost: example.org\r\nx-haproxy-server-state: UP\r\n"
            + "connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private final HpackEncoder encoder = new HpackEncoder(4096);
    private final ByteArrayOutputStream server = new ByteArrayOutputStream();

    private void frame(int size, java.util.function.Consumer<ByteBuffer> writer) {
        ByteBuffer out = ByteBuffer.allocate(size);
        writer.accept(out);
        server.write(out.array(), 0, out.position());
    }

    private void headers(boolean endStream, String... nameValues) {
        List<HeaderField> fields = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.add(new HeaderField(nameValues[i], nameValues[i + 1]));
        }
        BlockBuffer block = new BlockBuffer(64);
        encoder.encode(fields, block);
        frame(FrameWriter.headersSize(block.length(), 16384),
                out -> FrameWriter.headers(out, 1, block.array(), 0, block.length(), endStream, 16384));
    }

    private void settings() {
        frame(FrameHeader.SIZE + 6, out -> FrameWriter.settings(out, List.of(new Frame.SettingValue(0x3, 100))));
    }

    private void data(String text, boolean endStream) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        frame(FrameHeader.SIZE + bytes.length, out -> FrameWriter.data(out, 1, bytes, 0, bytes.length, endStream));
    }

    /** Feeds the server's bytes one at a time; returns the first judgement that is not incomplete. */
    private static HttpCheckResponse.Parse feedByteByByte(H2CheckExchange exchange, byte[] bytes, ByteArrayOutputStream replies) {
        for (int length = 1; length <= bytes.length; length++) {
            HttpCheckResponse.Parse parse = exchange.judge(bytes, length, false);
            byte[] owed = exchange.replies();
            if (owed != null) {
                replies.writeBytes(owed);
            }
            if (!(parse instanceof HttpCheckResponse.Parse.Incomplete)) {
                assertEquals(bytes.length, length, "judged before the last byte");
                return parse;
            }
        }
        return exchange.judge(bytes, bytes.length, true);
    }

    @Test
    void theOpeningIsThePrefaceSettingsAndTheRequestWithoutConnectionFields() throws Exception {
        byte[] opening = new H2CheckExchange(REQUEST).opening();
        assertArrayEquals(ConnectionPreface.octets(), Arrays.copyOf(opening, ConnectionPreface.LENGTH));
        ByteBuffer in = ByteBuffer.wrap(opening, ConnectionPreface.LENGTH, opening.length - ConnectionPreface.LENGTH);
        List<Frame> frames = new ArrayList<>();
        while (in.remaining() > 0) {
            FrameHeader header = FrameHeader.read(in);
            byte[] payload = new byte[header.length()];
            in.get(payload);
            frames.add(FrameParser.parse(header, payload));
        }
        assertEquals(2, frames.size());
        Frame.Settings settings = assertInstanceOf(Frame.Settings.class, frames.get(0));
        assertFalse(settings.ack());
        Frame.Headers headers = assertInstanceOf(Frame.Headers.class, frames.get(1));
        assertEquals(1, headers.streamId());
        assertTrue(headers.endStream(), "a request without a body ends with its HEADERS");
        List<HeaderField> fields = new HpackDecoder(4096, 65536).decode(headers.blockFragment()).fields();
        assertEquals(List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "https"),
                new HeaderField(":path", "/health"), new HeaderField("host", "example.org"),
                new HeaderField("x-haproxy-server-state", "UP")), fields);
    }

    @Test
    void aBodyGoesOutAsDataEndingTheStream() throws Exception {
        byte[] post = "POST /x HTTP/1.0\r\ncontent-length: 5\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1);
        byte[] opening = new H2CheckExchange(post).opening();
        ByteBuffer in = ByteBuffer.wrap(opening, ConnectionPreface.LENGTH, opening.length - ConnectionPreface.LENGTH);
        Frame last = null;
        while (in.remaining() > 0) {
            FrameHeader header = FrameHeader.read(in);
            byte[] payload = new byte[header.length()];
            in.get(payload);
            last = FrameParser.parse(header, payload);
        }
        Frame.Data data = assertInstanceOf(Frame.Data.class, last);
        assertEquals("hello", new String(data.data(), StandardCharsets.ISO_8859_1));
        assertTrue(data.endStream());
    }

    @Test
    void aResponseFedOneByteAtATimeIsJudgedAtItsLastByteAndSettingsAndPingAreAcknowledged() {
        settings();
        frame(FrameHeader.SIZE + 8, out -> FrameWriter.ping(out, false, 42));
        frame(FrameHeader.SIZE + 4, out -> FrameWriter.windowUpdate(out, 0, 1000));
        headers(false, ":status", "100");
        headers(false, ":status", "200", "content-type", "text/plain");
        data("he", false);
        data("llo", true);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        HttpCheckResponse.Parse parse = feedByteByByte(new H2CheckExchange(REQUEST), server.toByteArray(), replies);
        HttpCheckResponse response = assertInstanceOf(HttpCheckResponse.Parse.Parsed.class, parse).response();
        assertEquals(200, response.status());
        assertEquals("", response.reason());
        assertEquals("hello", response.bodyText());
        assertEquals("content-type", response.headers().get(0)[0]);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteBuffer acks = ByteBuffer.allocate(64);
        FrameWriter.settingsAck(acks);
        FrameWriter.ping(acks, true, 42);
        expected.write(acks.array(), 0, acks.position());
        assertArrayEquals(expected.toByteArray(), replies.toByteArray());
    }

    @Test
    void headersEndingTheStreamAreAWholeResponse() {
        settings();
        headers(true, ":status", "503");
        HttpCheckResponse.Parse parse = feedByteByByte(new H2CheckExchange(REQUEST), server.toByteArray(),
                new ByteArrayOutputStream());
        assertEquals(503, assertInstanceOf(HttpCheckResponse.Parse.Parsed.class, parse).response().status());
    }

    @Test
    void trailersEndTheResponse() {
        settings();
        headers(false, ":status", "200");
        data("ok", false);
        headers(true, "x-trailer", "yes");
        HttpCheckResponse.Parse parse = feedByteByByte(new H2CheckExchange(REQUEST), server.toByteArray(),
                new ByteArrayOutputStream());
        assertEquals("ok", assertInstanceOf(HttpCheckResponse.Parse.Parsed.class, parse).response().bodyText());
    }

    @Test
    void aResetStreamIsNoResponse() {
        settings();
        frame(FrameHeader.SIZE + 4, out -> FrameWriter.rstStream(out, 1, H2ErrorCode.REFUSED_STREAM));
        assertInstanceOf(HttpCheckResponse.Parse.Invalid.class, feedByteByByte(new H2CheckExchange(REQUEST),
                server.toByteArray(), new ByteArrayOutputStream()));
    }

    @Test
    void aServerPrefaceThatIsNotSettingsIsNoResponse() {
        headers(true, ":status", "200");
        assertInstanceOf(HttpCheckResponse.Parse.Invalid.class, new H2CheckExchange(REQUEST)
                .judge(server.toByteArray(), server.size(), false));
    }

    @Test
    void anHttp1AnswerIsNoResponse() {
        byte[] http1 = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertInstanceOf(HttpCheckResponse.Parse.Invalid.class, new H2CheckExchange(REQUEST)
                .judge(http1, http1.length, false));
    }

    @Test
    void aCloseBeforeTheHeadIsNoResponseAndAfterItTheBodySoFar() {
        settings();
        H2CheckExchange early = new H2CheckExchange(REQUEST);
        assertInstanceOf(HttpCheckResponse.Parse.Invalid.class, early.judge(server.toByteArray(), server.size(), true));
        headers(false, ":status", "200");
        data("part", false);
        HttpCheckResponse.Parse parse = new H2CheckExchange(REQUEST).judge(server.toByteArray(), server.size(), true);
        HttpCheckResponse.Parse.Parsed parsed = assertInstanceOf(HttpCheckResponse.Parse.Parsed.class, parse);
        assertFalse(parsed.complete());
        assertEquals("part", parsed.response().bodyText());
    }

    @Test
    void nothingIsOwedBeforeTheServerSpeaks() {
        assertNull(new H2CheckExchange(REQUEST).replies());
    }
}
