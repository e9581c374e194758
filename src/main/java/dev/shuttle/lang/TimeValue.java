package dev.shuttle.lang;

import java.util.Locale;

/**
 * Parses HAProxy's time and size notations (configuration.txt §2.5, "Time format").
 *
 * <p>A time is an unsigned integer followed by an optional unit: {@code us}, {@code ms} (the
 * default), {@code s}, {@code m}, {@code h} or {@code d}. Sizes take {@code k}, {@code m} or
 * {@code g} suffixes, powers of 1024.
 */
public final class TimeValue {
    private TimeValue() {}

    /**
     * Microseconds in one of a time's units (configuration.txt §2.5: us, ms, s, m, h, d; none is
     * milliseconds), or 0 for anything else.
     */
    public static long microsPerUnit(String unit) {
        return switch (unit) {
            case "us" -> 1L;
            case "", "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            case "d" -> 86_400_000_000L;
            default -> 0L;
        };
    }

    /** Milliseconds for a time such as {@code 5s}; microseconds round up to a whole millisecond. */
    public static long parseMillis(String text, String keyword) throws ConfigException {
        int digits = countDigits(text);
        if (digits == 0) {
            throw new ConfigException("'" + keyword + "' expects a time value such as '5s' (got '" + text + "')");
        }
        long value = parseNumber(text.substring(0, digits), keyword);
        String unit = text.substring(digits);
        long microsPerUnit = microsPerUnit(unit);
        if (microsPerUnit == 0) {
            throw new ConfigException("unexpected character '" + unit.charAt(0) + "' in '" + keyword + "'");
        }
        // Compare before multiplying so that no value, however long, can wrap around a long.
        long maxValue = (Integer.MAX_VALUE * 1_000L) / microsPerUnit;
        if (value > maxValue) {
            throw timerOverflow(text, keyword);
        }
        long millis = Math.ceilDiv(value * microsPerUnit, 1_000L);
        if (millis > Integer.MAX_VALUE) {
            throw timerOverflow(text, keyword);
        }
        return millis;
    }

    private static ConfigException timerOverflow(String text, String keyword) {
        return new ConfigException("timer overflow in argument '" + text + "' to '" + keyword
                + "' (maximum value is 2147483647 ms or ~24.8 days)");
    }

    /** Bytes for a size such as {@code 16k}. */
    public static long parseSize(String text, String keyword) throws ConfigException {
        int digits = countDigits(text);
        if (digits == 0) {
            throw new ConfigException("'" + keyword + "' expects a size (got '" + text + "')");
        }
        long value = parseNumber(text.substring(0, digits), keyword);
        long multiplier = switch (text.substring(digits).toLowerCase(Locale.ROOT)) {
            case "" -> 1L;
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> throw new ConfigException("'" + keyword + "': invalid size '" + text + "'");
        };
        if (value > Long.MAX_VALUE / multiplier) {
            throw new ConfigException("'" + keyword + "': value '" + text + "' is too large");
        }
        return value * multiplier;
    }

    /** A non-negative integer argument, with HAProxy's style of complaint. */
    public static int parseCount(String text, String keyword) throws ConfigException {
        if (countDigits(text) != text.length() || text.isEmpty()) {
            throw new ConfigException("'" + keyword + "' expects an integer argument (got '" + text + "')");
        }
        long value = parseNumber(text, keyword);
        if (value > Integer.MAX_VALUE) {
            throw new ConfigException("'" + keyword + "': value '" + text + "' is too large");
        }
        return (int) value;
    }

    private static int countDigits(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
            i++;
        }
        return i;
    }

    private static long parseNumber(String digits, String keyword) throws ConfigException {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            throw new ConfigException("'" + keyword + "': value '" + digits + "' is too large");
        }
    }
}
