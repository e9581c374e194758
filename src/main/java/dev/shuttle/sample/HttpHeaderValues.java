package dev.shuttle.sample;

import dev.shuttle.http.HeaderList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the header fetches ({@code req.hdr}, {@code req.fhdr}, {@code res.hdr_cnt}...) see header
 * values: split at commas or whole, picked by occurrence, and the header block rebuilt as text or
 * as SPOE binary (configuration.txt §7.3.6). Every rule here was checked against haproxy 2.6.
 */
final class HttpHeaderValues {
    private HttpHeaderValues() {}

    /**
     * Every value of the fields named {@code name} (compared without case), in order; an empty
     * name means every field. With {@code splitCommas}, each field gives one value per
     * comma-separated element, as {@code hdr()} counts them: a comma inside a double-quoted string
     * does not split, and each element loses its surrounding spaces and tabs.
     */
    static List<String> values(HeaderList headers, String name, boolean splitCommas) {
        List<String> values = new ArrayList<>();
        for (HeaderList.Field field : headers) {
            if (name.isEmpty() || field.hasName(name)) {
                if (splitCommas) {
                    values.addAll(elements(field.value(), ','));
                } else {
                    values.add(trim(field.value()));
                }
            }
        }
        return values;
    }

    /**
     * Splits a value at each {@code separator} found outside a double-quoted string, trimming
     * spaces and tabs around each piece. Inside quotes a backslash protects the next character;
     * outside, it is an ordinary character (haproxy 2.6: {@code a\",b"c,d} gives
     * {@code a\",b"c} and {@code d}). An unterminated quote runs to the end.
     */
    static List<String> elements(String value, char separator) {
        List<String> elements = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                elements.add(trim(value.substring(start, i)));
                start = i + 1;
            }
        }
        elements.add(trim(value.substring(start)));
        return elements;
    }

    /**
     * The values a fetch returns from an ordered list of candidates, given its occurrence
     * argument: positive counts from the first (1 is the first), negative from the last (-1 is
     * the last). Without one (0 or absent), a sample context takes the last value and an ACL
     * every value; with one, both take only that value.
     */
    static List<String> pick(List<String> values, Long occurrence, boolean allValues) {
        long position = occurrence == null ? 0 : occurrence;
        if (position == 0) {
            if (allValues || values.isEmpty()) {
                return values;
            }
            return List.of(values.get(values.size() - 1));
        }
        long index = position > 0 ? position - 1 : values.size() + position;
        if (index < 0 || index >= values.size()) {
            return List.of();
        }
        return List.of(values.get((int) index));
    }

    /** Converts each value, dropping those that do not convert (a sample context has at most one). */
    static List<Sample> convert(List<String> values, Function<String, Optional<Sample>> converter) {
        List<Sample> samples = new ArrayList<>(values.size());
        for (String value : values) {
            converter.apply(value).ifPresent(samples::add);
        }
        return samples;
    }

    static List<Sample> strings(List<String> values) {
        return convert(values, value -> Optional.of(Sample.str(value)));
    }

    /**
     * A header or cookie value read as an integer the way haproxy 2.6 does for {@code hdr_val},
     * {@code cook_val} and {@code urlp_val}: an optional leading '-', then decimal digits up to
     * the first byte above '9'. A byte below '0' does not stop the scan but counts as a digit of
     * value (byte - '0'), negative; the result wraps as a 32-bit integer. So {@code "12abc"} is 12,
     * {@code "abc"} and {@code ""} are 0, {@code "+4"} is -46 and {@code "1 2"} is -58 (all
     * observed on haproxy 2.6).
     */
    static long lenientInteger(String text) {
        int result = 0;
        boolean negative = !text.isEmpty() && text.charAt(0) == '-';
        for (int i = negative ? 1 : 0; i < text.length(); i++) {
            int digit = (byte) text.charAt(i) - '0';
            if (digit > 9) {
                break;
            }
            result = negative ? result * 10 - digit : result * 10 + digit;
        }
        return result;
    }

    /**
     * The header names in order, in lower case (as haproxy's internal message form holds them),
     * joined by {@code delimiter}: by default a comma, else the first character of the argument,
     * a NUL when the argument is empty (haproxy 2.6: {@code req.hdr_names()}).
     */
    static String names(HeaderList headers, String delimiterArgument) {
        char delimiter = delimiterArgument == null ? ',' : delimiterArgument.isEmpty() ? '\0' : delimiterArgument.charAt(0);
        StringBuilder names = new StringBuilder();
        for (HeaderList.Field field : headers) {
            if (!names.isEmpty()) {
                names.append(delimiter);
            }
            names.append(lowerCase(field.name()));
        }
        return names.toString();
    }

    /** {@code req.hdrs}: the header block as HTTP/1 text, names in lower case, with its final empty line. */
    static String block(HeaderList headers) {
        StringBuilder block = new StringBuilder();
        for (HeaderList.Field field : headers) {
            block.append(lowerCase(field.name())).append(": ").append(field.value()).append("\r\n");
        }
        return block.append("\r\n").toString();
    }

    /**
     * {@code req.hdrs_bin}: each name then value as a length-prefixed string, lengths in the
     * SPOE variable-length integer encoding (SPOE.txt §3.1), ended by two empty strings.
     */
    static byte[] binaryBlock(HeaderList headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderList.Field field : headers) {
            writeString(out, lowerCase(field.name()));
            writeString(out, field.value());
        }
        writeVarint(out, 0);
        writeVarint(out, 0);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    /**
     * SPOE varint: below 240 one byte; else a first byte 0xF0 | the 4 low bits, then 7 bits per
     * byte with the high bit set on all but the last, each step taking away what the previous
     * bytes already stand for.
     * <pre>
     *   0   <= X < 240  : [XXXX XXXX]
     *   240 <= X < 2288 : [1111 XXXX] [0XXX XXXX]
     *   ...             : [1111 XXXX] [1XXX XXXX]* [0XXX XXXX]
     * </pre>
     */
    static void writeVarint(ByteArrayOutputStream out, long value) {
        if (value < 240) {
            out.write((int) value);
            return;
        }
        out.write((int) (value | 0xF0) & 0xFF);
        long rest = (value - 240) >>> 4;
        while (rest >= 128) {
            out.write((int) (rest | 0x80) & 0xFF);
            rest = (rest - 128) >>> 7;
        }
        out.write((int) rest);
    }

    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
