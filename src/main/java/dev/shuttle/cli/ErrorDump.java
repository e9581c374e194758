package dev.shuttle.cli;

/**
 * A captured message as {@code show errors} prints it (management.txt, "show errors"): every byte,
 * non-printable ones encoded ({@code \t}, {@code \n}, {@code \r}, {@code \e}, {@code \\}, else
 * {@code \xNN}); one input line per output line, each prefixed with the offset of its first byte;
 * a line too long for 79 columns broken, its continuations' offsets followed by {@code +}.
 */
final class ErrorDump {
    /** The printed characters of a line after its 9-column prefix ({@code "  00000  "}). */
    static final int WIDTH = 70;

    private ErrorDump() {}

    static void lines(byte[] bytes, StringBuilder out) {
        int offset = 0;
        boolean continuation = false;
        while (offset < bytes.length) {
            out.append("  ").append(String.format("%05d", offset)).append(continuation ? '+' : ' ').append(' ');
            int printed = 0;
            boolean lineEnded = false;
            while (offset < bytes.length) {
                String encoded = encode(bytes[offset] & 0xff);
                if (printed + encoded.length() > WIDTH) {
                    break;
                }
                out.append(encoded);
                printed += encoded.length();
                offset++;
                if (bytes[offset - 1] == '\n') {
                    lineEnded = true;
                    break;
                }
            }
            out.append('\n');
            continuation = !lineEnded && offset < bytes.length;
        }
    }

    static String encode(int b) {
        return switch (b) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case 27 -> "\\e";
            case '\\' -> "\\\\";
            default -> b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02X", b);
        };
    }
}
