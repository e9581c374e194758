package dev.shuttle.tls;

/**
 * The TLS session cache of a context: how many sessions it keeps ({@code tune.ssl.cachesize},
 * default 20000) and for how long ({@code tune.ssl.lifetime}, default 300 s).
 */
public record SessionCache(int size, int lifetimeSeconds) {
    public static final SessionCache DEFAULTS = new SessionCache(20000, 300);
}
