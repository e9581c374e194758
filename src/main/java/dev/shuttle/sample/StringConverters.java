package dev.shuttle.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The converters that cut, search and assemble text (configuration.txt §7.3.1: lower, upper,
 * length, field, word, regsub, concat, add_item, strcmp, ltrim, rtrim, cut_crlf, param).
 * Strings hold one char per byte, so every length and index here counts bytes, as HAProxy's do.
 */
public final class StringConverters {
    private StringConverters() {}

    public static void register(SampleRegistry registry) {
        simple(registry, "lower", SampleType.STR, s -> Sample.str(asciiCase(s, false)));
        simple(registry, "upper", SampleType.STR, s -> Sample.str(asciiCase(s, true)));
        simple(registry, "length", SampleType.SINT, s -> Sample.sint(s.length()));
        simple(registry, "cut_crlf", SampleType.STR, StringConverters::cutCrlf);
        define(registry, "field", List.of(ArgType.SINT, ArgType.STR, ArgType.SINT), 2, SampleType.STR,
                (in, a, c) -> field(in.asString(), a.sint(0), a.str(1), ConverterArguments.sintOr(a, 2, 1)),
                StringConverters::checkIndexAndCount);
        define(registry, "word", List.of(ArgType.SINT, ArgType.STR, ArgType.SINT), 2, SampleType.STR,
                (in, a, c) -> word(in.asString(), a.sint(0), a.str(1), ConverterArguments.sintOr(a, 2, 1)),
                StringConverters::checkIndexAndCount);
        define(registry, "regsub", List.of(ArgType.REG, ArgType.STR, ArgType.STR), 2, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(regsub(in.asString(), a.regex(0), a.str(1),
                        ConverterArguments.strOr(a, 2, "").indexOf('g') >= 0))),
                StringConverters::checkRegsubFlags);
        define(registry, "concat", List.of(ArgType.STR, ArgType.STR, ArgType.STR), 0, SampleType.STR,
                StringConverters::concat, a -> ConverterArguments.parseOptionalVariable(a, 1));
        define(registry, "add_item", List.of(ArgType.STR, ArgType.STR, ArgType.STR), 1, SampleType.STR,
                StringConverters::addItem, StringConverters::checkAddItem);
        define(registry, "strcmp", List.of(ArgType.VAR), 1, SampleType.SINT,
                (in, a, c) -> ConverterArguments.read(c, a.variable(0), SampleType.STR)
                        .map(other -> Sample.sint(compare(in.asString(), other.asString()))),
                Arguments.Checker.NONE);
        define(registry, "ltrim", List.of(ArgType.STR), 1, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(trim(in.asString(), a.str(0), true))), Arguments.Checker.NONE);
        define(registry, "rtrim", List.of(ArgType.STR), 1, SampleType.STR,
                (in, a, c) -> Optional.of(Sample.str(trim(in.asString(), a.str(0), false))), Arguments.Checker.NONE);
        define(registry, "param", List.of(ArgType.STR, ArgType.STR), 1, SampleType.STR,
                (in, a, c) -> param(in.asString(), a.str(0), (Character) a.get(1)),
                StringConverters::checkParamDelimiter);
    }

    /** Changes the case of ASCII letters only, as C's tolower/toupper do in the "C" locale. */
    static String asciiCase(String text, boolean upper) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (upper && c >= 'a' && c <= 'z') {
                chars[i] = (char) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + 32);
            }
        }
        return new String(chars);
    }

    static Sample cutCrlf(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\r' || text.charAt(i) == '\n') {
                return Sample.str(text.substring(0, i));
            }
        }
        return Sample.str(text);
    }

    static Arguments checkIndexAndCount(Arguments args) throws SampleCompileException {
        if (args.sint(0) == 0) {
            throw new SampleCompileException("Unexpected value 0 for index.");
        }
        if (ConverterArguments.sintOr(args, 2, 1) < 0) {
            throw new SampleCompileException("Unexpected value " + args.sint(2) + " for count.");
        }
        return args;
    }

    /**
     * {@code field}: every delimiter ends a field, so empty fields count. A positive index counts
     * from the start, a negative one from the end; {@code count} fields are taken towards the
     * other end (0: all remaining). An index past the last field makes the converter fail.
     */
    static Optional<Sample> field(String text, long index, String delimiters, long count) {
        List<int[]> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || delimiters.indexOf(text.charAt(i)) >= 0) {
                fields.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return select(text, fields, index, count).map(Sample::str);
    }

    /**
     * {@code word}: like {@code field}, but words are runs of non-delimiters, so delimiters at
     * either end or repeated ones separate nothing. An index past the last word gives an empty
     * string (not a failure, unlike {@code field}).
     */
    static Optional<Sample> word(String text, long index, String delimiters, long count) {
        List<int[]> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean delimiter = i == text.length() || delimiters.indexOf(text.charAt(i)) >= 0;
            if (delimiter && start >= 0) {
                words.add(new int[] {start, i});
                start = -1;
            } else if (!delimiter && start < 0) {
                start = i;
            }
        }
        return Optional.of(Sample.str(select(text, words, index, count).orElse("")));
    }

    /** The text spanning the selected pieces, delimiters between them included. */
    private static Optional<String> select(String text, List<int[]> pieces, long index, long count) {
        int n = pieces.size();
        if (Math.abs(index) > n) {
            return Optional.empty();
        }
        int first;
        int last;
        if (index > 0) {
            first = (int) index - 1;
            last = count == 0 ? n - 1 : (int) Math.min(n - 1, first + count - 1);
        } else {
            last = n + (int) index;
            first = count == 0 ? 0 : (int) Math.max(0, last - count + 1);
        }
        return Optional.of(text.substring(pieces.get(first)[0], pieces.get(last)[1]));
    }

    static Arguments checkRegsubFlags(Arguments args) throws SampleCompileException {
        for (char flag : ConverterArguments.strOr(args, 2, "").toCharArray()) {
            if (flag != 'g' && flag != 'i') {
                throw new SampleCompileException("invalid regex flag '" + flag + "', only 'i' and 'g' are supported");
            }
        }
        if (ConverterArguments.strOr(args, 2, "").indexOf('i') >= 0) {
            Pattern regex = args.regex(0);
            return args.with(0, Pattern.compile(regex.pattern(), regex.flags() | Pattern.CASE_INSENSITIVE));
        }
        return args;
    }

    /**
     * {@code regsub}: replaces the first match (all of them with flag {@code g}) by the
     * substitution, where {@code \0}..{@code \9} stand for the match and its groups. Like sed,
     * an empty match right after a previous match is replaced too ({@code abc} with {@code b*}
     * and {@code g} gives {@code XaXXcX}).
     */
    static String regsub(String text, Pattern regex, String substitution, boolean global) {
        Matcher matcher = regex.matcher(text);
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (position <= text.length() && matcher.find(position)) {
            out.append(text, position, matcher.start());
            appendSubstitution(out, substitution, matcher);
            if (matcher.end() == matcher.start()) {
                if (matcher.start() < text.length()) {
                    out.append(text.charAt(matcher.start()));
                }
                position = matcher.start() + 1;
            } else {
                position = matcher.end();
            }
            if (!global) {
                break;
            }
        }
        if (position < text.length()) {
            out.append(text, position, text.length());
        }
        return out.toString();
    }

    private static void appendSubstitution(StringBuilder out, String substitution, Matcher matcher) {
        for (int i = 0; i < substitution.length(); i++) {
            char c = substitution.charAt(i);
            if (c == '\\' && i + 1 < substitution.length() && Character.isDigit(substitution.charAt(i + 1))) {
                int group = substitution.charAt(++i) - '0';
                if (group <= matcher.groupCount() && matcher.group(group) != null) {
                    out.append(matcher.group(group));
                }
            } else {
                out.append(c);
            }
        }
    }

    static Optional<Sample> concat(Sample input, Arguments args, SampleContext context) {
        return Optional.of(Sample.str(input.asString() + ConverterArguments.strOr(args, 0, "")
                + ConverterArguments.optionalVariableText(args, 1, context).orElse("")
                + ConverterArguments.strOr(args, 2, "")));
    }

    static Arguments checkAddItem(Arguments args) throws SampleCompileException {
        if (ConverterArguments.strOr(args, 1, "").isEmpty() && !args.has(2)) {
            throw new SampleCompileException("add_item: expects a variable name, a suffix, or both");
        }
        return ConverterArguments.parseOptionalVariable(args, 1);
    }

    /** {@code add_item}: the delimiter goes in only between a non-empty input and a non-empty item. */
    static Optional<Sample> addItem(Sample input, Arguments args, SampleContext context) {
        String item = ConverterArguments.optionalVariableText(args, 1, context).orElse("")
                + ConverterArguments.strOr(args, 2, "");
        String current = input.asString();
        String delimiter = !current.isEmpty() && !item.isEmpty() ? args.str(0) : "";
        return Optional.of(Sample.str(current + delimiter + item));
    }

    /** strcmp(3) as glibc answers it: the difference of the first differing bytes, else of the lengths. */
    static long compare(String left, String right) {
        int common = Math.min(left.length(), right.length());
        for (int i = 0; i < common; i++) {
            if (left.charAt(i) != right.charAt(i)) {
                return (left.charAt(i) & 0xff) - (right.charAt(i) & 0xff);
            }
        }
        return left.length() - right.length();
    }

    static String trim(String text, String characters, boolean fromStart) {
        int start = 0;
        int end = text.length();
        if (fromStart) {
            while (start < end && characters.indexOf(text.charAt(start)) >= 0) {
                start++;
            }
        } else {
            while (end > start && characters.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return text.substring(start, end);
    }

    /**
     * {@code param}'s delimiter: one character, or {@code 0xHH} (hex digits in either case; HAProxy 3.5
     * refuses "0X") for a byte that cannot be
     * written in the configuration (NUL...); "&" by default. Kept as a Character.
     */
    static Arguments checkParamDelimiter(Arguments args) throws SampleCompileException {
        String text = ConverterArguments.strOr(args, 1, "&");
        if (text.length() == 4 && text.startsWith("0x")) {
            int high = Character.digit(text.charAt(2), 16);
            int low = Character.digit(text.charAt(3), 16);
            if (high >= 0 && low >= 0) {
                return args.with(1, (char) (high << 4 | low));
            }
        }
        if (text.length() != 1) {
            throw new SampleCompileException("Delimiter must be either exactly 1 character, or 0xHH for an ASCII code");
        }
        return args.with(1, text.charAt(0));
    }

    /**
     * {@code param}: the value of the first {@code name=value} segment between delimiters; a
     * segment holding just the name has an empty value. Fails when the name is absent. No
     * percent-decoding (url_dec can follow).
     */
    static Optional<Sample> param(String text, String name, char delimiter) {
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(delimiter, start);
            if (end < 0) {
                end = text.length();
            }
            String segment = text.substring(start, end);
            if (segment.equals(name)) {
                return Optional.of(Sample.str(""));
            }
            if (segment.startsWith(name) && segment.length() > name.length() && segment.charAt(name.length()) == '=') {
                return Optional.of(Sample.str(segment.substring(name.length() + 1)));
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    private interface TextToSample {
        Sample apply(String text);
    }

    private static void simple(SampleRegistry registry, String name, SampleType output, TextToSample operation) {
        define(registry, name, List.of(), 0, output, (in, a, c) -> Optional.of(operation.apply(in.asString())),
                Arguments.Checker.NONE);
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType output, ConverterDefinition.Function function, Arguments.Checker checker) {
        registry.registerConverter(new ConverterDefinition(name, argTypes, required, SampleType.STR, output, function,
                checker));
    }
}
