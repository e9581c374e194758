package dev.shuttle.config.parse;

import dev.shuttle.sample.LogFormat;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.parse.KeywordRegistry.Need;
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
    private static final Set<String> REFUSED_CHECK_WITH_VALUE = Set.of("slowstart", "error-limit", "observe",
            "on-error", "on-marked-down", "on-marked-up", "check-proto", "check-pool-conn-name", "check-reuse-pool");
    /** TLS settings of the health checks: kept in the server's TLS settings; checks do not use TLS yet. */
    private static final Set<String> TLS_CHECK_OPTIONS = Set.of("check-sni", "check-alpn", "check-sni-auto",
            "no-check-sni-auto");
    /** Options of features Shuttle does not have (yet): refused so that nobody believes they work. */
    private static final Set<String> REFUSED = Set.of("proto", "resolvers", "resolve-prefer", "resolve-net", "init-addr",
            "namespace", "socks4", "ws", "tfo", "allow-0rtt", "minconn", "maxqueue", "non-stick", "stick", "tcp-ut");

    private ServerKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("server", Need.BACKEND, false, true, (line, proxy) -> {
            if (line.argCount() < 2) {
                throw new ConfigException("'server' expects <name> and <addr>[:<port>] as arguments.");
            }
            String name = line.arg(1);
            for (ServerConfig other : proxy.servers) {
                if (other.name().equals(name)) {
                    throw new ConfigException("'server' : " + proxy.describe() + " already has a server named '"
                            + name + "' declared at " + other.where() + ".");
                }
            }
            Address address;
            try {
                address = resolvedOnce(AddressParser.parseServer(line.arg(2)));
            } catch (AddressException e) {
                throw new ConfigException("'server " + name + "' : " + e.getMessage());
            }
            ServerSettings settings = proxy.defaultServer.copy();
            parseOptions(line, 3, "'server " + proxy.name + "/" + name + "'", settings, proxy);
            int id = settings.id == null ? 0 : settings.id;
            proxy.servers.add(new ServerConfig(line.where(), name, address, id, settings.weight, settings.maxconn,
                    settings.disabled, settings.backup, settings.pooling(),
                    settings.tls.settings(line.state().global().tls), settings.proxy.settings(),
                    checkSettings(settings, address, "'server " + proxy.name + "/" + name + "'"),
                    settings.persistence()));
        });
        registry.proxy("default-server", Need.BACKEND, true, true, (line, proxy) ->
                parseOptions(line, 1, "'default-server'", proxy.defaultServer, proxy));
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

    private static void parseOptions(KeywordContext line, int first, String context, ServerSettings settings,
                                     ProxySection proxy) throws ConfigException {
        int i = first;
        boolean warnedAboutTlsChecks = false;
        while (i < line.words().size()) {
            String option = line.arg(i);
            if (ServerCheckOptions.handles(option)) {
                i = settings.check.parse(line, i, context);
                continue;
            }
            if (REFUSED_CHECK_FLAGS.contains(option) || REFUSED_CHECK_WITH_VALUE.contains(option)) {
                throw new ConfigException(context + " : '" + option + "' is not supported by Shuttle yet (health "
                        + "checks are TCP, tcp-check, HTTP and agent checks only).");
            }
            if (TlsServerOptions.handles(option)) {
                if (TLS_CHECK_OPTIONS.contains(option) && !warnedAboutTlsChecks) {
                    line.warning(context + " : health checks do not use TLS in Shuttle yet; '" + option
                            + "' has no effect.");
                    warnedAboutTlsChecks = true;
                }
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
                i = SourceKeyword.parse(line, i, context + " : 'source'", source -> settings.source = Optional.of(source));
                continue;
            }
            if (option.equals("usesrc")) {
                throw new ConfigException(context + " : 'usesrc' is not supported by Shuttle: a transparent source "
                        + "address needs IP_TRANSPARENT (and CAP_NET_ADMIN), which the JDK cannot set.");
            }
            if (option.equals("strict-maxconn")) {
                settings.strictMaxconn = true;
                i++;
                continue;
            }
            String value = line.arg(i + 1);
            switch (option) {
                case "weight" -> {
                    int weight = TimeValue.parseCount(requireValue(context, option, value), option);
                    if (weight > 256) {
                        throw new ConfigException(context + " : weight of server " + weight
                                + " is out of range [0..256].");
                    }
                    settings.weight = weight;
                }
                case "maxconn" -> settings.maxconn = TimeValue.parseCount(requireValue(context, option, value), option);
                case "id" -> {
                    int id = TimeValue.parseCount(requireValue(context, option, value), option);
                    if (id < 1) {
                        throw new ConfigException(context + " : custom id has to be > 0.");
                    }
                    settings.id = id;
                }
                case "pool-max-conn" -> {
                    settings.poolMaxIdle = parseSigned(context, option, value);
                    if (settings.poolMaxIdle < -1) {
                        throw new ConfigException(context + " : 'pool-max-conn' must be >= -1.");
                    }
                }
                // configuration.txt §5.2: the value the persistence cookie takes for this server.
                case "cookie" -> settings.cookie = requireValue(context, option, value);
                // configuration.txt §5.2: GET and HEAD requests for this server are redirected to the prefix.
                case "redir" -> settings.redirect = requireValue(context, option, value);
                case "pool-purge-delay" -> settings.poolPurgeDelayMillis =
                        TimeValue.parseMillis(requireValue(context, option, value), option);
                case "max-reuse" -> settings.maxReuse = Math.max(-1, parseSigned(context, option, value));
                case "pool-conn-name" -> settings.connectionName = Optional.of(
                        new ProxyRuleCompiler(line, proxy).expression(requireValue(context, option, value)));
                case "pool-low-conn" -> settings.poolLowIdle =
                        TimeValue.parseCount(requireValue(context, option, value), option);
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
     * The server's check settings, refused where a check would need TLS: {@code check-ssl}, or a
     * server with {@code ssl} whose checks go to its own port (HAProxy then checks over TLS too).
     */
    private static ServerCheckSettings checkSettings(ServerSettings settings, Address address, String context)
            throws ConfigException {
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
        if ((check.enabled() || check.agent().enabled()) && !(address instanceof Address.Inet)) {
            throw new ConfigException(context + " : health checks of a server that is not reached over TCP/IP "
                    + "are not supported by Shuttle yet.");
        }
        if (check.enabled() && check.port() == 0 && address instanceof Address.Inet inet
                && (inet.hasNoPort() || inet.portOffset())) {
            throw new ConfigException(context + " : a server without a fixed port needs a 'port' for its health "
                    + "checks.");
        }
        if (check.enabled() && (settings.tls.checkSsl
                || settings.tls.ssl && check.port() == 0 && check.address().isEmpty())) {
            throw new ConfigException(context + " : health checks over TLS ('check' on an 'ssl' server, "
                    + "or 'check-ssl') are not supported by Shuttle yet; give the checks a plain port with 'port'.");
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
}
