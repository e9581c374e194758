package dev.shuttle.config;

/**
 * {@code capture cookie <name> len <length>} (configuration.txt §4.2): the first request cookie
 * and the first response {@code Set-Cookie} whose name starts with {@code prefix} are logged as
 * {@code name=value}, cut to {@code length} characters ({@code %CC}, {@code %CS}).
 */
public record CookieCapture(String prefix, int length) {
    /** {@code tune.http.cookielen}'s default: no capture is longer. */
    public static final int MAX_LENGTH = 63;
}
