/**
 * Log forwarding ({@code log-forward} sections, configuration.txt §12.6): a listener of its own,
 * beside the proxies' data path, that receives syslog messages over UDP and TCP, parses their
 * RFC 5424 or RFC 3164 header ({@link dev.shuttle.logfwd.SyslogParser}), and relays them through
 * {@link dev.shuttle.log.SyslogSender} to the section's {@code log} targets, each in its own
 * format ({@link dev.shuttle.logfwd.ForwardedMessage}).
 *
 * <p>May use {@code config}, {@code log}, {@code listener} (to bind TCP sockets as frontends do)
 * and {@code net}; nothing on the proxies' data path uses it.
 */
package dev.shuttle.logfwd;
