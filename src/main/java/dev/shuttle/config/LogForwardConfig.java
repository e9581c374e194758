package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A {@code log-forward} section (configuration.txt §12.6): where it receives syslog messages and
 * where it relays them.
 *
 * @param datagramBinds  {@code dgram-bind}: UDP addresses
 * @param streamBinds    {@code bind}: TCP listening addresses (as a frontend's, {@code fd@} included)
 * @param logs           the {@code log} targets, {@code log global}'s included
 * @param maxconn        TCP connections at once ({@code maxconn}, 10 by default)
 * @param clientMillis   {@code timeout client}: how long a TCP sender may stay silent; 0 = forever
 * @param backlog        {@code backlog}: the TCP listen queue
 * @param assumeNonTransparentFraming {@code option assume-rfc6587-ntf}: TCP messages always end with a line feed
 * @param dontParse      {@code option dont-parse-log}: relay each message whole, as text
 * @param host           {@code option host}
 */
public record LogForwardConfig(SourceLocation where, String name, List<InetSocketAddress> datagramBinds,
                               List<Address> streamBinds, List<LogTarget> logs, int maxconn, long clientMillis,
                               int backlog, boolean assumeNonTransparentFraming, boolean dontParse, Host host) {
    /** {@code maxconn}'s default in a log-forward section. */
    public static final int DEFAULT_MAXCONN = 10;

    public LogForwardConfig {
        datagramBinds = List.copyOf(datagramBinds);
        streamBinds = List.copyOf(streamBinds);
        logs = List.copyOf(logs);
    }

    /** {@code option host}: {@code replace}, {@code fill} (the default), {@code keep}, {@code append}. */
    public enum Host { REPLACE, FILL, KEEP, APPEND }
}
