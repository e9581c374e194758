package dev.shuttle.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shuttle.h2.ConnectionPreface;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameReader;
import dev.shuttle.h2.FrameWriter;
import dev.shuttle.hpack.BlockBuffer;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.hpack.HpackDecoder;
import dev.shuttle.hpack.HpackEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scripted server: reads the client's frames, writes its own. */
final class H2ServerPeer {
    private static final long WAIT = 5_000;

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final FrameReader reader = new FrameReader(1 << 20);
    final HpackDecoder decoder = new HpackDecoder(4096, 1 << 20);
    final HpackEncoder encoder = new HpackEncoder(4096);
    ByteBuffer pending = ByteBuffer.allocate(0);
    final Map<Integer, Long> clientSettings = new HashMap<>();

    H2ServerPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) WAIT);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void handshake(List<Frame.SettingValue> settings) throws Exception {
        byte[] preface = in.readNBytes(ConnectionPreface.LENGTH);
        assertArrayEquals(ConnectionPreface.octets(), preface);
        Frame.Settings first = assertInstanceOf(Frame.Settings.class, nextAny());
        for (Frame.SettingValue value : first.values()) {
            clientSettings.put(value.id(), value.value());
        }
        send(buffer -> FrameWriter.settings(buffer, settings));
        send(FrameWriter::settingsAck);
        // The client's acknowledgement of these settings (after its connection WINDOW_UPDATE):
        // read here, so that a test waiting for the acknowledgement of settings it sends later
        // does not take this one for it.
        while (!(nextAny() instanceof Frame.Settings acknowledgement && acknowledgement.ack())) {
            // skip to it
        }
    }

    interface Writes {
        void to(ByteBuffer buffer);
    }

    void send(Writes frame) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(70_000);
        frame.to(buffer);
        out.write(buffer.array(), 0, buffer.position());
        out.flush();
    }

    void respond(int streamId, List<HeaderField> fields, boolean endStream) throws IOException {
        BlockBuffer block = new BlockBuffer(256);
        encoder.encode(fields, block);
        send(buffer -> FrameWriter.headers(buffer, streamId, block.array(), 0, block.length(), endStream, 16_384));
    }

    void data(int streamId, byte[] bytes, boolean endStream) throws IOException {
        send(buffer -> FrameWriter.data(buffer, streamId, bytes, 0, bytes.length, endStream));
    }

    List<HeaderField> decode(Frame.Headers headers) throws Exception {
        return decoder.decode(headers.blockFragment()).fields();
    }

    /** The next frame of {@code type}, skipping the SETTINGS ACKs, WINDOW_UPDATEs and others between. */
    <T extends Frame> T next(Class<T> type) throws Exception {
        while (true) {
            Frame frame = nextAny();
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
        }
    }

    Frame nextAny() throws Exception {
        while (true) {
            Frame frame = reader.next(pending);
            if (frame != null) {
                return frame;
            }
            byte[] more = new byte[16_384];
            int count = in.read(more);
            if (count < 0) {
                throw new IOException("closed");
            }
            ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + count);
            joined.put(pending).put(more, 0, count).flip();
            pending = joined;
        }
    }
}
