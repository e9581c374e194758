package dev.shuttle.hpack;

/**
 * Prefixed integers (RFC 7541 §5.1): a value that fits in the low N bits of the first octet is
 * written there; a larger one fills them with ones and continues in 7-bit groups, least significant
 * first, each octet but the last with its high bit set. The bits above the prefix carry the field's
 * representation (§6), which the caller passes in and reads itself.
 */
final class HpackInteger {
    /**
     * The largest value a decoder accepts. Every integer in a block is a length or an index, so
     * anything past 2^31 - 1 is an attack or a bug: §5.1 asks decoders to guard against overflow.
     */
    static final int MAX_VALUE = Integer.MAX_VALUE;

    private HpackInteger() {
    }

    /**
     * Writes {@code value} with an N-bit prefix.
     *
     * @param flags the bits above the prefix in the first octet (the representation's pattern)
     */
    static void encode(BlockBuffer out, int prefixBits, int flags, int value) {
        int prefixMax = (1 << prefixBits) - 1;
        if (value < prefixMax) {
            out.write(flags | value);
            return;
        }
        out.write(flags | prefixMax);
        int rest = value - prefixMax;
        while (rest >= 0x80) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    /** Reads an integer whose first octet's low {@code prefixBits} bits start it. */
    static int decode(BlockReader in, int prefixBits) throws HpackException {
        int prefixMax = (1 << prefixBits) - 1;
        int value = in.read() & prefixMax;
        if (value < prefixMax) {
            return value;
        }
        long total = value;
        int shift = 0;
        int octet;
        do {
            octet = in.read();
            total += (long) (octet & 0x7F) << shift;
            shift += 7;
            if (total > MAX_VALUE || shift > 35) {
                throw new HpackException("integer overflows 31 bits");
            }
        } while ((octet & 0x80) != 0);
        return (int) total;
    }
}
