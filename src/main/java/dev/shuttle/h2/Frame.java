package dev.shuttle.h2;

import java.util.List;

/**
 * A frame once parsed and checked (RFC 9113 §6): one record per type, padding removed. Byte arrays
 * are the frame's own copies.
 */
public sealed interface Frame {
    /** The stream the frame belongs to, 0 for the connection. */
    int streamId();

    /** DATA (§6.1). {@code flowControlledLength} counts the padding too: flow control charges it. */
    record Data(int streamId, byte[] data, boolean endStream, int flowControlledLength) implements Frame {
    }

    /**
     * HEADERS (§6.2): the start of a header block, whole if {@code endHeaders}, else continued by
     * CONTINUATION frames.
     */
    record Headers(int streamId, byte[] blockFragment, boolean endStream, boolean endHeaders,
            PrioritySpec priority) implements Frame {
    }

    /** PRIORITY (§6.3): deprecated by RFC 9113 §5.3.2; parsed, checked, then ignored. */
    record Priority(int streamId, PrioritySpec priority) implements Frame {
    }

    /** RST_STREAM (§6.4). {@code errorCode} is the raw number; {@link H2ErrorCode#of} names it. */
    record RstStream(int streamId, long errorCode) implements Frame {
    }

    /** SETTINGS (§6.5): the parameters in their order, or an acknowledgement with none. */
    record Settings(boolean ack, List<SettingValue> values) implements Frame {
        public Settings {
            values = List.copyOf(values);
        }

        @Override
        public int streamId() {
            return 0;
        }
    }

    /** PING (§6.7): eight opaque octets, echoed in the acknowledgement. */
    record Ping(boolean ack, long opaqueData) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** GOAWAY (§6.8). */
    record GoAway(int lastStreamId, long errorCode, byte[] debugData) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** WINDOW_UPDATE (§6.9): {@code streamId} 0 for the connection's window. */
    record WindowUpdate(int streamId, int increment) implements Frame {
    }

    /** CONTINUATION (§6.10). */
    record Continuation(int streamId, byte[] blockFragment, boolean endHeaders) implements Frame {
    }

    /** A frame of a type this codec does not know: ignored, as §5.5 requires. */
    record Unknown(FrameHeader header) implements Frame {
        @Override
        public int streamId() {
            return header.streamId();
        }
    }

    /** The priority fields of HEADERS and PRIORITY (§5.3.2: kept for checking, not acted on). */
    record PrioritySpec(boolean exclusive, int dependency, int weight) {
    }

    /** One SETTINGS parameter as received: an identifier (possibly unknown) and its value. */
    record SettingValue(int id, long value) {
    }
}
