package dev.shuttle.config;

/**
 * Parses HAProxy's time and size notations (configuration.txt §2.5, "Time format").
 *
 * <p>A time is an unsigned integer followed by an optional unit: {@code us}, {@code ms} (the
 * default), {@code s}, {@code m}, {@code h} or {@code d}. Sizes take {@code k}, {@code m} or
 * {@code g} suffixes, powers of 1024.
 */
public final class TimeValue {
    private TimeValue() {}

    /** Milliseconds for a time such as {@code 5s}; microseconds round up to a whole millisecond. */
    public static long parseMillis(String text, String keyword) throws ConfigException {
        int digits = countDigits(text);
        if (digits == 0) {
            throw new ConfigException("'" + keyword + "' expects a time value such as '5s' (got '" + text + "')");
        }
        long value = parseNumber(text.substring(0, digits), keyword);
        String unit = text.substring(digits);
        long micros = switch (unit) {
            case "us" -> value;
            case "", "ms" -> Math.multiplyExact(value, 1_000L);
            case "s" -> Math.multiplyExact(value, 1_000_000L);
            case "m" -> Math.multiplyExact(value, 60_000_000L);
            case "h" -> Math.multiplyExact(value, 3_600_000_000L);
            case "d" -> Math.multiplyExact(value, 86_400_000_000L);
            default -> throw new ConfigException("unexpected character '" + unit.charAt(0) + "' in '" + keyword + "'");
        };
        long millis = (micros + 999) / 1_000;
        if (millis > Integer.MAX_VALUE) {
            throw new ConfigException("timer overflow in argument '" + text + "' to '" + keyword
                    + "' (maximum value is 2147483647 ms or ~24.8 days)");
        }
        return millis;
    }

    /** Bytes for a size such as {@code 16k}. */
    public static long parseSize(String text, String keyword) throws ConfigException {
        int digits = countDigits(text);
        if (digits == 0) {
            throw new ConfigException("'" + keyword + "' expects a size (got '" + text + "')");
        }
        long value = parseNumber(text.substring(0, digits), keyword);
        return switch (text.substring(digits).toLowerCase(java.util.Locale.ROOT)) {
            case "" -> value;
            case "k" -> value * 1024;
            case "m" -> value * 1024 * 1024;
            case "g" -> value * 1024 * 1024 * 1024;
            default -> throw new ConfigException("'" + keyword + "': invalid size '" + text + "'");
        };
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
