package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * The converters that look at bytes one by one (configuration.txt §7.3.1): {@code reverse},
 * {@code has_ctl}, {@code base2} and {@code htonl}. Strings hold one char per byte, so these
 * work on bytes, never on characters.
 */
public final class ByteConverters {
    private ByteConverters() {}

    /** {@code has_ctl} without a mask: every control character but TAB, and DEL. */
    static final long DEFAULT_CONTROL_MASK = 0x1FFFFFDFFL;
    /** {@code has_ctl(any)}: every control character and DEL. */
    static final long ANY_CONTROL_MASK = 0x1FFFFFFFFL;
    /** {@code has_ctl(http)}: NUL, LF and CR, forbidden in HTTP field values (RFC 9110 §5.5). */
    static final long HTTP_CONTROL_MASK = 0x2401L;

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("reverse", List.of(), 0, SampleType.STR, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(new StringBuilder(in.asString()).reverse().toString()))));
        registry.registerConverter(new ConverterDefinition("has_ctl", List.of(ArgType.STR), 0, SampleType.BIN,
                SampleType.BOOL, (in, a, c) -> Optional.of(Sample.bool(hasControl(in.asBytes(), a.get(0)))),
                ByteConverters::checkMask));
        registry.registerConverter(new ConverterDefinition("base2", List.of(), 0, SampleType.BIN, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(base2(in.asBytes())))));
        registry.registerConverter(new ConverterDefinition("htonl", List.of(), 0, SampleType.SINT, SampleType.BIN,
                (in, a, c) -> Optional.of(Sample.bin(networkOrder32(in.asLong())))));
    }

    /** The mask: "any", "http", a decimal number or a 0x-prefixed hexadecimal one, of at most 33 bits. */
    static Arguments checkMask(Arguments args) throws SampleCompileException {
        if (!args.has(0)) {
            return args.with(0, DEFAULT_CONTROL_MASK);
        }
        String text = args.str(0);
        long mask;
        try {
            mask = switch (text) {
                case "any" -> ANY_CONTROL_MASK;
                case "http" -> HTTP_CONTROL_MASK;
                default -> text.startsWith("0x") || text.startsWith("0X")
                        ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            };
        } catch (NumberFormatException e) {
            throw new SampleCompileException("has_ctl: invalid mask '" + text
                    + "', expects 'any', 'http', or a number (decimal, or hexadecimal after 0x)");
        }
        if (mask < 0 || mask > ANY_CONTROL_MASK) {
            throw new SampleCompileException("has_ctl: mask '" + text + "' is larger than 33 bits");
        }
        return args.with(0, mask);
    }

    /** Whether a byte of {@code bytes} is a control character (0x00-0x1F: bits 0-31; DEL: bit 32) of the mask. */
    static boolean hasControl(byte[] bytes, long mask) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x20 && (mask & (1L << c)) != 0 || c == 0x7f && (mask & (1L << 32)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Eight binary digits per byte, most significant first. */
    static String base2(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 8);
        for (byte b : bytes) {
            for (int bit = 7; bit >= 0; bit--) {
                out.append((b >> bit & 1) == 0 ? '0' : '1');
            }
        }
        return out.toString();
    }

    /** The low 32 bits of the integer, in network byte order. */
    static byte[] networkOrder32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
