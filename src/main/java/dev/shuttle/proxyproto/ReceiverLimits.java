package dev.shuttle.proxyproto;

/**
 * What a receiver accepts beyond the spec's own rules: how large a header may be, how long some
 * TLVs may be, and which address families a PROXY command may carry. A header over a limit is
 * refused with {@code PRX_BAD_HDR} (or {@code PRX_TRUNCATED} when it cannot fit the buffer).
 *
 * @param maxHeaderBytes   the largest header the receiver can hold (its buffer); larger ones are truncated
 * @param maxAuthority     the longest {@code PP2_TYPE_AUTHORITY} value
 * @param maxUniqueId      the longest {@code PP2_TYPE_UNIQUE_ID} value (spec §2.2.5: up to 128 bytes)
 * @param maxTlvValue      the longest value of any TLV
 * @param streamInetOnly   whether a PROXY command may only carry TCP over IPv4 or IPv6 (UNIX, UNSPEC
 *                         and datagram blocks refused), as HAProxy 3.5's receiver does
 */
public record ReceiverLimits(int maxHeaderBytes, int maxAuthority, int maxUniqueId, int maxTlvValue,
                             boolean streamInetOnly, boolean bareUnknown) {
    /** The spec's own bounds only: a 16-bit length, every family. */
    public static final ReceiverLimits SPEC = new ReceiverLimits(16 + 0xFFFF, 0xFFFF, 128, 0xFFFF, false, false);

    /**
     * HAProxy 3.5's receiver with a buffer of {@code bufferBytes} (tune.bufsize): authority up to 255
     * bytes, unique ID up to 128, any TLV up to 1024 (configuration.txt, "fc_pp_tlv"), a PROXY command
     * only for TCP over IPv4 or IPv6 and {@code UNKNOWN} alone on its line (both checked against
     * HAProxy 3.5 itself).
     */
    public static ReceiverLimits haproxy(int bufferBytes) {
        return new ReceiverLimits(bufferBytes, 255, 128, 1024, true, true);
    }
}
