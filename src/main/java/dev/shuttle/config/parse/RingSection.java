package dev.shuttle.config.parse;

import dev.shuttle.config.RingConfig;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.HostResolver;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ring} section while it is being read (configuration.txt §12.5 "Rings"); {@link #freeze}
 * makes its {@link RingConfig}. Messages are HAProxy 3.5's, checked with {@code haproxy -c}.
 */
final class RingSection {
    /** What 3.5 keeps of a ring's size for its own bookkeeping: a 16384-byte ring takes messages up to 16187 bytes. */
    static final int RING_OVERHEAD = 197;

    private final SourceLocation where;
    private final String name;
    private String description;
    private SyslogFormat format = SyslogFormat.RAW;
    private int maxLength = -1;
    private int size = RingConfig.DEFAULT_SIZE;
    private long connectMillis = 1000;
    private long serverMillis = 5000;
    private final List<RingConfig.Server> servers = new ArrayList<>();

    private RingSection(SourceLocation where, String name) {
        this.where = where;
        this.name = name;
    }

    /** Opens {@code ring <name>}, refusing a second ring of the same name. */
    static RingSection open(List<String> words, SourceLocation where, LoadState state) throws ConfigException {
        if (words.size() < 2 || words.get(1).isEmpty()) {
            throw new ConfigException("missing ring name.");
        }
        String name = words.get(1);
        if (state.global.rings.containsKey(name)) {
            throw new ConfigException("sink named '" + name + "' already exists.");
        }
        RingSection ring = new RingSection(where, name);
        state.global.rings.put(name, ring);
        return ring;
    }

    void parse(List<String> words, SourceLocation at, Diagnostics diagnostics) throws ConfigException {
        String arg = words.size() > 1 ? words.get(1) : "";
        switch (words.getFirst()) {
            case "description" -> description = String.join(" ", words.subList(1, words.size()));
            case "format" -> format = SyslogFormat.fromKeyword(arg).orElseThrow(() ->
                    new ConfigException("unknown format '" + arg + "'."));
            case "maxlen" -> maxLength = (int) Math.min(Integer.MAX_VALUE, TimeValue.parseSize(arg, "maxlen"));
            case "size" -> size = (int) Math.min(Integer.MAX_VALUE, TimeValue.parseSize(arg, "size"));
            case "timeout" -> timeout(words, at, diagnostics);
            case "server" -> servers.add(server(words));
            case "backing-file" -> throw new ConfigException("'backing-file' is not supported by Shuttle: its rings "
                    + "live in memory only.");
            default -> throw new ConfigException("unknown statement '" + words.getFirst() + "'.");
        }
    }

    private void timeout(List<String> words, SourceLocation at, Diagnostics diagnostics) throws ConfigException {
        String kind = words.size() > 1 ? words.get(1) : "";
        String value = words.size() > 2 ? words.get(2) : "";
        switch (kind) {
            case "connect" -> connectMillis = TimeValue.parseMillis(value, "timeout connect");
            case "server" -> serverMillis = TimeValue.parseMillis(value, "timeout server");
            default -> diagnostics.warning(at, "'timeout " + kind + "' has no effect in a 'ring' section "
                    + "(only 'connect' and 'server' do); it is ignored.");
        }
    }

    /** {@code server <name> <address> [log-proto legacy|octet-count]}: a TCP syslog server. */
    private RingConfig.Server server(List<String> words) throws ConfigException {
        if (words.size() < 3) {
            throw new ConfigException("'server' expects <name> and <addr>[:<port>] as arguments.");
        }
        String serverName = words.get(1);
        RingConfig.Framing framing = RingConfig.Framing.LEGACY;
        for (int i = 3; i < words.size(); i += 2) {
            String option = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : "";
            if (!option.equals("log-proto")) {
                throw new ConfigException("'server " + name + "/" + serverName + "' : '" + option
                        + "' is not supported by Shuttle on a ring's server (only 'log-proto' is).");
            }
            framing = switch (value) {
                case "legacy" -> RingConfig.Framing.LEGACY;
                case "octet-count" -> RingConfig.Framing.OCTET_COUNT;
                default -> throw new ConfigException("'server " + name + "/" + serverName
                        + "' : 'log-proto' expects one of 'legacy' or 'octet-count' but got '" + value + "'.");
            };
        }
        return new RingConfig.Server(serverName, address(words.get(2)), framing);
    }

    private static InetSocketAddress address(String text) throws ConfigException {
        try {
            if (!(AddressParser.parseServer(text) instanceof Address.Inet inet) || inet.portOffset() || inet.hasNoPort()) {
                throw new ConfigException("'server' : a ring's server needs an IP address and a port, not '" + text + "'.");
            }
            return new InetSocketAddress(HostResolver.resolve(inet.host(), inet.family()), inet.portLow());
        } catch (AddressException e) {
            throw new ConfigException("'server' : " + e.getMessage());
        } catch (UnknownHostException e) {
            throw new ConfigException("'server' : could not resolve address '" + text + "'.");
        }
    }

    /** The ring as configured; a {@code maxlen} beyond what {@code size} holds is lowered, with 3.5's warning. */
    RingConfig freeze(Diagnostics diagnostics) {
        int payload = Math.max(0, size - RING_OVERHEAD);
        int length = maxLength < 0 ? payload : maxLength;
        if (length > payload) {
            diagnostics.emit(Diagnostics.Level.WARNING, "config : ring '" + name + "' event max length '" + length
                    + "' exceeds max payload size, forced to '" + payload + "'.");
            length = payload;
        }
        if (servers.isEmpty()) {
            diagnostics.alert(where, "ring '" + name + "' has no server: Shuttle's rings keep no message for "
                    + "'show events', so its messages would only be dropped; add a 'server' or log elsewhere.");
        }
        return new RingConfig(where, name, description == null ? name : description, format, length, size,
                connectMillis, serverMillis, servers);
    }
}
