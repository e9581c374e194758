package dev.shuttle.h2;

/**
 * The SETTINGS parameters Shuttle knows (RFC 9113 §6.5.2, RFC 8441 §3, RFC 9218 §2.1) with their
 * initial values. A parameter with another identifier is ignored (§6.5.2).
 */
public enum Setting {
    HEADER_TABLE_SIZE(0x1, 4096),
    ENABLE_PUSH(0x2, 1),
    MAX_CONCURRENT_STREAMS(0x3, Long.MAX_VALUE),
    INITIAL_WINDOW_SIZE(0x4, 65_535),
    MAX_FRAME_SIZE(0x5, 16_384),
    MAX_HEADER_LIST_SIZE(0x6, Long.MAX_VALUE),
    ENABLE_CONNECT_PROTOCOL(0x8, 0),
    NO_RFC7540_PRIORITIES(0x9, 0);

    /** The smallest and largest MAX_FRAME_SIZE a peer may announce (§6.5.2). */
    public static final int MIN_MAX_FRAME_SIZE = 16_384;
    public static final int MAX_MAX_FRAME_SIZE = 16_777_215;
    /** The largest window (§6.9.1): 2^31 - 1. */
    public static final long MAX_WINDOW = 0x7FFF_FFFFL;

    private final int id;
    private final long initialValue;

    Setting(int id, long initialValue) {
        this.id = id;
        this.initialValue = initialValue;
    }

    public int id() {
        return id;
    }

    /** The value in force until the peer's SETTINGS say otherwise ("unlimited" is Long.MAX_VALUE). */
    public long initialValue() {
        return initialValue;
    }

    /** The parameter with this identifier, or null for one Shuttle does not know. */
    public static Setting of(int id) {
        for (Setting setting : values()) {
            if (setting.id == id) {
                return setting;
            }
        }
        return null;
    }

    /**
     * Checks a received value against §6.5.2: ENABLE_PUSH (and the RFC 8441/9218 flags) 0 or 1, else
     * PROTOCOL_ERROR; INITIAL_WINDOW_SIZE at most 2^31 - 1, else FLOW_CONTROL_ERROR; MAX_FRAME_SIZE
     * between 2^14 and 2^24 - 1, else PROTOCOL_ERROR. All are connection errors.
     */
    public void validate(long value) throws H2Exception {
        switch (this) {
            case ENABLE_PUSH, ENABLE_CONNECT_PROTOCOL, NO_RFC7540_PRIORITIES -> {
                if (value != 0 && value != 1) {
                    throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR, this + " must be 0 or 1, got " + value);
                }
            }
            case INITIAL_WINDOW_SIZE -> {
                if (value > MAX_WINDOW) {
                    throw H2Exception.connection(H2ErrorCode.FLOW_CONTROL_ERROR,
                            "INITIAL_WINDOW_SIZE " + value + " above 2^31-1");
                }
            }
            case MAX_FRAME_SIZE -> {
                if (value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE) {
                    throw H2Exception.connection(H2ErrorCode.PROTOCOL_ERROR,
                            "MAX_FRAME_SIZE " + value + " outside 16384..16777215");
                }
            }
            default -> {
            }
        }
    }
}
