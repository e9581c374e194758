package dev.shuttle.sample;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code json_query(<json_path>[,<output_type>])} (configuration.txt §7.3.1). Behaviour checked
 * against haproxy 2.6.12:
 * <ul>
 *   <li>paths: {@code $} followed by {@code .key} (a '\' escapes the next character, so
 *       {@code $.my\.key} names the key "my.key") and {@code [n]} array indexes; other forms
 *       ({@code $['a']}, {@code [-1]}, wildcards) find nothing. Duplicate keys: the first wins;</li>
 *   <li>the document is read lazily: it must be well-formed up to the value found, and anything
 *       after it is not looked at (<code>{"a":1,</code> gives 1 for {@code $.a});</li>
 *   <li>strings: the unescaped string (also with "int"); {@code \/}, unknown escapes and
 *       {@code \\u} escapes above 00FF make the converter fail, {@code \\u00XX} gives the byte XX;</li>
 *   <li>numbers: without "int", the value printed as C's {@code %g} (6 significant digits:
 *       1.5, 1.23457e+06, -0, inf); with "int", the leading integer of the number's text
 *       (1.9 → 1, 1e300 → 1), failing outside ±(2^53-1);</li>
 *   <li>true/false: a boolean (1/0), whatever the output type; null, objects and arrays: no value.</li>
 * </ul>
 * Number tokens are as loose as HAProxy's: a '-' or digit followed by any of {@code 0-9 . e E + -}.
 */
public final class JsonConverters {
    private JsonConverters() {}

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("json_query", List.of(ArgType.STR, ArgType.STR), 1,
                SampleType.STR, SampleType.STR,
                (in, a, c) -> query(in.asString(), a.get(0), a.has(1)), JsonConverters::check));
        jwtPart(registry, "jwt_header_query", 0);
        jwtPart(registry, "jwt_payload_query", 1);
    }

    /**
     * {@code jwt_header_query} and {@code jwt_payload_query}: the JWT's part {@code index}
     * (RFC 7519 §3, compact serialization: base64url parts separated by '.'), decoded, or a
     * {@code json_query} on it when a path is given. Nothing when the token has no such part or
     * the part is not base64url (HAProxy 3.5 reads the header of a token without any '.').
     */
    private static void jwtPart(SampleRegistry registry, String name, int index) {
        registry.registerConverter(new ConverterDefinition(name, List.of(ArgType.STR, ArgType.STR), 0,
                SampleType.STR, SampleType.STR, (in, a, c) -> {
                    String[] parts = in.asString().split("\\.", -1);
                    if (parts.length <= index) {
                        return Optional.empty();
                    }
                    Optional<String> decoded = base64Url(parts[index]);
                    if (decoded.isEmpty() || !a.has(0)) {
                        return decoded.map(Sample::str);
                    }
                    return query(decoded.get(), a.get(0), a.has(1));
                }, args -> args.has(0) ? check(args) : args));
    }

    /** RFC 4648 §5 without padding, as JWTs carry it; bytes kept one per char. */
    private static Optional<String> base64Url(String part) {
        try {
            return Optional.of(new String(java.util.Base64.getUrlDecoder().decode(part),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Arguments check(Arguments args) throws SampleCompileException {
        if (args.str(0).isEmpty()) {
            throw new SampleCompileException("json_path must not be empty.");
        }
        if (args.has(1) && !args.str(1).equals("int")) {
            throw new SampleCompileException("output_type only supports \"int\" as argument.");
        }
        return args.with(0, Path.parse(args.str(0)));
    }

    /** A parsed path: its steps (String keys, Integer indexes), or null when it can match nothing. */
    record Path(List<Object> steps) {
        static Path parse(String text) {
            if (!text.startsWith("$")) {
                return new Path(null);
            }
            List<Object> steps = new ArrayList<>();
            int i = 1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '.') {
                    StringBuilder key = new StringBuilder();
                    i++;
                    while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                        if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                            i++;
                        }
                        key.append(text.charAt(i++));
                    }
                    steps.add(key.toString());
                } else if (c == '[') {
                    int close = text.indexOf(']', i);
                    String digits = close < 0 ? "" : text.substring(i + 1, close);
                    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(d -> d >= '0' && d <= '9')) {
                        return new Path(null);
                    }
                    steps.add(Integer.parseInt(digits));
                    i = close + 1;
                } else {
                    return new Path(null);
                }
            }
            return new Path(steps);
        }
    }

    static Optional<Sample> query(String json, Path path, boolean asInt) {
        if (path.steps() == null) {
            return Optional.empty();
        }
        try {
            Reader reader = new Reader(json);
            reader.skipBlanks();
            if (!reader.descend(path.steps(), 0)) {
                return Optional.empty();
            }
            return reader.target(asInt);
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        /** Walks the value at pos down the steps from {@code depth}; true with pos at the value found. */
        boolean descend(List<Object> steps, int depth) throws Malformed {
            if (depth == steps.size()) {
                return true;
            }
            Object step = steps.get(depth);
            char c = peek();
            if (c == '{' && step instanceof String key) {
                pos++;
                skipBlanks();
                if (peek() == '}') {
                    return false;
                }
                while (true) {
                    String name = rawString();
                    skipBlanks();
                    expect(':');
                    skipBlanks();
                    if (name.equals(key)) {
                        return descend(steps, depth + 1);
                    }
                    skipValue();
                    skipBlanks();
                    if (peek() == '}') {
                        return false;
                    }
                    expect(',');
                    skipBlanks();
                }
            }
            if (c == '[' && step instanceof Integer index) {
                pos++;
                skipBlanks();
                if (peek() == ']') {
                    return false;
                }
                for (int n = 0; ; n++) {
                    if (n == index) {
                        return descend(steps, depth + 1);
                    }
                    skipValue();
                    skipBlanks();
                    if (peek() == ']') {
                        return false;
                    }
                    expect(',');
                    skipBlanks();
                }
            }
            return false;
        }

        Optional<Sample> target(boolean asInt) throws Malformed {
            char c = peek();
            if (c == '"') {
                return unescape(rawString()).map(Sample::str);
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                String number = number();
                return asInt ? leadingInteger(number).map(Sample::sint) : Optional.of(Sample.str(formatG(strtod(number))));
            }
            if (text.startsWith("true", pos)) {
                return Optional.of(Sample.bool(true));
            }
            if (text.startsWith("false", pos)) {
                return Optional.of(Sample.bool(false));
            }
            return Optional.empty();
        }

        void skipValue() throws Malformed {
            char c = peek();
            if (c == '"') {
                rawString();
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                number();
            } else if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                pos++;
                skipBlanks();
                if (peek() == close) {
                    pos++;
                    return;
                }
                while (true) {
                    if (c == '{') {
                        rawString();
                        skipBlanks();
                        expect(':');
                        skipBlanks();
                    }
                    skipValue();
                    skipBlanks();
                    if (peek() == close) {
                        pos++;
                        return;
                    }
                    expect(',');
                    skipBlanks();
                }
            } else if (!literal("true") && !literal("false") && !literal("null")) {
                throw new Malformed();
            }
        }

        private boolean literal(String word) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return true;
            }
            return false;
        }

        /** A string's content as written (escapes kept), pos after its closing quote. */
        String rawString() throws Malformed {
            expect('"');
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    return text.substring(start, pos++);
                }
                pos += c == '\\' ? 2 : 1;
            }
            throw new Malformed();
        }

        String number() {
            int start = pos++;
            while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        void skipBlanks() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private char peek() throws Malformed {
            if (pos >= text.length()) {
                throw new Malformed();
            }
            return text.charAt(pos);
        }

        private void expect(char c) throws Malformed {
            if (peek() != c) {
                throw new Malformed();
            }
            pos++;
        }
    }

    /** Resolves escapes; empty on {@code \/}, unknown escapes and {@code \\u} above 00FF (as haproxy 2.6). */
    static Optional<String> unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= raw.length()) {
                return Optional.empty();
            }
            switch (raw.charAt(i)) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 >= raw.length() || !raw.startsWith("00", i + 1)) {
                        return Optional.empty();
                    }
                    int high = Character.digit(raw.charAt(i + 3), 16);
                    int low = Character.digit(raw.charAt(i + 4), 16);
                    if (high < 0 || low < 0) {
                        return Optional.empty();
                    }
                    out.append((char) (high * 16 + low));
                    i += 4;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.toString());
    }

    /** The integer C's strtoll reads at the start of a number token, within ±(2^53-1). */
    static Optional<Long> leadingInteger(String number) {
        int i = 0;
        boolean negative = number.startsWith("-");
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < number.length() && number.charAt(i) >= '0' && number.charAt(i) <= '9'; i++) {
            value = value * 10 + (number.charAt(i) - '0');
            if (value > MAX_SAFE_INTEGER) {
                return Optional.empty();
            }
        }
        return Optional.of(negative ? -value : value);
    }

    /** What C's strtod reads at the start of a number token (0 when nothing). */
    static double strtod(String number) {
        int i = number.startsWith("-") ? 1 : 0;
        int digitsStart = i;
        while (i < number.length() && Character.isDigit(number.charAt(i))) {
            i++;
        }
        if (i == digitsStart) {
            return 0.0;
        }
        if (i < number.length() && number.charAt(i) == '.') {
            i++;
            while (i < number.length() && Character.isDigit(number.charAt(i))) {
                i++;
            }
        }
        int mantissaEnd = i;
        if (i < number.length() && (number.charAt(i) == 'e' || number.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < number.length() && (number.charAt(j) == '+' || number.charAt(j) == '-')) {
                j++;
            }
            int expStart = j;
            while (j < number.length() && Character.isDigit(number.charAt(j))) {
                j++;
            }
            i = j > expStart ? j : mantissaEnd;
        }
        return Double.parseDouble(number.substring(0, i));
    }

    /** C's {@code printf("%g")}: six significant digits, trailing zeros removed. */
    static String formatG(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            return digits + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        BigDecimal plain = rounded.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }
}
