package dev.shuttle.sample;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The date formatting converters {@code ltime} and {@code utime} (configuration.txt §7.3.1), their
 * millisecond and microsecond forms ({@code ms_ltime}, {@code us_utime}...: input and offset in that
 * unit, {@code %N} for the fraction), and {@code http_date}. For {@code ltime} and {@code utime}:
 * seconds since the epoch, plus an optional offset in seconds, printed with a strftime(3) format
 * in local time or in UTC. The format is compiled (and checked) when the configuration loads.
 */
public final class TimeConverters {
    private TimeConverters() {}

    public static void register(SampleRegistry registry) {
        define(registry, "ltime", false, 1);
        define(registry, "utime", true, 1);
        define(registry, "ms_ltime", false, 1_000);
        define(registry, "ms_utime", true, 1_000);
        define(registry, "us_ltime", false, 1_000_000);
        define(registry, "us_utime", true, 1_000_000);
        registry.registerConverter(new ConverterDefinition("http_date", List.of(ArgType.SINT, ArgType.STR), 0,
                SampleType.SINT, SampleType.STR,
                (in, a, c) -> httpDate(in.asLong() + ConverterArguments.sintOr(a, 0, 0), (Long) a.get(1)),
                TimeConverters::checkUnit));
    }

    /**
     * @param perSecond the input's unit: 1 for seconds ({@code ltime}), 1000 for milliseconds
     *                  ({@code ms_ltime}), 1000000 for microseconds ({@code us_ltime}); {@code %N} is
     *                  accepted in the format when it is not 1. The offset is in seconds whatever the
     *                  unit: the manual says "in milliseconds" (or microseconds), but HAProxy 3.5-dev5
     *                  adds it in seconds ({@code ms_utime(%T,1000)} moves 1000 s), and Shuttle follows
     *                  the running reference
     */
    private static void define(SampleRegistry registry, String name, boolean utc, long perSecond) {
        registry.registerConverter(new ConverterDefinition(name, List.of(ArgType.STR, ArgType.SINT), 1, SampleType.SINT,
                SampleType.STR,
                (in, a, c) -> format(in.asLong() + ConverterArguments.sintOr(a, 1, 0) * perSecond, perSecond, a.get(0),
                        utc),
                perSecond == 1 ? TimeConverters::compileFormat : TimeConverters::compileFormatWithNanoseconds));
    }

    static Arguments compileFormatWithNanoseconds(Arguments args) throws SampleCompileException {
        try {
            return args.with(0, Strftime.compile(args.str(0), true));
        } catch (IllegalArgumentException e) {
            throw new SampleCompileException(e.getMessage());
        }
    }

    /** {@code http_date}'s unit: "s" (the default), "ms" or "us", kept as the count per second. */
    static Arguments checkUnit(Arguments args) throws SampleCompileException {
        String unit = ConverterArguments.strOr(args, 1, "s");
        return switch (unit) {
            case "s" -> args.with(1, 1L);
            case "ms" -> args.with(1, 1_000L);
            case "us" -> args.with(1, 1_000_000L);
            default -> throw new SampleCompileException("Invalid unit '" + unit + "', expects 's', 'ms' or 'us'");
        };
    }

    /**
     * RFC 9110 §5.6.7's IMF-fixdate, {@code Tue, 14 Nov 2023 22:13:20 GMT}; with a unit finer than
     * the second, HAProxy 3.5 adds the fraction ({@code 22:13:20.123 GMT}).
     */
    static Optional<Sample> httpDate(long date, long perSecond) {
        long seconds = Math.floorDiv(date, perSecond);
        long fraction = Math.floorMod(date, perSecond);
        try {
            ZonedDateTime time = Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC);
            StringBuilder out = new StringBuilder(HTTP_DATE.format(time));
            if (perSecond > 1) {
                String digits = Long.toString(perSecond + fraction).substring(1);
                out.append('.').append(digits);
            }
            return Optional.of(Sample.str(out.append(" GMT").toString()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss",
            Locale.US);

    /** Replaces the format by its compiled {@link Strftime}. */
    static Arguments compileFormat(Arguments args) throws SampleCompileException {
        try {
            return args.with(0, Strftime.compile(args.str(0)));
        } catch (IllegalArgumentException e) {
            throw new SampleCompileException(e.getMessage());
        }
    }

    /**
     * Formats a date. Like HAProxy, only the low 55 bits of the date are kept (so a negative date
     * is a date far in the future); one beyond the year 1,000,000,000 cannot be printed and the
     * converter fails.
     */
    static Optional<Sample> format(long epochSeconds, Strftime format, boolean utc) {
        return format(epochSeconds, 1, format, utc);
    }

    /** {@link #format(long, Strftime, boolean)} for a date counted {@code perSecond} times a second. */
    static Optional<Sample> format(long date, long perSecond, Strftime format, boolean utc) {
        long kept = Math.floorDiv(date, perSecond) & 0x007fffffffffffffL;
        long nanos = Math.floorMod(date, perSecond) * (1_000_000_000L / perSecond);
        try {
            ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
            return Optional.of(Sample.str(format.format(Instant.ofEpochSecond(kept, nanos).atZone(zone), utc)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
