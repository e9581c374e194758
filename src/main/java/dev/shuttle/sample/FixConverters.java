package dev.shuttle.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The converters that read a FIX (Financial Information eXchange) message (configuration.txt
 * §7.3.1): {@code fix_is_valid} and {@code fix_tag_value(<tag>)}. A message is a run of fields
 *
 * <pre>
 *   field = tag "=" value SOH        ; tag: decimal digits, not 0; SOH is the byte 0x01
 *   8=&lt;BeginString&gt; 9=&lt;BodyLength&gt; 35=&lt;MsgType&gt; ... 10=&lt;CheckSum&gt;
 * </pre>
 *
 * where BodyLength counts the bytes after its own field up to the CheckSum field, and CheckSum
 * is the sum of every byte before it, modulo 256, in three digits. The checks are HAProxy 3.5's:
 * a tag must be known to the message's FIX version (user tags 10000 to 19999 always are); while a
 * message is cut short, neither converter answers and a rule inspecting content waits for more.
 */
public final class FixConverters {
    private static final byte SOH = 0x01;
    private static final int BEGIN_STRING = 8;
    private static final int BODY_LENGTH = 9;
    private static final int CHECK_SUM = 10;
    private static final int MSG_TYPE = 35;
    /** The smallest complete message. */
    private static final int MINIMUM_SIZE = 26;
    /** The largest tag each version defines ("FIXT.1.1" is FIX 5.0, all service packs). */
    private static final Map<String, Integer> LAST_TAG = Map.of("FIX.4.0", 140, "FIX.4.1", 211, "FIX.4.2", 446,
            "FIX.4.3", 659, "FIX.4.4", 956, "FIXT.1.1", 1621);
    /** The tag names {@code fix_tag_value} knows, in lower case. */
    private static final Map<String, Integer> TAG_NAMES = Map.of("msgtype", MSG_TYPE, "checksum", CHECK_SUM,
            "bodylength", BODY_LENGTH, "targetcompid", 56, "beginstring", BEGIN_STRING, "sendercompid", 49);

    enum Verdict { VALID, INVALID, INCOMPLETE }

    private FixConverters() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("fix_is_valid", List.of(), 0, SampleType.BIN,
                SampleType.BOOL, (in, a, c) -> switch (validate(in.asBytes())) {
                    case VALID -> Optional.of(Sample.bool(true));
                    case INVALID -> Optional.of(Sample.bool(false));
                    case INCOMPLETE -> {
                        c.answerMayChange();
                        yield Optional.empty();
                    }
                }));
        registry.registerConverter(new ConverterDefinition("fix_tag_value", List.of(ArgType.STR), 1, SampleType.BIN,
                SampleType.BIN, (in, a, c) -> tagValue(in.asBytes(), (int) a.sint(0), c),
                FixConverters::checkTag));
    }

    /** {@code <tag>}: a tag number, or one of the names HAProxy knows (any case). */
    private static Arguments checkTag(Arguments arguments) throws SampleCompileException {
        String tag = arguments.str(0);
        long number = tagNumber(tag);
        if (number == 0) {
            number = TAG_NAMES.getOrDefault(tag.toLowerCase(Locale.ROOT), 0);
        }
        if (number == 0) {
            throw new SampleCompileException("Unknown FIX tag name '" + tag + "'");
        }
        return arguments.with(0, number);
    }

    /** A tag's number: decimal digits only (an unsigned 32-bit number), not 0; 0 when it is not one. */
    private static long tagNumber(String tag) {
        if (tag.isEmpty()) {
            return 0;
        }
        int value = 0;
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return Integer.toUnsignedLong(value);
    }

    /** Whether {@code tag} is a valid tag of {@code version} (no version: any tag number). */
    private static long checkedTag(String tag, String version) {
        long number = tagNumber(tag);
        if (number == 0 || version == null || number >= 10000 && number <= 19999) {
            return number;
        }
        return number <= LAST_TAG.get(version) ? number : 0;
    }

    /** One field at {@code from}: its tag, its value, and where the next one starts; null when cut short. */
    private record Field(String tag, String value, int next, boolean emptyTag) {}

    private static Field field(String message, int from) {
        int equals = message.indexOf('=', from);
        if (equals < 0) {
            return null;
        }
        int end = message.indexOf(SOH, equals);
        if (end < 0) {
            return null;
        }
        return new Field(message.substring(from, equals), message.substring(equals + 1, end), end + 1,
                equals == from);
    }

    static Verdict validate(byte[] bytes) {
        if (bytes.length < MINIMUM_SIZE) {
            return Verdict.INCOMPLETE;
        }
        String message = new String(bytes, StandardCharsets.ISO_8859_1);
        String version = null;
        int fields = 0;
        int checksum = 0;
        long bodyLength = 0;
        int bodyStart = -1;
        int at = 0;
        while (at < message.length()) {
            Field field = field(message, at);
            if (field == null) {
                return Verdict.INCOMPLETE;
            }
            if (field.emptyTag()) {
                return Verdict.INVALID;
            }
            long tag = checkedTag(field.tag(), version);
            if (tag == 0) {
                return Verdict.INVALID;
            }
            fields++;
            if (fields == 1) {
                if (tag != BEGIN_STRING || !LAST_TAG.containsKey(field.value())) {
                    return Verdict.INVALID;
                }
                version = field.value();
            } else if (fields == 2) {
                bodyLength = tagNumber(field.value());
                if (tag != BODY_LENGTH || bodyLength == 0) {
                    return Verdict.INVALID;
                }
                bodyStart = field.next();
            } else if (fields == 3) {
                if (tag != MSG_TYPE) {
                    return Verdict.INVALID;
                }
            } else if (tag == CHECK_SUM) {
                boolean valid = bodyLength == at - bodyStart && field.value().length() == 3
                        && threeDigits(field.value()) == checksum;
                return valid ? Verdict.VALID : Verdict.INVALID;
            }
            for (int i = at; i < field.next(); i++) {
                checksum = (checksum + message.charAt(i)) & 0xFF;
            }
            at = field.next();
        }
        return bodyStart >= 0 ? Verdict.INCOMPLETE : Verdict.INVALID;
    }

    /** HAProxy reads the checksum's three bytes as digits without looking ({@code c - '0'}). */
    private static long threeDigits(String value) {
        int number = 0;
        for (int i = 0; i < value.length(); i++) {
            number = number * 10 + (value.charAt(i) - '0');
        }
        return Integer.toUnsignedLong(number);
    }

    /** The value of the first field with {@code tag}; nothing when absent, invalid, or not there yet. */
    static Optional<Sample> tagValue(byte[] bytes, int tag, SampleContext context) {
        String message = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < message.length()) {
            Field field = field(message, at);
            if (field == null) {
                break;
            }
            if (field.emptyTag()) {
                return Optional.empty();
            }
            long number = tagNumber(field.tag());
            if (number == 0) {
                return Optional.empty();
            }
            if (number == Integer.toUnsignedLong(tag)) {
                if (field.value().isEmpty()) {
                    break; // HAProxy takes an empty value for one still to come
                }
                return Optional.of(Sample.bin(field.value().getBytes(StandardCharsets.ISO_8859_1)));
            }
            if (number == CHECK_SUM) {
                return Optional.empty();
            }
            at = field.next();
        }
        context.answerMayChange();
        return Optional.empty();
    }
}
