package dev.shuttle.check;

/**
 * How long a check may take (configuration.txt §4, "timeout check"): with {@code timeout check},
 * the connection gets min({@code timeout connect}, {@code inter}) and the response {@code timeout
 * check}; without it, connection and response share {@code inter}.
 *
 * @param connectMillis how long the connection may take to open
 * @param readMillis    how long the response may take once connected; -1: what is left of {@code connectMillis}
 */
public record CheckTimeouts(long connectMillis, long readMillis) {
    public static CheckTimeouts of(long interMillis, long timeoutConnectMillis, long timeoutCheckMillis) {
        if (timeoutCheckMillis > 0) {
            long connect = timeoutConnectMillis > 0 ? Math.min(timeoutConnectMillis, interMillis) : interMillis;
            return new CheckTimeouts(connect, timeoutCheckMillis);
        }
        return new CheckTimeouts(interMillis, -1);
    }

    /** The read budget once connected after {@code elapsedMillis}: at least 1 ms. */
    public long readBudget(long elapsedMillis) {
        return Math.max(1, readMillis >= 0 ? readMillis : connectMillis - elapsedMillis);
    }
}
