package dev.shuttle.hpack;

/**
 * The static Huffman code of RFC 7541 Appendix B, for string literals (§5.2).
 *
 * <p>The code is canonical: sort the 257 symbols (the 256 octets and EOS) by code length, then by
 * value, and each code is the previous one plus one, shifted left when the length grows. So the
 * lengths alone define it, and this class keeps only the table of lengths, copied from Appendix B,
 * and derives the codes at class load. The tests check the derived codes against the appendix's
 * examples (Appendix C.4 and C.6).
 *
 * <p>Decoding walks the bits one at a time, keeping for each length the first code and where its
 * symbols start in the sorted order: a code of length L is complete when it falls among that
 * length's codes. After the last symbol, up to seven bits of padding must be the start of EOS, all
 * ones (§5.2); more, or a decoded EOS, is an error.
 */
final class Huffman {
    /** The end-of-string symbol: never encoded, an error if decoded. */
    private static final int EOS = 256;
    private static final int MAX_LENGTH = 30;

    /** The code length of each symbol, 0 to 255 then EOS (RFC 7541 Appendix B). */
    private static final byte[] LENGTHS = {
            13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
            28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
            6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
            5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
            13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
            7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
            15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
            6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
            20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
            24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
            22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
            21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
            26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
            19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
            20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
            26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
            30
    };

    /** The code of each symbol, right-aligned in its length. */
    private static final int[] CODES = new int[LENGTHS.length];
    /** The symbols in canonical order: by length, then value. */
    private static final int[] SORTED = new int[LENGTHS.length];
    /** Per length, the code of its first symbol. */
    private static final int[] FIRST_CODE = new int[MAX_LENGTH + 1];
    /** Per length, how many symbols have it. */
    private static final int[] COUNT = new int[MAX_LENGTH + 1];
    /** Per length, where its symbols start in {@link #SORTED}. */
    private static final int[] FIRST_INDEX = new int[MAX_LENGTH + 1];

    static {
        int next = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            FIRST_INDEX[length] = next;
            for (int symbol = 0; symbol < LENGTHS.length; symbol++) {
                if (LENGTHS[symbol] == length) {
                    SORTED[next++] = symbol;
                    COUNT[length]++;
                }
            }
        }
        int code = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            FIRST_CODE[length] = code;
            for (int i = 0; i < COUNT[length]; i++) {
                CODES[SORTED[FIRST_INDEX[length] + i]] = code++;
            }
            code <<= 1;
        }
    }

    private Huffman() {
    }

    /** The octets {@code text} takes once encoded. */
    static int encodedLength(String text) {
        long bits = 0;
        for (int i = 0; i < text.length(); i++) {
            bits += LENGTHS[text.charAt(i) & 0xFF];
        }
        return (int) ((bits + 7) / 8);
    }

    /** Writes {@code text} (one octet per char) encoded, padded with the start of EOS. */
    static void encode(String text, BlockBuffer out) {
        long pending = 0;
        int pendingBits = 0;
        for (int i = 0; i < text.length(); i++) {
            int symbol = text.charAt(i) & 0xFF;
            pending = (pending << LENGTHS[symbol]) | CODES[symbol];
            pendingBits += LENGTHS[symbol];
            while (pendingBits >= 8) {
                pendingBits -= 8;
                out.write((int) (pending >>> pendingBits) & 0xFF);
            }
        }
        if (pendingBits > 0) {
            int padding = 8 - pendingBits;
            out.write((int) ((pending << padding) | ((1 << padding) - 1)) & 0xFF);
        }
    }

    /** Decodes {@code length} octets of {@code bytes} from {@code offset} to an ISO-8859-1 string. */
    static String decode(byte[] bytes, int offset, int length) throws HpackException {
        StringBuilder text = new StringBuilder(length + length / 2);
        int code = 0;
        int codeLength = 0;
        for (int i = offset; i < offset + length; i++) {
            int octet = bytes[i] & 0xFF;
            for (int bit = 7; bit >= 0; bit--) {
                code = (code << 1) | ((octet >>> bit) & 1);
                codeLength++;
                int rank = code - FIRST_CODE[codeLength];
                if (rank >= 0 && rank < COUNT[codeLength]) {
                    int symbol = SORTED[FIRST_INDEX[codeLength] + rank];
                    if (symbol == EOS) {
                        throw new HpackException("Huffman string holds the EOS symbol");
                    }
                    text.append((char) symbol);
                    code = 0;
                    codeLength = 0;
                } else if (codeLength == MAX_LENGTH) {
                    throw new HpackException("invalid Huffman code");
                }
            }
        }
        if (codeLength > 7 || code != (1 << codeLength) - 1) {
            throw new HpackException("Huffman padding is not the start of EOS, or longer than 7 bits");
        }
        return text.toString();
    }
}
