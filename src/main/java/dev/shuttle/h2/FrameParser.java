package dev.shuttle.h2;

import static dev.shuttle.h2.H2ErrorCode.FRAME_SIZE_ERROR;
import static dev.shuttle.h2.H2ErrorCode.PROTOCOL_ERROR;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one frame's header and payload into a {@link Frame}, checking every rule RFC 9113 §6 states
 * about a frame on its own: which stream identifiers a type allows, fixed payload lengths, padding
 * that fits, settings values, a zero window increment. Each violation is the error the section
 * names, as a connection or a stream error (§5.4).
 *
 * <p>The length against SETTINGS_MAX_FRAME_SIZE is checked before the payload is read ({@link
 * FrameReader}), so a peer cannot make Shuttle buffer 16 MB it never allowed.
 */
public final class FrameParser {
    private FrameParser() {
    }

    /**
     * The frame made of {@code header} and its payload.
     *
     * @param payload exactly {@code header.length()} octets
     */
    public static Frame parse(FrameHeader header, byte[] payload) throws H2Exception {
        return switch (header.type()) {
            case FrameType.DATA -> data(header, payload);
            case FrameType.HEADERS -> headers(header, payload);
            case FrameType.PRIORITY -> priority(header, payload);
            case FrameType.RST_STREAM -> rstStream(header, payload);
            case FrameType.SETTINGS -> settings(header, payload);
            case FrameType.PUSH_PROMISE -> throw H2Exception.connection(PROTOCOL_ERROR,
                    "PUSH_PROMISE received: Shuttle never enables push (§6.6, §8.4)");
            case FrameType.PING -> ping(header, payload);
            case FrameType.GOAWAY -> goAway(header, payload);
            case FrameType.WINDOW_UPDATE -> windowUpdate(header, payload);
            case FrameType.CONTINUATION -> continuation(header, payload);
            default -> new Frame.Unknown(header);
        };
    }

    /** §6.1. */
    private static Frame data(FrameHeader header, byte[] payload) throws H2Exception {
        requireStream(header);
        byte[] data = unpad(header, payload, 0);
        return new Frame.Data(header.streamId(), data, header.has(FrameFlags.END_STREAM), header.length());
    }

    /** §6.2: optional padding, optional priority fields, then the block fragment. */
    private static Frame headers(FrameHeader header, byte[] payload) throws H2Exception {
        requireStream(header);
        boolean hasPriority = header.has(FrameFlags.PRIORITY);
        byte[] rest = unpad(header, payload, hasPriority ? 5 : 0);
        Frame.PrioritySpec priority = null;
        int start = 0;
        if (hasPriority) {
            priority = prioritySpec(header.streamId(), rest);
            start = 5;
        }
        return new Frame.Headers(header.streamId(), Arrays.copyOfRange(rest, start, rest.length),
                header.has(FrameFlags.END_STREAM), header.has(FrameFlags.END_HEADERS), priority);
    }

    /** §6.3: five octets, else a stream error FRAME_SIZE_ERROR. */
    private static Frame priority(FrameHeader header, byte[] payload) throws H2Exception {
        requireStream(header);
        if (payload.length != 5) {
            throw H2Exception.stream(header.streamId(), FRAME_SIZE_ERROR,
                    "PRIORITY of " + payload.length + " octets, not 5");
        }
        return new Frame.Priority(header.streamId(), prioritySpec(header.streamId(), payload));
    }

    /** §6.4: four octets, else a connection error FRAME_SIZE_ERROR. */
    private static Frame rstStream(FrameHeader header, byte[] payload) throws H2Exception {
        requireStream(header);
        requireLength(header, payload, 4);
        return new Frame.RstStream(header.streamId(), ByteBuffer.wrap(payload).getInt() & 0xFFFF_FFFFL);
    }

    /** §6.5: on stream 0, six octets per parameter, none with ACK; values checked (§6.5.2). */
    private static Frame settings(FrameHeader header, byte[] payload) throws H2Exception {
        requireConnection(header);
        boolean ack = header.has(FrameFlags.ACK);
        if (ack && payload.length != 0) {
            throw H2Exception.connection(FRAME_SIZE_ERROR, "SETTINGS ACK with a payload");
        }
        if (payload.length % 6 != 0) {
            throw H2Exception.connection(FRAME_SIZE_ERROR, "SETTINGS of " + payload.length + " octets");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        List<Frame.SettingValue> values = new ArrayList<>(payload.length / 6);
        while (in.hasRemaining()) {
            int id = in.getShort() & 0xFFFF;
            long value = in.getInt() & 0xFFFF_FFFFL;
            Setting setting = Setting.of(id);
            if (setting != null) {
                setting.validate(value);
            }
            values.add(new Frame.SettingValue(id, value));
        }
        return new Frame.Settings(ack, values);
    }

    /** §6.7: on stream 0, eight octets. */
    private static Frame ping(FrameHeader header, byte[] payload) throws H2Exception {
        requireConnection(header);
        requireLength(header, payload, 8);
        return new Frame.Ping(header.has(FrameFlags.ACK), ByteBuffer.wrap(payload).getLong());
    }

    /** §6.8: on stream 0, at least eight octets; the rest is debug data. */
    private static Frame goAway(FrameHeader header, byte[] payload) throws H2Exception {
        requireConnection(header);
        if (payload.length < 8) {
            throw H2Exception.connection(FRAME_SIZE_ERROR, "GOAWAY of " + payload.length + " octets");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int lastStreamId = in.getInt() & 0x7FFF_FFFF;
        long errorCode = in.getInt() & 0xFFFF_FFFFL;
        return new Frame.GoAway(lastStreamId, errorCode, Arrays.copyOfRange(payload, 8, payload.length));
    }

    /**
     * §6.9: four octets (else a connection error FRAME_SIZE_ERROR); an increment of 0 is a
     * PROTOCOL_ERROR of the stream it names, or of the connection on stream 0.
     */
    private static Frame windowUpdate(FrameHeader header, byte[] payload) throws H2Exception {
        requireLength(header, payload, 4);
        int increment = ByteBuffer.wrap(payload).getInt() & 0x7FFF_FFFF;
        if (increment == 0) {
            String message = "WINDOW_UPDATE with an increment of 0";
            throw header.streamId() == 0
                    ? H2Exception.connection(PROTOCOL_ERROR, message)
                    : H2Exception.stream(header.streamId(), PROTOCOL_ERROR, message);
        }
        return new Frame.WindowUpdate(header.streamId(), increment);
    }

    /** §6.10. */
    private static Frame continuation(FrameHeader header, byte[] payload) throws H2Exception {
        requireStream(header);
        return new Frame.Continuation(header.streamId(), payload.clone(), header.has(FrameFlags.END_HEADERS));
    }

    /**
     * The payload without its padding (§6.1, §6.2): with PADDED, the first octet is the pad length,
     * which must leave room for {@code fixedFields} and may not reach the payload's end, else a
     * connection error PROTOCOL_ERROR.
     */
    private static byte[] unpad(FrameHeader header, byte[] payload, int fixedFields) throws H2Exception {
        if (!header.has(FrameFlags.PADDED)) {
            if (payload.length < fixedFields) {
                throw H2Exception.connection(FRAME_SIZE_ERROR, header + " too short for its fields");
            }
            return payload.clone();
        }
        if (payload.length < 1 + fixedFields) {
            throw H2Exception.connection(FRAME_SIZE_ERROR, header + " too short for its padding");
        }
        int padLength = payload[0] & 0xFF;
        if (padLength > payload.length - 1 - fixedFields) {
            throw H2Exception.connection(PROTOCOL_ERROR,
                    header + ": padding of " + padLength + " octets is as long as the payload");
        }
        return Arrays.copyOfRange(payload, 1, payload.length - padLength);
    }

    /** §5.3.1: a stream cannot depend on itself; a stream error PROTOCOL_ERROR. */
    private static Frame.PrioritySpec prioritySpec(int streamId, byte[] fields) throws H2Exception {
        int word = ByteBuffer.wrap(fields, 0, 4).getInt();
        int dependency = word & 0x7FFF_FFFF;
        if (dependency == streamId) {
            throw H2Exception.stream(streamId, PROTOCOL_ERROR, "stream " + streamId + " depends on itself");
        }
        return new Frame.PrioritySpec(word < 0, dependency, (fields[4] & 0xFF) + 1);
    }

    private static void requireStream(FrameHeader header) throws H2Exception {
        if (header.streamId() == 0) {
            throw H2Exception.connection(PROTOCOL_ERROR, FrameType.name(header.type()) + " on stream 0");
        }
    }

    private static void requireConnection(FrameHeader header) throws H2Exception {
        if (header.streamId() != 0) {
            throw H2Exception.connection(PROTOCOL_ERROR,
                    FrameType.name(header.type()) + " on stream " + header.streamId() + ", not 0");
        }
    }

    private static void requireLength(FrameHeader header, byte[] payload, int length) throws H2Exception {
        if (payload.length != length) {
            throw H2Exception.connection(FRAME_SIZE_ERROR,
                    FrameType.name(header.type()) + " of " + payload.length + " octets, not " + length);
        }
    }
}
