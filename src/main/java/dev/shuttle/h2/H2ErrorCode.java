package dev.shuttle.h2;

/**
 * The error codes of RFC 9113 §7, carried by RST_STREAM and GOAWAY. A code this table does not know
 * must not trigger special behaviour (§7): {@link #of(long)} maps it to {@link #INTERNAL_ERROR}
 * while the frame keeps the raw number.
 */
public enum H2ErrorCode {
    NO_ERROR(0x0),
    PROTOCOL_ERROR(0x1),
    INTERNAL_ERROR(0x2),
    FLOW_CONTROL_ERROR(0x3),
    SETTINGS_TIMEOUT(0x4),
    STREAM_CLOSED(0x5),
    FRAME_SIZE_ERROR(0x6),
    REFUSED_STREAM(0x7),
    CANCEL(0x8),
    COMPRESSION_ERROR(0x9),
    CONNECT_ERROR(0xa),
    ENHANCE_YOUR_CALM(0xb),
    INADEQUATE_SECURITY(0xc),
    HTTP_1_1_REQUIRED(0xd);

    private static final H2ErrorCode[] BY_CODE = values();

    private final int code;

    H2ErrorCode(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The code for a number read from the wire; unknown numbers are INTERNAL_ERROR (§7). */
    public static H2ErrorCode of(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : INTERNAL_ERROR;
    }
}
