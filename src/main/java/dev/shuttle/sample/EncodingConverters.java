package dev.shuttle.sample;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The converters between bytes and their text encodings (configuration.txt §7.3.1: hex, hex2i,
 * base64, b64dec, ub64enc, ub64dec, url_enc, url_dec, json).
 */
public final class EncodingConverters {
    private EncodingConverters() {}

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    public static void register(SampleRegistry registry) {
        define(registry, "hex", List.of(), 0, SampleType.BIN, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(UPPER_HEX.formatHex(in.asBytes()))));
        define(registry, "hex2i", List.of(), 0, SampleType.STR, SampleType.SINT, (in, a, c) -> hexToInteger(in.asString()));
        define(registry, "base64", List.of(), 0, SampleType.BIN, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(Base64.getEncoder().encodeToString(in.asBytes()))));
        define(registry, "ub64enc", List.of(), 0, SampleType.BIN, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(Base64.getUrlEncoder().withoutPadding().encodeToString(in.asBytes()))));
        define(registry, "b64dec", List.of(), 0, SampleType.STR, SampleType.BIN, (in, a, c) -> base64Decode(in.asString()));
        define(registry, "ub64dec", List.of(), 0, SampleType.STR, SampleType.BIN, (in, a, c) -> base64UrlDecode(in.asString()));
        define(registry, "url_enc", List.of(ArgType.STR), 0, SampleType.STR, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(urlEncode(in.asString()))),
                        EncodingConverters::checkUrlEncodingType);
        define(registry, "url_dec", List.of(ArgType.SINT), 0, SampleType.STR, SampleType.STR,
                (in, a, c) -> urlDecode(in.asString(), ConverterArguments.sintOr(a, 0, 0) != 0).map(Sample::str));
        define(registry, "json", List.of(ArgType.STR), 0, SampleType.STR, SampleType.STR,
                (in, a, c) -> JsonEscaper.escape(in.asString(), a.get(0)).map(Sample::str),
                        EncodingConverters::checkJsonMode);
    }

    /**
     * {@code hex2i}: the value of hex digits (overflowing digits shift out on the left). Empty
     * text gives 0; any other character makes the converter fail.
     */
    static Optional<Sample> hexToInteger(String text) {
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f') { // Character.digit also takes non-ASCII digits
                return Optional.empty();
            }
            value = (value << 4) | digit;
        }
        return Optional.of(Sample.sint(value));
    }

    /** RFC 4648 §4 base64, padding required: a length that is not a multiple of 4 fails. */
    static Optional<Sample> base64Decode(String text) {
        if (text.length() % 4 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Sample.bin(Base64.getDecoder().decode(text.getBytes(StandardCharsets.ISO_8859_1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** RFC 4648 §5 base64url, padding optional. */
    static Optional<Sample> base64UrlDecode(String text) {
        if (text.length() % 4 == 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(Sample.bin(Base64.getUrlDecoder().decode(text.getBytes(StandardCharsets.ISO_8859_1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Arguments checkUrlEncodingType(Arguments args) throws SampleCompileException {
        // haproxy 2.6 takes url_enc() and url_enc('') as url_enc.
        if (args.has(0) && !args.str(0).isEmpty() && !args.str(0).equals("query")) {
            throw new SampleCompileException("url_enc: unknown encoding type '" + args.str(0) + "' (only 'query' exists)");
        }
        return args;
    }

    /** Percent-encodes every byte except RFC 3986's unreserved characters, in upper-case hex. */
    static String urlEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(UPPER_HEX.toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes (a malformed one makes the converter fail). {@code +} becomes a
     * space after a {@code ?} (a query string), or everywhere when {@code inForm}.
     */
    static Optional<String> urlDecode(String text, boolean inForm) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inQuery = inForm;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                out.append((char) (high * 16 + low));
                i += 2;
            } else if (c == '+' && inQuery) {
                out.append(' ');
            } else {
                inQuery |= c == '?';
                out.append(c);
            }
        }
        return Optional.of(out.toString());
    }

    private static final Set<String> JSON_MODES = Set.of("ascii", "utf8", "utf8s", "utf8p", "utf8ps");

    /** Replaces the input code name by its {@link JsonEscaper.Mode} ("ascii" when absent or empty). */
    static Arguments checkJsonMode(Arguments args) throws SampleCompileException {
        String mode = ConverterArguments.strOr(args, 0, "");
        mode = mode.isEmpty() ? "ascii" : mode; // haproxy 2.6 takes json() and json('') as json
        if (!JSON_MODES.contains(mode)) {
            throw new SampleCompileException("json: unexpected input code type '" + mode
                    + "'. Allowed value are 'ascii', 'utf8', 'utf8s', 'utf8p' and 'utf8ps'");
        }
        return args.with(0, JsonEscaper.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType input, SampleType output, ConverterDefinition.Function function) {
        define(registry, name, argTypes, required, input, output, function, Arguments.Checker.NONE);
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType input, SampleType output, ConverterDefinition.Function function,
                               Arguments.Checker checker) {
        registry.registerConverter(new ConverterDefinition(name, argTypes, required, input, output, function, checker));
    }
}
