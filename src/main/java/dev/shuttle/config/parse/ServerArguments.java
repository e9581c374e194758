package dev.shuttle.config.parse;

import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;

/**
 * The values of a {@code server} line's settings read as HAProxy 3.5 reads them, and refused in the
 * words its users see (configuration.txt §5.2 for the keywords; the messages are checked against
 * 3.5 by {@code difftest/config_differential.py}).
 *
 * <p>3.5 reads the limits ({@code maxconn}, {@code maxqueue}, {@code minconn}, check {@code port}...)
 * with C's atol(): {@code maxconn x} is 0 (no limit), accepted. Its refusals end in two full stops
 * when its keyword parser's message ends in one (the caller adds one). The server is named by its
 * name alone in some ("... argument of server s1"), which a {@code default-server} line, having no
 * name, prints as {@code (null)}.
 */
final class ServerArguments {
    private ServerArguments() {}

    /** {@code maxconn}, {@code maxqueue}, {@code minconn}: atol(); a negative number is no limit (0) in Shuttle. */
    static int limit(String value) {
        return (int) Math.max(0, CNumbers.atol(value));
    }

    /**
     * A check or agent port ({@code port}, {@code agent-port}): atol(), kept to 16 bits as a port
     * field keeps it ({@code 99999} reaches port 34463, as on 3.5); refused only when missing.
     */
    static int port(String context, String option, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : '" + option + "' expects a port number as argument..");
        }
        return (int) (CNumbers.atol(value) & 0xFFFF);
    }

    /** {@code rise}, {@code fall}: atol(), then more than 0. */
    static int positiveCount(String context, String option, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : '" + option + "' expects an integer argument..");
        }
        long count = CNumbers.atol(value);
        if (count <= 0) {
            throw new ConfigException(context + " : '" + option + "' has to be > 0..");
        }
        return (int) count;
    }

    /** {@code id}: atoll(), then 1 to 4294967295 (Shuttle keeps ids in an int: above 2147483647 is refused). */
    static int id(String context, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : 'id' : expects an integer argument.");
        }
        long id = CNumbers.atoll(value);
        if (id < 1 || id > 4_294_967_295L) {
            throw new ConfigException(context + " : 'id' : custom id has to be between 1 and 4294967295..");
        }
        if (id > Integer.MAX_VALUE) {
            throw new ConfigException(context + " : 'id' : custom ids above 2147483647 are not supported by Shuttle.");
        }
        return (int) id;
    }

    /** A value 3.5 wants present, refused as {@code 'max-reuse' expects <value> as argument..}. */
    static String required(String context, String option, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : '" + option + "' expects <value> as argument..");
        }
        return value;
    }

    /**
     * {@code inter}, {@code fastinter}, {@code downinter}, {@code agent-inter}: a delay above 0. A
     * bad character is reported as 3.5 reports it for all four, naming {@code 'agent-inter'}.
     */
    static long checkDelay(String context, String option, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : '" + option + "' expects a delay as argument..");
        }
        String server = serverName(context);
        long millis = millis(value);
        if (millis == OVERFLOW) {
            throw new ConfigException(context + " : timer overflow in argument <" + value + "> to <" + option
                    + "> of server " + server + ", maximum value is 2147483647 ms (~24.8 days)..");
        }
        if (millis < 0) {
            throw new ConfigException(context + " : unexpected character '" + badCharacter(value)
                    + "' in 'agent-inter' argument of server " + server + "..");
        }
        if (millis == 0) {
            throw new ConfigException(context + " : invalid value 0 for argument '" + option + "' of server "
                    + server + "..");
        }
        return millis;
    }

    /** {@code slowstart}: a delay; 3.5 reads an empty one as a bad character it prints as nothing. */
    static long slowstart(String context, String value) throws ConfigException {
        String server = serverName(context);
        long millis = millis(value);
        if (millis == OVERFLOW) {
            throw new ConfigException(context + " : overflow in argument <" + value + "> to <slowstart> of server "
                    + server + ", maximum value is 2147483647 ms (~24.8 days)..");
        }
        if (millis < 0) {
            if (value.isEmpty()) {
                // 3.5 prints the string's terminating NUL as the character, which ends its message there.
                throw new ConfigException(context + " : unexpected character '.");
            }
            throw new ConfigException(context + " : unexpected character '" + badCharacter(value)
                    + "' in 'slowstart' argument of server " + server + "..");
        }
        return millis;
    }

    /** {@code pool-purge-delay}: a delay. */
    static long purgeDelay(String context, String value) throws ConfigException {
        required(context, "pool-purge-delay", value);
        long millis = millis(value);
        if (millis == OVERFLOW) {
            throw new ConfigException(context + " : timer overflow in argument '" + value
                    + "' to 'pool-purge-delay' (maximum value is 2147483647 ms or ~24.8 days).");
        }
        if (millis < 0) {
            throw new ConfigException(context + " : unexpected character '" + badCharacter(value)
                    + "' in argument to <pool-purge-delay>..");
        }
        return millis;
    }

    /** The server's name in 3.5's "of server s1": {@code (null)} on a default-server line. */
    static String serverName(String context) {
        int slash = context.lastIndexOf('/');
        return context.startsWith("'server ") && slash > 0 ? context.substring(slash + 1, context.length() - 1) : "(null)";
    }

    private static final long OVERFLOW = -2;
    private static final long BAD = -1;

    /**
     * Milliseconds for a time (configuration.txt §2.5: digits, then us, ms, s, m, h or d; ms by
     * default; microseconds round up), {@link #BAD} when a character is out of place, {@link
     * #OVERFLOW} beyond 2147483647 ms.
     */
    private static long millis(String text) {
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 18) {
            return digits == 0 ? BAD : OVERFLOW;
        }
        long micros = TimeValue.microsPerUnit(text.substring(digits));
        if (micros == 0) {
            return BAD;
        }
        long value = Long.parseLong(text.substring(0, digits));
        if (value > (Integer.MAX_VALUE * 1_000L) / micros) {
            return OVERFLOW;
        }
        long millis = Math.ceilDiv(value * micros, 1_000L);
        return millis > Integer.MAX_VALUE ? OVERFLOW : millis;
    }

    /** The character a time's reading stops at: the first that is no digit and starts no unit. */
    private static char badCharacter(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return text.charAt(0);
        }
        String rest = text.substring(i);
        for (String unit : new String[] {"us", "ms", "s", "m", "h", "d"}) {
            if (rest.startsWith(unit)) {
                return rest.length() > unit.length() ? rest.charAt(unit.length()) : rest.charAt(0);
            }
        }
        return rest.charAt(0);
    }
}
