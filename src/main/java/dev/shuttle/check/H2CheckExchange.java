package dev.shuttle.check;

import dev.shuttle.h2.ConnectionPreface;
import dev.shuttle.h2.Frame;
import dev.shuttle.h2.FrameHeader;
import dev.shuttle.h2.FrameParser;
import dev.shuttle.h2.FrameWriter;
import dev.shuttle.h2.H2Exception;
import dev.shuttle.h2.H2Response;
import dev.shuttle.h2.H2Settings;
import dev.shuttle.h2.HeaderBlockAssembler;
import dev.shuttle.h2.ResponseFields;
import dev.shuttle.hpack.BlockBuffer;
import dev.shuttle.hpack.HeaderField;
import dev.shuttle.hpack.HpackDecoder;
import dev.shuttle.hpack.HpackEncoder;
import dev.shuttle.hpack.HpackException;
import dev.shuttle.http.HeaderList;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One HTTP check over HTTP/2 with prior knowledge ({@code check-proto h2}, or a {@code proto h2}
 * server's HTTP check, as HAProxy 3.5's check.c inherits it): the client preface, SETTINGS and the
 * request on stream 1 out ({@link #opening()}), then the server's frames in, judged as they come.
 * The server's SETTINGS and PINGs are acknowledged ({@link #replies()}).
 *
 * <p>Pure and not thread-safe: it is fed the bytes received so far, growing ({@link #judge}), by
 * whichever thread runs the check (the check poller, or a check's own thread over TLS); each call
 * parses the whole frames it has not seen yet (RFC 9113 §4.1), so bytes may come one at a time.
 */
final class H2CheckExchange {
    private static final int STREAM = 1;
    /** RFC 9113 §8.2.2: connection-specific fields have no place in an HTTP/2 request. */
    private static final Set<String> CONNECTION_FIELDS = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade");

    private final byte[] opening;
    private final HpackDecoder decoder = new HpackDecoder(H2Settings.DEFAULTS.headerTableSize(), 65_536);
    private final HeaderBlockAssembler blocks = new HeaderBlockAssembler(HttpProbe.MAX_RESPONSE, 64);
    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int parsed;
    private boolean settingsSeen;
    private H2Response response;
    private boolean ended;
    private String failure;

    /** @param http1Request the check's request as {@link HttpCheckRequestWriter} lays it out for HTTP/1 */
    H2CheckExchange(byte[] http1Request) {
        this.opening = opening(http1Request);
    }

    /** The preface, our SETTINGS (no push) and the request: HEADERS, then DATA when it has a body. */
    byte[] opening() {
        return opening;
    }

    /** The acknowledgements owed since the last call (SETTINGS, PING), or null when none is. */
    byte[] replies() {
        if (replies.size() == 0) {
            return null;
        }
        byte[] owed = replies.toByteArray();
        replies.reset();
        return owed;
    }

    /**
     * What the {@code length} bytes received so far make: a response once stream 1 ended (or the
     * connection did, after the response's head), an invalid one for a protocol error, a reset of
     * the stream or a connection that ended before the head, else incomplete.
     *
     * @param closed the server closed, or no more bytes will be read
     */
    HttpCheckResponse.Parse judge(byte[] received, int length, boolean closed) {
        if (failure == null && !ended) {
            readFrames(received, length);
        }
        if (failure != null) {
            return new HttpCheckResponse.Parse.Invalid(failure);
        }
        if (response != null && (ended || closed)) {
            return new HttpCheckResponse.Parse.Parsed(checkResponse(), ended);
        }
        return closed ? new HttpCheckResponse.Parse.Invalid("connection closed before the response")
                : new HttpCheckResponse.Parse.Incomplete();
    }

    private void readFrames(byte[] received, int length) {
        try {
            while (!ended && length - parsed >= FrameHeader.SIZE) {
                FrameHeader header = FrameHeader.read(ByteBuffer.wrap(received, parsed, FrameHeader.SIZE));
                if (header.length() > H2Settings.DEFAULTS.maxFrameSize()) {
                    failure = "frame larger than SETTINGS_MAX_FRAME_SIZE";
                    return;
                }
                int end = parsed + FrameHeader.SIZE + header.length();
                if (end > length) {
                    return;
                }
                byte[] payload = new byte[header.length()];
                System.arraycopy(received, parsed + FrameHeader.SIZE, payload, 0, header.length());
                parsed = end;
                Frame frame = FrameParser.parse(header, payload);
                // RFC 9113 §3.4: the server's preface is a SETTINGS frame.
                if (!settingsSeen && !(frame instanceof Frame.Settings settings && !settings.ack())) {
                    failure = "server preface is not a SETTINGS frame";
                    return;
                }
                blocks.checkOrder(frame);
                onFrame(frame);
                if (failure != null) {
                    return;
                }
            }
        } catch (H2Exception | HpackException e) {
            failure = e.getMessage();
        }
    }

    private void onFrame(Frame frame) throws H2Exception, HpackException {
        switch (frame) {
            case Frame.Settings settings -> {
                if (!settings.ack()) {
                    settingsSeen = true;
                    write(FrameHeader.SIZE, FrameWriter::settingsAck);
                }
            }
            case Frame.Ping ping -> {
                if (!ping.ack()) {
                    write(FrameHeader.SIZE + 8, out -> FrameWriter.ping(out, true, ping.opaqueData()));
                }
            }
            case Frame.Headers headers when headers.streamId() == STREAM -> block(blocks.start(headers));
            case Frame.Continuation continuation -> block(blocks.add(continuation));
            case Frame.Data data when data.streamId() == STREAM -> {
                if (response == null) {
                    failure = "DATA before the response's HEADERS";
                    return;
                }
                int room = HttpProbe.MAX_RESPONSE - body.size();
                body.write(data.data(), 0, Math.min(room, data.data().length));
                ended = data.endStream();
            }
            case Frame.RstStream reset when reset.streamId() == STREAM ->
                    failure = "stream reset by the server";
            case Frame.GoAway goAway when goAway.lastStreamId() < STREAM ->
                    failure = "GOAWAY before the request was processed";
            default -> {
                // WINDOW_UPDATE, PRIORITY, unknown types and other streams' frames change nothing here.
            }
        }
    }

    /** A whole header block on stream 1: interim heads are skipped, the final one kept, a second one ends the stream (trailers). */
    private void block(HeaderBlockAssembler.Block block) throws H2Exception, HpackException {
        if (block == null) {
            return;
        }
        List<HeaderField> fields = decoder.decode(block.bytes()).fields();
        boolean endStream = block.opening().endStream();
        if (response == null) {
            H2Response head = ResponseFields.toResponse(STREAM, fields);
            if (head.head().isInterim()) {
                return;
            }
            response = head;
        } else if (!endStream) {
            failure = "trailers without END_STREAM";
            return;
        }
        ended = endStream;
    }

    private HttpCheckResponse checkResponse() {
        HeaderList fields = response.head().headers();
        List<String[]> headers = new ArrayList<>(fields.size());
        for (HeaderList.Field field : fields) {
            headers.add(new String[] {field.name(), field.value()});
        }
        // An HTTP/2 response has no reason phrase: HAProxy's check_desc is empty for it.
        return new HttpCheckResponse(response.head().status(), "", body.toByteArray(), headers);
    }

    private interface FrameOut {
        void write(ByteBuffer out);
    }

    private void write(int size, FrameOut frame) {
        ByteBuffer out = ByteBuffer.allocate(size);
        frame.write(out);
        replies.write(out.array(), 0, out.position());
    }

    /**
     * The request's frames from its HTTP/1 form: the start line gives {@code :method} and {@code
     * :path} ({@code :scheme} https as HAProxy 3.5 sends for a target without one), the fields go
     * lower-cased but for the connection-specific ones, and the body follows as one DATA frame.
     */
    static byte[] opening(byte[] http1Request) {
        String text = new String(http1Request, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, headEnd).split("\r\n");
        byte[] payload = text.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
        String[] start = lines[0].split(" ");
        List<HeaderField> fields = new ArrayList<>();
        fields.add(new HeaderField(":method", start[0]));
        fields.add(new HeaderField(":scheme", "https"));
        fields.add(new HeaderField(":path", start[1]));
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!CONNECTION_FIELDS.contains(name)) {
                fields.add(new HeaderField(name, lines[i].substring(colon + 1).trim()));
            }
        }
        BlockBuffer block = new BlockBuffer(256);
        new HpackEncoder(H2Settings.DEFAULTS.headerTableSize()).encode(fields, block);
        int maxFrame = H2Settings.DEFAULTS.maxFrameSize();
        ByteBuffer out = ByteBuffer.allocate(ConnectionPreface.LENGTH + FrameHeader.SIZE + 6
                + FrameWriter.headersSize(block.length(), maxFrame) + FrameHeader.SIZE + payload.length);
        out.put(ConnectionPreface.octets());
        // RFC 9113 §6.5.2: SETTINGS_ENABLE_PUSH 0, a check wants no pushed response.
        FrameWriter.settings(out, List.of(new Frame.SettingValue(0x2, 0)));
        FrameWriter.headers(out, STREAM, block.array(), 0, block.length(), payload.length == 0, maxFrame);
        if (payload.length > 0) {
            FrameWriter.data(out, STREAM, payload, 0, payload.length, true);
        }
        return Arrays.copyOf(out.array(), out.position());
    }
}
