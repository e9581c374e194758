package dev.shuttle.config.parse;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.config.StatsSocketConfig;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import java.util.List;
import java.util.Locale;

/** {@code stats socket}, {@code stats timeout} and {@code stats maxconn} in the global section (management.txt §9). */
final class StatsKeyword {
    private StatsKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.global("stats", (line, global) -> {
            switch (line.arg(1)) {
                case "socket" -> global.statsSockets.add(parseSocket(line));
                case "timeout" -> {
                    line.expectArgs(2, "timeout expects <time> as argument.");
                    global.statsTimeoutMillis = TimeValue.parseMillis(timeoutValue(line.arg(2)), "stats timeout");
                }
                case "maxconn" -> {
                    line.expectArgs(2, "maxconn expects an integer argument.");
                    TimeValue.parseCount(line.arg(2), "stats maxconn");
                    line.notice("'stats maxconn' has no effect in Shuttle: the runtime API has no own connection limit.");
                }
                default -> throw new ConfigException("'stats' only supports 'socket', 'maxconn' and 'timeout' in "
                        + "'global' section (got '" + line.arg(1) + "').");
            }
        });
    }

    /**
     * The value of {@code stats timeout}, refused in 3.5's words when it does not start with a number
     * and a unit of time (configuration.txt §2.5).
     */
    private static String timeoutValue(String value) throws ConfigException {
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        String unit = value.substring(digits);
        if (digits == 0 || !(unit.isEmpty() || unit.matches("(us|ms|s|m|h|d).*"))) {
            throw new ConfigException("'stats timeout' : unexpected character '" + value.charAt(digits) + "'");
        }
        return value;
    }

    private static StatsSocketConfig parseSocket(KeywordContext line) throws ConfigException {
        if (line.argCount() < 2) {
            throw new ConfigException("'stats socket' requires a path or an address.");
        }
        List<Address> addresses;
        try {
            addresses = AddressParser.parseBind(line.arg(2));
        } catch (AddressException e) {
            throw new ConfigException("'stats socket' : " + e.getMessage());
        }
        if (addresses.size() != 1) {
            throw new ConfigException("'stats socket' : exactly one address is expected (got '" + line.arg(2) + "').");
        }
        BindKeyword.Options options = BindKeyword.parseOptions(line, 3, "'stats socket " + line.arg(2) + "'", true);
        CliLevel level = switch (options.level.isEmpty() ? "operator" : options.level) {
            case "user", "operator", "admin" -> CliLevel.valueOf(options.level.isEmpty() ? "OPERATOR"
                    : options.level.toUpperCase(Locale.ROOT));
            default -> throw new ConfigException("'level' only supports 'user', 'operator', and 'admin' (got '"
                    + options.level + "').");
        };
        return new StatsSocketConfig(line.where(), addresses.getFirst(), level, options.socket());
    }
}
