package dev.shuttle.sample;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strftime(3) format, compiled once: the conversions of the C standard and POSIX that HAProxy
 * users write in {@code ltime}/{@code utime} formats, rendered as glibc renders them in the "C"
 * locale. A conversion outside that set is refused when the format is compiled, instead of being
 * copied to the output as glibc would.
 */
final class Strftime {
    private static final String SUPPORTED = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%";
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    /** Literal text, or one conversion character (after '%'), with the width of {@code %N} (1..9). */
    private record Piece(String literal, char conversion, int width) {}

    private final List<Piece> pieces;

    private Strftime(List<Piece> pieces) {
        this.pieces = pieces;
    }

    /** Compiles a format; an unsupported conversion is an {@link IllegalArgumentException}. */
    static Strftime compile(String format) {
        return compile(format, false);
    }

    /**
     * Compiles a format; with {@code nanoseconds}, {@code %N} and {@code %<width>N} are accepted too
     * (the fraction of the second, 9 digits by default, cut to the width; {@code ms_ltime},
     * {@code us_utime}... configuration.txt §7.3.1, after date(1)).
     */
    static Strftime compile(String format, boolean nanoseconds) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                throw new IllegalArgumentException("time format '" + format + "' ends with a lone '%'");
            }
            char conversion = format.charAt(++i);
            int width = 9;
            if (nanoseconds && conversion >= '1' && conversion <= '9' && i + 1 < format.length()
                    && format.charAt(i + 1) == 'N') {
                width = conversion - '0';
                conversion = format.charAt(++i);
            }
            if (nanoseconds && conversion == 'N') {
                if (literal.length() > 0) {
                    pieces.add(new Piece(literal.toString(), '\0', 0));
                    literal.setLength(0);
                }
                pieces.add(new Piece(null, 'N', width));
                continue;
            }
            if (SUPPORTED.indexOf(conversion) < 0) {
                throw new IllegalArgumentException("time format '" + format + "': unsupported conversion '%" + conversion
                        + "' (supported: %" + String.join(" %", SUPPORTED.split("")) + ")");
            }
            if (literal.length() > 0) {
                pieces.add(new Piece(literal.toString(), '\0', 0));
                literal.setLength(0);
            }
            pieces.add(new Piece(null, conversion, 0));
        }
        if (literal.length() > 0) {
            pieces.add(new Piece(literal.toString(), '\0', 0));
        }
        return new Strftime(pieces);
    }

    /**
     * Formats a date.
     *
     * @param utc whether this is {@code gmtime} (where glibc names the zone "GMT") rather than local time
     */
    String format(ZonedDateTime time, boolean utc) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            if (piece.literal() != null) {
                out.append(piece.literal());
            } else if (piece.conversion() == 'N') {
                String nanos = String.format(Locale.ROOT, "%09d", time.getNano());
                out.append(nanos, 0, piece.width());
            } else {
                append(out, piece.conversion(), time, utc);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, char conversion, ZonedDateTime t, boolean utc) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        int weekdayFromSunday = t.getDayOfWeek().getValue() % 7;
        int yearDay = t.getDayOfYear() - 1;
        switch (conversion) {
            case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
            case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
            case 'c' -> {
                append(out, 'a', t, utc);
                out.append(' ');
                append(out, 'b', t, utc);
                out.append(' ');
                append(out, 'e', t, utc);
                out.append(' ');
                append(out, 'T', t, utc);
                out.append(' ').append(t.getYear());
            }
            case 'C' -> pad(out, Math.floorDiv(t.getYear(), 100), 2, '0');
            case 'd' -> pad(out, t.getDayOfMonth(), 2, '0');
            case 'D', 'x' -> {
                pad(out, t.getMonthValue(), 2, '0');
                out.append('/');
                pad(out, t.getDayOfMonth(), 2, '0');
                out.append('/');
                pad(out, Math.floorMod(t.getYear(), 100), 2, '0');
            }
            case 'e' -> pad(out, t.getDayOfMonth(), 2, ' ');
            case 'F' -> {
                out.append(t.getYear()).append('-');
                pad(out, t.getMonthValue(), 2, '0');
                out.append('-');
                pad(out, t.getDayOfMonth(), 2, '0');
            }
            case 'g' -> pad(out, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2, '0');
            case 'G' -> out.append(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> pad(out, t.getHour(), 2, '0');
            case 'I' -> pad(out, hour12, 2, '0');
            case 'j' -> pad(out, t.getDayOfYear(), 3, '0');
            case 'k' -> pad(out, t.getHour(), 2, ' ');
            case 'l' -> pad(out, hour12, 2, ' ');
            case 'm' -> pad(out, t.getMonthValue(), 2, '0');
            case 'M' -> pad(out, t.getMinute(), 2, '0');
            case 'n' -> out.append('\n');
            case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case 'P' -> out.append(t.getHour() < 12 ? "am" : "pm");
            case 'r' -> {
                pad(out, hour12, 2, '0');
                out.append(':');
                pad(out, t.getMinute(), 2, '0');
                out.append(':');
                pad(out, t.getSecond(), 2, '0');
                out.append(' ');
                append(out, 'p', t, utc);
            }
            case 'R' -> {
                pad(out, t.getHour(), 2, '0');
                out.append(':');
                pad(out, t.getMinute(), 2, '0');
            }
            case 's' -> out.append(t.toEpochSecond());
            case 'S' -> pad(out, t.getSecond(), 2, '0');
            case 't' -> out.append('\t');
            case 'T', 'X' -> {
                append(out, 'R', t, utc);
                out.append(':');
                pad(out, t.getSecond(), 2, '0');
            }
            case 'u' -> out.append(t.getDayOfWeek().getValue());
            case 'U' -> pad(out, (yearDay + 7 - weekdayFromSunday) / 7, 2, '0');
            case 'V' -> pad(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0');
            case 'w' -> out.append(weekdayFromSunday);
            case 'W' -> pad(out, (yearDay + 7 - (weekdayFromSunday + 6) % 7) / 7, 2, '0');
            case 'y' -> pad(out, Math.floorMod(t.getYear(), 100), 2, '0');
            case 'Y' -> out.append(t.getYear());
            case 'z' -> {
                int offset = t.getOffset().getTotalSeconds() / 60;
                out.append(offset < 0 ? '-' : '+');
                pad(out, Math.abs(offset) / 60 * 100 + Math.abs(offset) % 60, 4, '0');
            }
            case 'Z' -> out.append(utc ? "GMT" : ZONE_NAME.format(t));
            case '%' -> out.append('%');
            default -> throw new IllegalStateException("conversion accepted at compile time: %" + conversion);
        }
    }

    private static void pad(StringBuilder out, int value, int width, char padding) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append(padding);
        }
        out.append(digits);
    }
}
