package dev.shuttle.check;

import dev.shuttle.config.ServerCheckSettings;

/**
 * The wait before a server's next check, as HAProxy's srv_getinter() chooses it (configuration.txt
 * §5.2, "inter", "fastinter", "downinter"): {@code inter} while the health counter is at its top,
 * {@code downinter} while a down server's counter is at 0, {@code fastinter} in between; each
 * falls back to {@code inter} when not set. The one rule for the checks of traffic servers
 * ({@link ServerCheck}) and of log servers ({@link LogServerCheck}); {@link CheckSpread} then moves
 * it as {@code spread-checks} says.
 */
final class CheckIntervals {
    private CheckIntervals() {}

    /**
     * @param health          the counter after the last result
     * @param serverDown      the server's state is down now
     * @param fastinterForced an observed error asks for {@code fastinter} until the next check
     */
    static long next(ServerCheckSettings settings, Health health, boolean serverDown, boolean fastinterForced) {
        if (health.full() && !fastinterForced) {
            return settings.interMillis();
        }
        if (health.value() == 0 && serverDown) {
            return settings.downinterMillis() > 0 ? settings.downinterMillis() : settings.interMillis();
        }
        return settings.fastinterMillis() > 0 ? settings.fastinterMillis() : settings.interMillis();
    }
}
