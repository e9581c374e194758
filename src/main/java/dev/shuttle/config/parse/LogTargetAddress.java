package dev.shuttle.config.parse;

import dev.shuttle.config.LogDestination;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.HostResolver;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Parses the {@code <target>} of a {@code log} line (configuration.txt, "log", {@code <target>}) into
 * a {@link LogDestination}. Addresses resolve now, as HAProxy resolves them at startup; a missing
 * (or zero) port is syslog's 514.
 */
final class LogTargetAddress {
    /** The standard syslog port (RFC 5426 §3.3). */
    static final int SYSLOG_PORT = 514;

    private LogTargetAddress() {}

    static LogDestination parse(String target) throws ConfigException {
        switch (target) {
            case "stdout", "fd@1" -> {
                return new LogDestination.StandardStream(1);
            }
            case "stderr", "fd@2" -> {
                return new LogDestination.StandardStream(2);
            }
            default -> { }
        }
        int at = target.indexOf('@');
        String prefix = at > 0 ? target.substring(0, at + 1) : "";
        String body = target.substring(prefix.length());
        return switch (prefix) {
            case "" -> target.startsWith("/") ? new LogDestination.UnixDatagram(Path.of(target))
                    : new LogDestination.Datagram(inet(body, "", target));
            case "unix@" -> new LogDestination.UnixDatagram(Path.of(body));
            case "udp@", "ip@" -> new LogDestination.Datagram(inet(body, "", target));
            case "udp4@", "ipv4@" -> new LogDestination.Datagram(inet(body, "ipv4@", target));
            case "udp6@", "ipv6@" -> new LogDestination.Datagram(inet(body, "ipv6@", target));
            case "tcp@" -> new LogDestination.StreamServer(inet(body, "", target));
            case "tcp4@" -> new LogDestination.StreamServer(inet(body, "ipv4@", target));
            case "tcp6@" -> new LogDestination.StreamServer(inet(body, "ipv6@", target));
            case "ring@" -> new LogDestination.Ring(body);
            case "fd@" -> throw new ConfigException(body.matches("\\d+")
                    ? "log : '" + target + "' : Shuttle writes logs to fd@1 (stdout) and fd@2 (stderr) only; it "
                            + "cannot tell what another inherited descriptor is (pipe, file or socket)."
                    : "log : file descriptor '" + body + "' is not a valid integer in '" + target + "'");
            case "backend@" -> new LogDestination.Backend(body);
            case "uxst@" -> throw new ConfigException("log : '" + target
                    + "' : forwarding logs over a UNIX stream socket is not supported by Shuttle yet.");
            default -> throw new ConfigException("log : '" + target + "' : this kind of address is not supported "
                    + "for logs (use udp@, udp4@, udp6@, tcp@, unix@, a path, ring@, stdout or stderr).");
        };
    }

    /**
     * A log backend's server address (configuration.txt, "mode", {@code log}): {@code udp@}
     * (and {@code udp4@}, {@code udp6@}) for UDP, else TCP; 3.5 refuses UNIX sockets there.
     */
    static LogDestination backendServer(String address) throws ConfigException {
        int at = address.indexOf('@');
        String prefix = at > 0 ? address.substring(0, at + 1) : "";
        String body = address.substring(prefix.length());
        return switch (prefix) {
            case "udp@" -> new LogDestination.Datagram(inet(body, "", address));
            case "udp4@" -> new LogDestination.Datagram(inet(body, "ipv4@", address));
            case "udp6@" -> new LogDestination.Datagram(inet(body, "ipv6@", address));
            case "", "tcp@", "ip@" -> {
                if (address.startsWith("/")) {
                    throw new ConfigException("log server address family not supported for log backend server.");
                }
                yield new LogDestination.StreamServer(inet(body, "", address));
            }
            case "tcp4@", "ipv4@" -> new LogDestination.StreamServer(inet(body, "ipv4@", address));
            case "tcp6@", "ipv6@" -> new LogDestination.StreamServer(inet(body, "ipv6@", address));
            default -> throw new ConfigException("log server address family not supported for log backend server.");
        };
    }

    /** A UDP or TCP syslog address; the family prefix, when given, is AddressParser's ({@code ipv4@}/{@code ipv6@}). */
    private static InetSocketAddress inet(String body, String familyPrefix, String target) throws ConfigException {
        try {
            if (!(AddressParser.parseServer(familyPrefix + body) instanceof Address.Inet inet) || inet.portOffset()) {
                throw new ConfigException("log : invalid address: '" + target + "'");
            }
            int port = inet.portLow() == 0 ? SYSLOG_PORT : inet.portLow();
            return new InetSocketAddress(HostResolver.resolve(inet.host(), inet.family()), port);
        } catch (AddressException e) {
            throw new ConfigException("log : " + e.getMessage());
        } catch (UnknownHostException e) {
            throw new ConfigException("log : could not resolve address '" + body + "'.");
        }
    }
}
