package dev.shuttle.h2;

/** The flags RFC 9113 §6 defines; each frame type gives meaning to a few of them and ignores the rest. */
public final class FrameFlags {
    /** DATA, HEADERS: the sender's last frame on the stream (§6.1, §6.2). */
    public static final int END_STREAM = 0x1;
    /** SETTINGS, PING: an acknowledgement (§6.5, §6.7). */
    public static final int ACK = 0x1;
    /** HEADERS, PUSH_PROMISE, CONTINUATION: the header block ends in this frame (§6.2, §6.10). */
    public static final int END_HEADERS = 0x4;
    /** DATA, HEADERS: a pad length octet and padding surround the payload (§6.1). */
    public static final int PADDED = 0x8;
    /** HEADERS: the stream dependency and weight fields are present (§6.2). */
    public static final int PRIORITY = 0x20;

    private FrameFlags() {
    }
}
