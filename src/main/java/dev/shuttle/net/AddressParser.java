package dev.shuttle.net;

import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the address argument of {@code bind} and {@code server} lines into {@link Address} values.
 *
 * <p>Grammar from the HAProxy manual, section 11 "Address formats", and the {@code bind} and
 * {@code server} keywords: {@code [prefix@]host[:port]} where the port is the text after the last
 * colon (or after {@code ]} for a bracketed IPv6 literal). A bind requires a port or a range
 * {@code low-high} and may list several addresses separated by commas; a server takes one address
 * whose port is optional and may be an offset {@code +N}/{@code -N} from the client's port. Error
 * messages follow HAProxy 2.6's wording (checked with {@code haproxy -c}). {@code ${VAR}}
 * references are expanded by the tokenizer before this parser runs.
 */
public final class AddressParser {
    /** {@code sun_path} is 108 bytes; HAProxy keeps room for its temporary ".PID.tmp" suffix. */
    static final int MAX_UNIX_PATH = 97;
    /** An abstract name fills {@code sun_path} after its leading NUL byte. */
    static final int MAX_ABSTRACT_NAME = 107;

    private enum Role { BIND, SERVER }

    private AddressParser() {
    }

    /**
     * Parses a bind argument: one or more comma-separated addresses, each with a port or range.
     * Empty items (a trailing comma) are ignored, as HAProxy does.
     */
    public static List<Address> parseBind(String text) throws AddressException {
        List<Address> addresses = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (!item.isEmpty()) {
                addresses.add(parse(item, Role.BIND));
            }
        }
        if (addresses.isEmpty()) {
            throw new AddressException(
                    "expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments.");
        }
        return addresses;
    }

    /** Parses a server address; a host name must resolve now, as HAProxy resolves it at startup. */
    public static Address parseServer(String text) throws AddressException {
        return parse(text, Role.SERVER);
    }

    private static Address parse(String text, Role role) throws AddressException {
        String rest = text;
        if (rest.startsWith("stream+")) {
            rest = rest.substring("stream+".length());
        } else if (rest.startsWith("dgram+")) {
            throw new AddressException("dgram-type address not acceptable in '" + text + "'");
        }
        int at = rest.indexOf('@');
        String prefix = at > 0 ? rest.substring(0, at + 1) : "";
        String body = rest.substring(prefix.length());
        return switch (prefix) {
            case "" -> rest.startsWith("/") ? unixPath(rest, text) : inet(rest, text, Address.Family.ANY, role);
            case "ip@", "tcp@" -> inet(body, text, Address.Family.ANY, role);
            case "ipv4@", "tcp4@" -> inet(body, text, Address.Family.IPV4, role);
            case "ipv6@", "tcp6@" -> inet(body, text, Address.Family.IPV6, role);
            case "unix@", "uxst@" -> unixPath(body, text);
            case "abns@" -> abstractName(body, false, text);
            case "abnsz@" -> abstractName(body, true, text);
            case "fd@" -> inheritedFd(body, text, role);
            case "udp@", "udp4@", "udp6@", "uxdg@" ->
                    throw new AddressException("dgram-type address not acceptable in '" + text + "'");
            case "quic4@", "quic6@", "sockpair@", "mptcp@", "mptcp4@", "mptcp6@", "rhttp@" ->
                    throw new AddressException("Shuttle does not support '" + prefix
                            + "' addresses (yet) in '" + text + "'");
            // An unknown prefix is not a prefix: the whole text is a host, and fails as one.
            default -> inet(rest, text, Address.Family.ANY, role);
        };
    }

    private static Address unixPath(String path, String text) throws AddressException {
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_UNIX_PATH) {
            throw new AddressException("socket path '" + text + "' too long (max " + MAX_UNIX_PATH + ")");
        }
        return new Address.UnixPath(Path.of(path));
    }

    private static Address abstractName(String name, boolean zeroTerminated, String text)
            throws AddressException {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_ABSTRACT_NAME) {
            throw new AddressException("socket path '" + text + "' too long (max " + MAX_ABSTRACT_NAME + ")");
        }
        return new Address.AbstractName(name, zeroTerminated);
    }

    private static Address inheritedFd(String number, String text, Role role) throws AddressException {
        if (role == Role.SERVER) {
            throw new AddressException("a file descriptor is not acceptable here in '" + text + "'");
        }
        if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(Character::isDigit)) {
            throw new AddressException(
                    "file descriptor '" + number + "' is not a valid integer in '" + text + "'");
        }
        return new Address.InheritedFd(Integer.parseInt(number));
    }

    private static Address inet(String hostAndPort, String text, Address.Family family, Role role)
            throws AddressException {
        String host;
        String port;
        int close = hostAndPort.indexOf(']');
        boolean bracketed = hostAndPort.startsWith("[") && close > 0
                && (close == hostAndPort.length() - 1 || hostAndPort.charAt(close + 1) == ':');
        if (bracketed) {
            host = hostAndPort.substring(1, close);
            port = close == hostAndPort.length() - 1 ? null : hostAndPort.substring(close + 2);
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            port = colon < 0 ? null : hostAndPort.substring(colon + 1);
        }
        String written = host;
        if (host.equals("*")) {
            host = "";
        }
        Address.Inet address = role == Role.BIND
                ? bindPorts(host, port, text, family)
                : serverPort(host, port, text, family);
        checkHost(address, written, text, role);
        return address;
    }

    private static Address.Inet bindPorts(String host, String port, String text, Address.Family family)
            throws AddressException {
        if (port == null || port.isEmpty()) {
            throw new AddressException("missing port specification in '" + text + "'");
        }
        if (port.startsWith("+") || port.startsWith("-")) {
            throw new AddressException("port offset not permitted here in '" + text + "'");
        }
        int dash = port.indexOf('-');
        int low = portNumber(dash < 0 ? port : port.substring(0, dash), port, text, false);
        int high = dash < 0 ? low : portNumber(port.substring(dash + 1), port, text, false);
        if (high < low) {
            throw new AddressException("invalid port range '" + port + "'");
        }
        return new Address.Inet(host, low, high, family, false);
    }

    private static Address.Inet serverPort(String host, String port, String text, Address.Family family)
            throws AddressException {
        if (port == null || port.isEmpty()) {
            return new Address.Inet(host, 0, family);
        }
        if (port.startsWith("+") || port.startsWith("-")) {
            int magnitude = portNumber(port.substring(1), port, text, true);
            int offset = port.startsWith("-") ? -magnitude : magnitude;
            return new Address.Inet(host, offset, offset, family, true);
        }
        if (port.indexOf('-') >= 0) {
            throw new AddressException("port range not permitted here in '" + text + "'");
        }
        // HAProxy accepts port 0 on a server: like no port, the client's destination port is used.
        return new Address.Inet(host, portNumber(port, port, text, true), family);
    }

    /** Parses one port number; 0 is refused unless {@code zeroAllowed}. */
    private static int portNumber(String digits, String port, String text, boolean zeroAllowed)
            throws AddressException {
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                throw new AddressException("invalid character '" + digits.charAt(i)
                        + "' in port number '" + port + "' in '" + text + "'");
            }
        }
        if (digits.isEmpty() || digits.length() > 5) {
            throw new AddressException("invalid port '" + digits + "'");
        }
        int value = Integer.parseInt(digits);
        if (value > 65535 || (value == 0 && !zeroAllowed)) {
            throw new AddressException("invalid port '" + digits + "'");
        }
        return value;
    }

    /**
     * A bind's host must be a literal or a resolvable name; a server's must resolve now. The
     * message quotes the host as written, without its family prefix, as HAProxy does.
     */
    private static void checkHost(Address.Inet address, String written, String text, Role role) throws AddressException {
        try {
            HostResolver.resolve(address.host(), address.family());
        } catch (UnknownHostException e) {
            throw new AddressException(role == Role.BIND
                    ? "invalid address: '" + written + "' in '" + text + "'"
                    : "could not resolve address '" + written + "'.");
        }
    }
}
