package dev.shuttle.sample;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The date formatting converters {@code ltime} and {@code utime} (configuration.txt §7.3.1):
 * seconds since the epoch, plus an optional offset in seconds, printed with a strftime(3) format
 * in local time or in UTC. The format is compiled (and checked) when the configuration loads.
 */
public final class TimeConverters {
    private TimeConverters() {}

    public static void register(SampleRegistry registry) {
        define(registry, "ltime", false);
        define(registry, "utime", true);
    }

    private static void define(SampleRegistry registry, String name, boolean utc) {
        registry.registerConverter(new ConverterDefinition(name, List.of(ArgType.STR, ArgType.SINT), 1, SampleType.SINT,
                SampleType.STR,
                (in, a, c) -> format(in.asLong() + ConverterArguments.sintOr(a, 1, 0), a.get(0), utc),
                TimeConverters::compileFormat));
    }

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
        long kept = epochSeconds & 0x007fffffffffffffL;
        try {
            ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
            return Optional.of(Sample.str(format.format(Instant.ofEpochSecond(kept).atZone(zone), utc)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
