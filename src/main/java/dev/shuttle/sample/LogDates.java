package dev.shuttle.sample;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The dates of log lines (configuration.txt §8.2.6): {@code %t} and {@code %tr} in local time with
 * milliseconds ({@code 06/Dec/2026:22:30:28.919}), {@code %T} and {@code %trg} in GMT with the
 * zone ({@code 06/Dec/2026:22:30:28 +0000}), {@code %Tl} and {@code %trl} in local time with the
 * zone. Each text up to the second is made once a second and shared by every thread (a stale
 * value is merely made again).
 */
public final class LogDates {
    private record Second(long epochSecond, String text) {}

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter GMT =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_ZONE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss xx", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private static volatile Second local;
    private static volatile Second gmt;
    private static volatile Second localZone;

    private LogDates() {}

    /** {@code 06/Dec/2026:22:30:28.919}, local time. */
    public static StringBuilder appendLocalMillis(StringBuilder out, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Second cached = local;
        if (cached == null || cached.epochSecond() != second) {
            cached = new Second(second, LOCAL.format(Instant.ofEpochSecond(second)));
            local = cached;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        return out.append(cached.text()).append(millis < 10 ? ".00" : millis < 100 ? ".0" : ".").append(millis);
    }

    /** {@code 06/Dec/2026:22:30:28 +0000}. */
    static String gmt(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Second cached = gmt;
        if (cached == null || cached.epochSecond() != second) {
            cached = new Second(second, GMT.format(Instant.ofEpochSecond(second)));
            gmt = cached;
        }
        return cached.text();
    }

    /** {@code 06/Dec/2026:23:30:28 +0100}, local time. */
    static String localWithZone(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Second cached = localZone;
        if (cached == null || cached.epochSecond() != second) {
            cached = new Second(second, LOCAL_ZONE.format(Instant.ofEpochSecond(second)));
            localZone = cached;
        }
        return cached.text();
    }
}
