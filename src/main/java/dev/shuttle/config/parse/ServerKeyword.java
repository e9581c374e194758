package dev.shuttle.config.parse;

import dev.shuttle.sample.LogFormat;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.ServerHashKey;
import dev.shuttle.config.ServerProtocol;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.HostResolver;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/** {@code server <name> <address> [options]} and {@code default-server [options]} (configuration.txt §5.2). */
final class ServerKeyword {
    /**
     * Health-check options of features Shuttle does not have yet: refused, so that nobody believes
     * the server is checked that way.
     */
    private static final Set<String> REFUSED_CHECK_FLAGS = Set.of();
    private static final Set<String> REFUSED_CHECK_WITH_VALUE = Set.of("check-pool-conn-name", "check-reuse-pool");
    /** Options of features Shuttle does not have (yet): refused so that nobody believes they work. */
    private static final Set<String> REFUSED = Set.of("resolvers", "resolve-prefer", "resolve-net", "init-addr",
            "namespace", "tfo", "allow-0rtt", "non-stick", "stick", "tcp-ut");

    private ServerKeyword() {}

    /**
     * {@code proto <name>} (configuration.txt §5.2, "proto"): the mux of the server's connections,
     * {@code h1} or {@code h2}; HAProxy's other muxes are refused, and {@code h2} in a TCP backend
     * as 3.5 refuses it. Messages as HAProxy 3.5's.
     */
    private static ServerProtocol protocol(String context, String name, ProxySection proxy) throws ConfigException {
        return switch (name) {
            case "h1" -> ServerProtocol.HTTP1;
            case "h2" -> {
                if (proxy.modeSet && proxy.mode == ProxyMode.TCP) {
                    throw new ConfigException(context + " : MUX protocol 'h2' is not usable in a TCP backend.");
                }
                yield ServerProtocol.HTTP2;
            }
            case "fcgi", "spop", "quic", "qmux" -> throw new ConfigException(context + " : 'proto' : MUX protocol '"
                    + name + "' is not supported by Shuttle (HTTP/1.1 and HTTP/2 only).");
            default -> throw new ConfigException(context + " : 'proto' :  unknown MUX protocol '" + name + "'.");
        };
    }

    static void register(KeywordRegistry registry) {
        registry.proxy("server", Need.BACKEND, false, true, (line, proxy) -> {
            if (line.argCount() < 2) {
                throw new ConfigException("'server' expects <name> and <addr>[:<port>] as arguments.");
            }
            String name = line.arg(1);
            String context = "'server " + proxy.name + "/" + name + "'";
            Address address = address(line.arg(2), context);
            ServerSettings settings = proxy.defaultServer.copy();
            int first = 3;
            if (line.arg(first).equals("from")) {
                settings = origin(line, proxy, line.arg(first + 1), context);
                first += 2;
            }
            parseOptions(line, first, context, settings, proxy);
            // 3.5's SRV_F_DEFSRV_USE_SSL: set from the proxy's default-server, whatever 'from' copied
            settings.tls.defaultServerSsl = proxy.defaultServer.tls.ssl;
            declare(line, proxy, name, address, settings, settings.id == null ? 0 : settings.id);
        });
        registry.proxy("default-server", Need.BACKEND, true, true, ServerKeyword::defaultServer);
        ServerTemplateKeyword.register(registry);
    }

    /**
     * {@code default-server [name <name>] [from <origin>] [settings...]}: completes the unnamed set
     * (what every later {@code server} line starts from), or the named one, which starts from the
     * documented defaults and is reached only with {@code from srv:<name>}.
     */
    private static void defaultServer(KeywordContext line, ProxySection proxy) throws ConfigException {
        int first = 1;
        String name = null;
        if (line.arg(first).equals("name")) {
            name = line.arg(first + 1);
            if (name.isEmpty()) {
                throw new ConfigException("default-server name: missing value.");
            }
            for (ServerConfig server : proxy.servers) {
                if (server.name().equals(name)) {
                    throw new ConfigException("default-server name '" + name + "' conflicts with server defined at line "
                            + server.where().line() + ".");
                }
            }
            if (proxy.namedDefaultServers.putIfAbsent(name, new ServerSettings()) == null) {
                proxy.namedDefaultServerLines.put(name, line.where().line());
            }
            first += 2;
        }
        if (line.arg(first).equals("from")) {
            ServerSettings origin = ServerOrigins.resolve(line, proxy, line.arg(first + 1));
            if (name == null) {
                proxy.defaultServer = origin;
            } else {
                proxy.namedDefaultServers.put(name, origin);
            }
            first += 2;
        }
        ServerSettings settings = name == null ? proxy.defaultServer : proxy.namedDefaultServers.get(name);
        parseOptions(line, first, "'default-server'", settings, proxy);
    }

    /** The settings a {@code from <origin>} on a server line names, the line's context in front of the error. */
    static ServerSettings origin(KeywordContext line, ProxySection proxy, String origin, String context)
            throws ConfigException {
        try {
            return ServerOrigins.resolve(line, proxy, origin);
        } catch (ConfigException e) {
            throw new ConfigException(context + " : " + e.getMessage());
        }
    }

    static Address address(String text, String context) throws ConfigException {
        try {
            return resolvedOnce(AddressParser.parseServer(text));
        } catch (AddressException e) {
            throw new ConfigException(context + " : " + e.getMessage());
        }
    }

    /** Adds a server to the backend; {@code id} 0 means "numbered automatically". */
    static void declare(KeywordContext line, ProxySection proxy, String name, Address address, ServerSettings settings,
                        int id) throws ConfigException {
        String context = "'server " + proxy.name + "/" + name + "'";
        for (ServerConfig other : proxy.servers) {
            if (other.name().equals(name)) {
                throw new ConfigException(context + " : another server named '" + name + "' was already defined at line "
                        + other.where().line() + ", please use a distinct name.");
            }
        }
        Integer defaultServerLine = proxy.namedDefaultServerLines.get(name);
        if (defaultServerLine != null) {
            throw new ConfigException(context + " : another server named '" + name + "' was already defined at line "
                    + defaultServerLine + ", please use a distinct name.");
        }
        ServerWebSocketOption.check(context, settings.websocket, settings.protocol,
                settings.tls.ssl ? settings.tls.options.alpn : Optional.empty());
        proxy.serverSettings.put(name, settings);
        proxy.servers.add(new ServerConfig(line.where(), name, address, id, settings.weight, settings.maxconn,
                settings.disabled, settings.backup, settings.pooling(),
                settings.tls.settings(line.state().global().tls), settings.proxy.settings(),
                checkSettings(settings, address, context, proxy.checks.kind == HealthCheckConfig.Kind.EXTERNAL),
                settings.queueing(), settings.hashKey,
                settings.persistence(), settings.slowstartMillis, settings.guid));
    }

    /**
     * {@code hash-key id|id32|addr|addr-port} (configuration.txt §5.2); {@code guid} is refused:
     * servers have guids (for the stats-file) but the hash of a key built from one is not written.
     */
    private static ServerHashKey hashKey(String context, String option, String value) throws ConfigException {
        return switch (value) {
            case "id" -> ServerHashKey.ID;
            case "id32" -> ServerHashKey.ID32;
            case "addr" -> ServerHashKey.ADDR;
            case "addr-port" -> ServerHashKey.ADDR_PORT;
            case "guid" -> throw new ConfigException(context + " : 'hash-key guid' is not supported by Shuttle "
                    + "yet (the server's guid does not feed the consistent hash).");
            default -> throw new ConfigException(context + " : '" + option
                    + "' has to be 'id', 'id32', 'guid', 'addr', or 'addr-port'.");
        };
    }

    /** HAProxy resolves a server's host name once, at startup; later connections reuse that address. */
    private static Address resolvedOnce(Address address) throws AddressException {
        if (!(address instanceof Address.Inet inet) || inet.host().isEmpty()) {
            return address;
        }
        try {
            String ip = HostResolver.resolve(inet.host(), inet.family()).getHostAddress();
            return new Address.Inet(ip, inet.portLow(), inet.portHigh(), inet.family(), inet.portOffset());
        } catch (UnknownHostException e) {
            throw new AddressException("could not resolve address '" + inet.host() + "'.");
        }
    }

    static void parseOptions(KeywordContext line, int first, String context, ServerSettings settings,
                                     ProxySection proxy) throws ConfigException {
        parseOptions(line, first, context, settings, proxy, option -> {});
    }

    /** Refuses an option before it is parsed: the keywords a server added at runtime may not use. */
    @FunctionalInterface
    interface OptionFilter {
        void check(String option) throws ConfigException;
    }

    /** The keywords of a server line that take a value or stand alone, beside the families' own. */
    private static final Set<String> PLAIN_OPTIONS = Set.of("weight", "slowstart", "maxconn", "minconn", "maxqueue",
            "id", "hash-key", "pool-max-conn", "cookie", "redir", "pool-purge-delay", "max-reuse", "pool-conn-name",
            "pool-low-conn", "disabled", "enabled", "backup", "no-backup", "source", "usesrc", "strict-maxconn",
            "socks4", "check-via-socks4", "guid", "proto", "ws");

    /** Whether {@code option} is a keyword of the server line, implemented or refused (not unknown). */
    static boolean knows(String option) {
        return PLAIN_OPTIONS.contains(option) || ServerCheckOptions.handles(option) || TlsServerOptions.handles(option)
                || ProxyServerOptions.handles(option) || REFUSED.contains(option)
                || REFUSED_CHECK_FLAGS.contains(option) || REFUSED_CHECK_WITH_VALUE.contains(option);
    }

    /** As {@link #parseOptions(KeywordContext, int, String, ServerSettings, ProxySection)}, each option passing {@code filter} first. */
    static void parseOptions(KeywordContext line, int first, String context, ServerSettings settings,
                             ProxySection proxy, OptionFilter filter) throws ConfigException {
        int i = first;
        while (i < line.words().size()) {
            String option = line.arg(i);
            filter.check(option);
            if (ServerCheckOptions.handles(option)) {
                i = settings.check.parse(line, i, context, proxy.mode == ProxyMode.HTTP);
                continue;
            }
            if (REFUSED_CHECK_FLAGS.contains(option) || REFUSED_CHECK_WITH_VALUE.contains(option)) {
                throw new ConfigException(context + " : '" + option + "' is not supported by Shuttle yet ("
                        + "checks open connections of their own: they do not reuse the servers' idle "
                        + "connections yet).");
            }
            if (TlsServerOptions.handles(option)) {
                i = settings.tls.parse(line, i, context,
                        text -> new ProxyRuleCompiler(line, proxy).expression(text));
                continue;
            }
            if (ProxyServerOptions.handles(option)) {
                i = settings.proxy.parse(line, i, context, text -> new ProxyRuleCompiler(line, proxy).logFormat(text, LogFormat.Mode.TEXT));
                continue;
            }
            if (REFUSED.contains(option)) {
                throw new ConfigException(context + " : '" + option + "' is not supported by Shuttle yet.");
            }
            if (option.equals("source")) {
                i = SourceKeyword.parse(line, i, context, source -> settings.source = Optional.of(source));
                continue;
            }
            if (option.equals("usesrc")) {
                throw new ConfigException(context + " : 'usesrc' is not supported by Shuttle: a transparent source "
                        + "address needs IP_TRANSPARENT (and CAP_NET_ADMIN), which the JDK cannot set.");
            }
            if (option.equals("socks4")) {
                settings.socks4 = Optional.of(socks4(context, line.arg(i + 1)));
                i += 2;
                continue;
            }
            if (option.equals("check-via-socks4")) {
                settings.checkViaSocks4 = true;
                i++;
                continue;
            }
            if (option.equals("strict-maxconn")) {
                settings.strictMaxconn = true;
                i++;
                continue;
            }
            String value = line.arg(i + 1);
            switch (option) {
                // 3.5 reads these with atol(): "weight", "maxconn x" and the like are 0, accepted.
                case "weight" -> settings.weight = weight(context, value);
                case "slowstart" -> settings.slowstartMillis = ServerArguments.slowstart(context, value);
                case "maxconn" -> settings.maxconn = ServerArguments.limit(value);
                case "minconn" -> settings.minconn = ServerArguments.limit(value);
                case "maxqueue" -> settings.maxqueue = ServerArguments.limit(value);
                case "id" -> {
                    // An id names one server: 3.5 refuses it on a default-server line, as it does guid.
                    if (context.startsWith("'default-server")) {
                        throw new ConfigException("'id' option is not accepted in default-server sections");
                    }
                    settings.id = ServerArguments.id(context, value);
                }
                case "hash-key" -> settings.hashKey = hashKey(context, option, value);
                case "pool-max-conn" -> {
                    settings.poolMaxIdle = CNumbers.atoi(ServerArguments.required(context, option, value));
                    if (settings.poolMaxIdle < -1) {
                        throw new ConfigException(context + " : 'pool-max-conn' must be >= -1.");
                    }
                }
                // configuration.txt §5.2: the value the persistence cookie takes for this server.
                case "cookie" -> settings.cookie = ServerArguments.required(context, option, value);
                case "guid" -> settings.guid = serverGuid(line, proxy, context, value);
                // configuration.txt §5.2: GET and HEAD requests for this server are redirected to the prefix.
                case "redir" -> {
                    if (value.isEmpty()) {
                        throw new ConfigException(context + " : 'redir' expects <prefix> as argument..");
                    }
                    settings.redirect = value;
                }
                case "pool-purge-delay" -> settings.poolPurgeDelayMillis = ServerArguments.purgeDelay(context, value);
                case "proto" -> {
                    if (value.isEmpty()) {
                        throw new ConfigException(context + " : 'proto' : missing value.");
                    }
                    settings.protocol = protocol(context, value, proxy);
                }
                case "ws" -> settings.websocket = Optional.of(ServerWebSocketOption.parse(context, value));
                case "max-reuse" -> settings.maxReuse =
                        Math.max(-1, CNumbers.atoi(ServerArguments.required(context, option, value)));
                case "pool-conn-name" -> {
                    if (value.isEmpty()) {
                        throw new ConfigException(context + " : 'pool-conn-name' expects <value> as argument.");
                    }
                    try {
                        settings.connectionName = Optional.of(new ProxyRuleCompiler(line, proxy).expression(value));
                    } catch (ConfigException e) {
                        throw new ConfigException(context + " : error detected while parsing sni or pool-conn-name "
                                + "expressions : " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
                    }
                }
                case "pool-low-conn" -> settings.poolLowIdle =
                        Math.max(0, CNumbers.atoi(ServerArguments.required(context, option, value)));
                case "disabled", "enabled" -> {
                    settings.disabled = option.equals("disabled");
                    i++;
                    continue;
                }
                case "backup", "no-backup" -> {
                    settings.backup = option.equals("backup");
                    i++;
                    continue;
                }
                default -> throw new ConfigException(context + " : unknown keyword '" + option + "'.");
            }
            i += 2;
        }
    }

    /**
     * {@code socks4 <addr>:<port>} (configuration.txt §5.2): the SOCKS4 proxy's address, resolved
     * now, with its port required.
     */
    private static Address.Inet socks4(String context, String text) throws ConfigException {
        if (text.isEmpty()) {
            throw new ConfigException(context + " : 'socks4' expects <addr>:<port> as argument..");
        }
        if (!text.matches(".*:[^:\\]]*[0-9][^:\\]]*$")) {
            // 3.5 looks for the port before anything else (configuration.txt §5.2, socks4).
            throw new ConfigException(context + " : 'socks4 " + text + "' : missing port specification in '"
                    + text + "'.");
        }
        Address address;
        try {
            address = AddressParser.parseServer(text);
        } catch (AddressException e) {
            throw new ConfigException(context + " : 'socks4 " + text + "' : " + e.getMessage());
        }
        if (!(address instanceof Address.Inet inet) || inet.portOffset() || inet.hasNoPort()) {
            throw new ConfigException(context + " : 'socks4 " + text + "' : expects an IPv4 or IPv6 address and "
                    + "a port.");
        }
        try {
            return new Address.Inet(HostResolver.resolve(inet.host(), inet.family()).getHostAddress(), inet.portLow(),
                    inet.family());
        } catch (UnknownHostException e) {
            throw new ConfigException(context + " : 'socks4 " + text + "' : could not resolve address '"
                    + inet.host() + "'.");
        }
    }

    /** The server's check settings, refused where they contradict one another or the server's address. */
    private static ServerCheckSettings checkSettings(ServerSettings settings, Address address, String context,
                                                     boolean externalChecks) throws ConfigException {
        ServerCheckSettings check = settings.check.settings();
        if (check.track().isPresent() && check.enabled()) {
            throw new ConfigException(context + " : unable to enable checks and tracking at the same time!");
        }
        if (check.track().isPresent() && settings.check.initStateGiven) {
            throw new ConfigException(context + " : unable to set init-state and tracking at the same time!");
        }
        if (check.agent().enabled() && check.agent().port() == 0) {
            throw new ConfigException(context + " : 'agent-check' needs an 'agent-port'.");
        }
        // An external check (option external-check before the server line) connects nowhere itself.
        boolean connects = check.enabled() && !externalChecks;
        if ((connects || check.agent().enabled()) && !(address instanceof Address.Inet)) {
            throw new ConfigException(context + " : health checks of a server that is not reached over TCP/IP "
                    + "are not supported by Shuttle yet.");
        }
        if (connects && check.port() == 0 && address instanceof Address.Inet inet
                && (inet.hasNoPort() || inet.portOffset())) {
            throw new ConfigException(context + " : a server without a fixed port needs a 'port' for its health "
                    + "checks.");
        }
        return check;
    }

    /** An integer that may be negative ({@code -1} means "no limit" for the pool settings). */
    private static int parseSigned(String context, String option, String value) throws ConfigException {
        String digits = requireValue(context, option, value);
        boolean negative = digits.startsWith("-");
        int magnitude = TimeValue.parseCount(negative ? digits.substring(1) : digits, option);
        return negative ? -magnitude : magnitude;
    }

    private static String requireValue(String context, String option, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : '" + option + "' expects an argument.");
        }
        return value;
    }

    /**
     * {@code weight <w>} of a server line, traffic or log server (configuration.txt §5.2): read as
     * C's atol() reads it ("abc" is 0, as in 3.5), then 0 to 256, refused in 3.5's words, which name
     * the server ("(null)" on a {@code default-server} line, with no context in front, as 3.5
     * writes it) and end in two full stops (its message's and its caller's).
     *
     * @param context {@code 'server <b>/<s>'} or {@code 'default-server'}
     */
    static int weight(String context, String value) throws ConfigException {
        int weight = CNumbers.atoi(value);
        if (weight < 0 || weight > 256) {
            boolean defaults = context.startsWith("'default-server");
            String server = defaults ? "(null)" : context.substring(context.lastIndexOf('/') + 1, context.length() - 1);
            throw new ConfigException((defaults ? "" : context + " : ") + "weight of server " + server
                    + " is not within 0 and 256 (" + weight + ")..");
        }
        return weight;
    }

    /**
     * {@code guid <string>} of a server line (configuration.txt §5.2): unique among every object's,
     * and not a default-server setting. The owner named in a duplicate's refusal is the server.
     */
    static String serverGuid(KeywordContext line, ProxySection proxy, String context, String value)
            throws ConfigException {
        if (context.startsWith("'default-server")) {
            throw new ConfigException("'guid' option is not accepted in default-server sections");
        }
        if (value.isEmpty()) {
            throw new ConfigException(context + " : 'guid' : expects an argument.");
        }
        try {
            GuidKeyword.checkFormat(value);
            GuidKeyword.claim(line.state().guids, value, context.replace("'", ""));
        } catch (ConfigException e) {
            throw new ConfigException(context + " : " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
        }
        return value;
    }
}
