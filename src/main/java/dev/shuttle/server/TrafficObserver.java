package dev.shuttle.server;

import dev.shuttle.config.TrafficHealthSettings;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A server's {@code observe}: counts the consecutive errors its traffic shows and, at
 * {@code error-limit}, tells the server's health check, which applies {@code on-error} (HAProxy's
 * health_adjust()). Without a health check nothing is observed, as in HAProxy.
 *
 * <p>Called by every stream using the server: the counter is atomic, and the check's listener is
 * set once when the check starts (volatile). A run of errors that reaches the limit is reported
 * once, by the stream whose error reached it, and the count starts again.
 */
public final class TrafficObserver {
    private final TrafficHealthSettings settings;
    private final boolean layer7;
    private final AtomicInteger consecutiveErrors = new AtomicInteger();
    /** Checks failed by {@code on-error} ({@code hanafail} in HAProxy's stats). */
    private final AtomicLong failedChecks = new AtomicLong();
    // Set once by the server's health check when it starts; volatile: read by every stream
    private volatile Consumer<String> errorLimitReached;

    TrafficObserver(TrafficHealthSettings settings) {
        this.settings = settings;
        this.layer7 = settings.mode() == TrafficHealthSettings.Mode.LAYER7;
    }

    public TrafficHealthSettings settings() {
        return settings;
    }

    /** The health check takes the reports from now on; {@code listener} gets the reason text. */
    public void reportTo(Consumer<String> listener) {
        errorLimitReached = listener;
    }

    /** One observation of the server's traffic; cheap when nothing is observed. */
    public void observe(HealthEvent event) {
        Consumer<String> listener = errorLimitReached;
        if (listener == null || settings.mode() == TrafficHealthSettings.Mode.NONE) {
            return;
        }
        switch (event.effect(layer7)) {
            case IGNORED -> { }
            case SUCCESS -> consecutiveErrors.set(0);
            case ERROR -> {
                int errors = consecutiveErrors.incrementAndGet();
                if (errors == settings.errorLimit()) {
                    consecutiveErrors.set(0);
                    failedChecks.incrementAndGet();
                    listener.accept("Detected " + errors + " consecutive errors, last one was: " + event.description());
                }
            }
        }
    }

    /** Errors in a row so far. */
    public int consecutiveErrors() {
        return consecutiveErrors.get();
    }

    /** Checks failed by {@code on-error} so far. */
    public long failedChecks() {
        return failedChecks.get();
    }
}
