package dev.shuttle.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The timeouts of one proxy, in milliseconds; an unset timeout is 0, meaning "wait forever" as in HAProxy. */
public record Timeouts(Map<TimeoutKind, Long> millis) {
    public Timeouts {
        // An EnumMap: every exchange reads its timeouts, and an EnumMap indexes an array.
        EnumMap<TimeoutKind, Long> byKind = new EnumMap<>(TimeoutKind.class);
        millis.forEach((kind, value) -> byKind.put(Objects.requireNonNull(kind), Objects.requireNonNull(value)));
        millis = Collections.unmodifiableMap(byKind);
    }

    public static Timeouts none() {
        return new Timeouts(new EnumMap<>(TimeoutKind.class));
    }

    /** The timeout in milliseconds, or 0 when unset. */
    public long get(TimeoutKind kind) {
        Long value = millis.get(kind);
        return value != null ? value : 0;
    }

    public boolean isSet(TimeoutKind kind) {
        return get(kind) > 0;
    }

    /** The timeout, or {@code fallback} (itself a kind) when unset; HAProxy's fin and tunnel timeouts fall back this way. */
    public long getOr(TimeoutKind kind, TimeoutKind fallback) {
        return isSet(kind) ? get(kind) : get(fallback);
    }
}
