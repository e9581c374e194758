package dev.shuttle.config;

import java.util.EnumMap;
import java.util.Map;

/** The timeouts of one proxy, in milliseconds; an unset timeout is 0, meaning "wait forever" as in HAProxy. */
public record Timeouts(Map<TimeoutKind, Long> millis) {
    public Timeouts {
        millis = Map.copyOf(millis);
    }

    public static Timeouts none() {
        return new Timeouts(new EnumMap<>(TimeoutKind.class));
    }

    /** The timeout in milliseconds, or 0 when unset. */
    public long get(TimeoutKind kind) {
        return millis.getOrDefault(kind, 0L);
    }

    public boolean isSet(TimeoutKind kind) {
        return get(kind) > 0;
    }

    /** The timeout, or {@code fallback} (itself a kind) when unset; HAProxy's fin and tunnel timeouts fall back this way. */
    public long getOr(TimeoutKind kind, TimeoutKind fallback) {
        return isSet(kind) ? get(kind) : get(fallback);
    }
}
