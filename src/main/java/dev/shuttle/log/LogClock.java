package dev.shuttle.log;

import java.time.Instant;
import java.time.ZoneId;

/** The time a log header carries: injectable, so that a test can check a header byte for byte. */
public interface LogClock {
    /** Microseconds since the epoch. */
    long epochMicros();

    /** The zone the header's local time is written in. */
    ZoneId zone();

    /** The system clock, in the system's time zone, as HAProxy writes its headers. */
    static LogClock system() {
        ZoneId zone = ZoneId.systemDefault();
        return new LogClock() {
            @Override
            public long epochMicros() {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
            }

            @Override
            public ZoneId zone() {
                return zone;
            }
        };
    }
}
