package dev.shuttle.config.parse;

import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.HostResolver;
import java.net.UnknownHostException;

/**
 * {@code source <addr>[:<port>]} in a backend (configuration.txt §4.2) and on a server line (§5.2):
 * the local address outgoing connections bind to before they connect; a server's own overrides its
 * backend's. What the JDK cannot do is refused by name: {@code usesrc} (transparent source
 * addresses need {@code IP_TRANSPARENT} and {@code CAP_NET_ADMIN}), {@code interface}
 * ({@code SO_BINDTODEVICE}), and a port range (HAProxy picks a free port of the range itself).
 */
final class SourceKeyword {
    private SourceKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("source", Need.BACKEND, true, true, (line, proxy) -> {
            if (line.argCount() < 1) {
                throw new ConfigException("'source' expects <addr>[:<port>] as argument.");
            }
            int next = parse(line, 0, "", source -> proxy.source = source);
            if (next < line.words().size()) {
                throw new ConfigException("'source' only supports the 'usesrc' and 'interface' options, which "
                        + "Shuttle refuses (got '" + line.arg(next) + "').");
            }
        });
    }

    /** Receives the address of a {@code source} option. */
    interface Sink {
        void accept(Address.Inet source);
    }

    /**
     * Parses {@code source <addr>[:<port>]} at word {@code i} and the options the JDK cannot apply
     * that may follow it. {@code server} is the server line's context ({@code 'server be/s1'}), or
     * empty for a backend's {@code source}: 3.5 words a server's refusals with a final period more.
     *
     * @return the index of the first word after it
     */
    static int parse(KeywordContext line, int i, String server, Sink sink) throws ConfigException {
        String context = server.isEmpty() ? "'source'" : server + " : 'source'";
        String text = line.arg(i + 1);
        if (text.isEmpty()) {
            // Only a server line comes here without an address: the backend's keyword checks first.
            throw new ConfigException(context + " expects <addr>[:<port>[-<port>]], and optionally 'usesrc' <addr>, "
                    + "and 'interface' <name> as argument..");
        }
        if (text.matches(".*:[0-9]+-[0-9]+$")) {
            throw new ConfigException(context + " : port ranges are not supported by Shuttle: the JDK binds one "
                    + "port; give one port, or none to let the system choose.");
        }
        Address address;
        try {
            address = AddressParser.parseServer(text);
        } catch (AddressException e) {
            String message = e.getMessage();
            String end = server.isEmpty() || message.endsWith(".") ? "" : ".";
            throw new ConfigException(context.replace("'source'", "'source " + text + "'") + " : " + message + end);
        }
        if (!(address instanceof Address.Inet inet) || inet.portOffset()) {
            throw new ConfigException(context + " expects an IPv4 or IPv6 address with an optional port (got '"
                    + text + "').");
        }
        try {
            String ip = HostResolver.resolve(inet.host(), inet.family()).getHostAddress();
            sink.accept(new Address.Inet(ip, inet.portLow(), inet.family()));
        } catch (UnknownHostException e) {
            throw new ConfigException(context + " : could not resolve address '" + inet.host() + "'.");
        }
        int next = i + 2;
        String option = line.arg(next);
        if (option.equals("usesrc")) {
            throw new ConfigException(context + " : 'usesrc' is not supported by Shuttle: a transparent source "
                    + "address needs IP_TRANSPARENT (and CAP_NET_ADMIN), which the JDK cannot set.");
        }
        if (option.equals("interface")) {
            throw new ConfigException(context + " : 'interface' is not supported by Shuttle: binding to a device "
                    + "needs SO_BINDTODEVICE, which the JDK cannot set.");
        }
        return next;
    }
}
