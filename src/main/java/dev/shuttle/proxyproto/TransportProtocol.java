package dev.shuttle.proxyproto;

/** The transport protocol of a version 2 header (proxy-protocol.txt §2.2, the low nibble of byte 14). */
public enum TransportProtocol {
    /** 0x0: unknown or unspecified. */
    UNSPEC(0x0),
    /** 0x1: a stream (TCP, or a UNIX stream socket). */
    STREAM(0x1),
    /** 0x2: datagrams (UDP, or a UNIX datagram socket). */
    DGRAM(0x2);

    private final int code;

    TransportProtocol(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The protocol of a nibble, or null for the values the spec leaves undefined. */
    static TransportProtocol of(int code) {
        for (TransportProtocol protocol : values()) {
            if (protocol.code == code) {
                return protocol;
            }
        }
        return null;
    }
}
