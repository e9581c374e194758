package dev.shuttle.config.parse;

import dev.shuttle.config.BindConfig;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.BindSocketOptions;
import java.util.List;
import java.util.Set;

/** {@code bind <address>[,...] [options]} in frontends (configuration.txt §5.1, "Bind options"). */
final class BindKeyword {
    /** Options that tune HAProxy's threads or kernel hints: accepted, with a notice that they change nothing. */
    private static final Set<String> NOTICED_FLAGS = Set.of("defer-accept", "tfo");
    private static final Set<String> NOTICED_WITH_VALUE = Set.of("process", "thread", "nice", "shards", "mss");
    /** Options of features Shuttle does not have (yet): refused so that nobody believes they work. */
    private static final Set<String> REFUSED = Set.of("accept-netscaler-cip", "transparent", "interface",
            "namespace", "quic-cc-algo", "tcp-ut", "expose-fd", "level", "severity-output");

    private BindKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("bind", Need.FRONTEND, false, false, (line, proxy) -> {
            if (line.argCount() < 1) {
                throw new ConfigException("'bind' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments.");
            }
            List<Address> addresses;
            try {
                addresses = AddressParser.parseBind(line.arg(1));
            } catch (AddressException e) {
                throw new ConfigException("'bind' : " + e.getMessage());
            }
            String context = "'bind " + line.arg(1) + "' in section '" + proxy.kind.keyword() + "'";
            Options options = parseOptions(line, 2, context, false);
            if (options.id != 0) {
                checkListenerId(context, options.id, addresses, proxy);
            }
            proxy.binds.add(new BindConfig(line.where(), line.arg(1), addresses, options.name, options.maxconn,
                    options.socket(), options.tls.settings(line, proxy.name, line.arg(1)), options.acceptProxy,
                    options.id, options.guidPrefix, options.muxProtocol));
        });
    }

    /**
     * {@code id <n>} names one socket (configuration.txt §5.1, "id"): a line of several addresses
     * cannot take it, and two listeners of a proxy cannot share one. 3.5's texts.
     */
    private static void checkListenerId(String context, int id, List<Address> addresses, ProxySection proxy)
            throws ConfigException {
        if (addresses.size() != 1) {
            throw new ConfigException(context + " : 'id' can only be used with a single socket");
        }
        for (BindConfig other : proxy.binds) {
            if (other.id() == id) {
                throw new ConfigException(context + " : 'id' : custom id " + id + " already used at "
                        + other.where().file() + ":" + other.where().line() + " ('bind " + other.text() + "')");
            }
        }
    }

    /**
     * {@code guid-prefix <string>}: the listeners' guids are the prefix, '-' and their position;
     * the prefix follows the guid's format, and the guids' uniqueness is not checked here.
     */
    private static String guidPrefix(String context, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : 'guid-prefix' : expects an argument");
        }
        try {
            GuidKeyword.checkFormat(value);
        } catch (ConfigException e) {
            throw new ConfigException(context + " : " + e.getMessage().replace("'guid'", "'guid-prefix'"));
        }
        return value;
    }

    /** {@code id <n>}: a positive decimal integer, refused with 3.5's texts otherwise. */
    private static int parseListenerId(String context, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(context + " : 'id' : expects an integer argument");
        }
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(context + " : 'id' : expects an integer argument, found '" + value + "'");
        }
        if (id <= 0 || id > Integer.MAX_VALUE) {
            throw new ConfigException(context + " : 'id' : custom id has to be > 0");
        }
        return (int) id;
    }

    /** The options that follow an address, shared with {@code stats socket}. */
    static final class Options {
        String name = "";
        /** {@code id}: the listener's id, 0 when not given. */
        int id;
        /** {@code guid-prefix}: empty when not given. */
        String guidPrefix = "";
        int maxconn;
        int backlog;
        boolean v4v6;
        boolean v6only;
        Integer unixMode;
        String unixUser;
        String unixGroup;
        String level = "";
        /** {@code accept-proxy}: every connection starts with a PROXY header (proxy-protocol.txt). */
        boolean acceptProxy;
        /** {@code proto h1|h2}: the protocol of every connection, or empty. */
        String muxProtocol = "";
        /** The TLS options ({@code ssl}, {@code crt}, {@code alpn}...). */
        final TlsBindOptions tls = new TlsBindOptions();

        BindSocketOptions socket() {
            return new BindSocketOptions(backlog, v4v6, v6only, unixMode, unixUser, unixGroup, true);
        }
    }

    /** Parses options from word {@code first} on; {@code context} prefixes error messages, as HAProxy does. */
    static Options parseOptions(KeywordContext line, int first, String context, boolean isStatsSocket)
            throws ConfigException {
        Options options = new Options();
        int i = first;
        while (i < line.words().size()) {
            String option = line.arg(i);
            if (NOTICED_FLAGS.contains(option)) {
                line.notice(context + ": '" + option + "' has no effect in Shuttle.");
                i++;
                continue;
            }
            if (TlsBindOptions.handles(option)) {
                if (isStatsSocket) {
                    throw new ConfigException(context + " : '" + option + "' : TLS on the stats socket is not supported "
                            + "by Shuttle.");
                }
                i = options.tls.parse(line, line.words(), i, context);
                continue;
            }
            if (REFUSED.contains(option) && !(isStatsSocket && option.equals("level"))) {
                throw new ConfigException(context + ": '" + option + "' is not supported by Shuttle yet.");
            }
            String value = line.arg(i + 1);
            boolean takesValue = true;
            switch (option) {
                case "name" -> options.name = requireValue(context, option, value);
                case "id" -> options.id = parseListenerId(context, value);
                case "guid-prefix" -> options.guidPrefix = guidPrefix(context, value);
                // configuration.txt §5.1 maxconn, backlog: read as C's atol() reads them, so "x" is 0,
                // which means "the default" (the frontend's maxconn) on both sides.
                case "maxconn" -> options.maxconn = (int) CNumbers.atol(requireValue(context, option, value));
                case "backlog" -> options.backlog = (int) CNumbers.atol(requireValue(context, option, value));
                case "mode" -> options.unixMode = parseOctal(context, requireValue(context, option, value));
                case "user", "uid" -> options.unixUser = requireValue(context, option, value);
                case "group", "gid" -> options.unixGroup = requireValue(context, option, value);
                case "level" -> options.level = requireValue(context, option, value);
                case "proto" -> {
                    if (isStatsSocket) {
                        throw new ConfigException(context + ": 'proto' on the stats socket is not supported by Shuttle.");
                    }
                    options.muxProtocol = muxProtocol(context, requireValue(context, option, value));
                }
                case "accept-proxy" -> {
                    if (isStatsSocket) {
                        throw new ConfigException(context + ": 'accept-proxy' on the stats socket is not supported "
                                + "by Shuttle.");
                    }
                    options.acceptProxy = true;
                    takesValue = false;
                }
                case "v4v6" -> {
                    options.v4v6 = true;
                    takesValue = false;
                }
                case "v6only" -> {
                    options.v6only = true;
                    takesValue = false;
                }
                default -> {
                    if (!NOTICED_WITH_VALUE.contains(option)) {
                        throw new ConfigException(context + ": unknown keyword '" + option + "'.");
                    }
                    if (option.equals("thread") && value.isEmpty()) {
                        // 3.5 takes a bare 'thread' (all threads), as the last word of the line.
                        line.notice(context + ": 'thread' has no effect in Shuttle, whose virtual threads are not "
                                + "bound to a thread or process.");
                        takesValue = false;
                        break;
                    }
                    requireValue(context, option, value);
                    line.notice(context + ": '" + option + " " + value + "' has no effect in Shuttle, whose virtual "
                            + "threads are not bound to a thread or process.");
                }
            }
            i += takesValue ? 2 : 1;
        }
        return options;
    }

    /**
     * HAProxy's {@code bind ... proto}: the multiplexer of every connection, {@code h1} or {@code
     * h2}; HAProxy's other names are not served by Shuttle's frontends.
     */
    private static String muxProtocol(String context, String name) throws ConfigException {
        return switch (name) {
            case "h1", "h2" -> name;
            case "fcgi", "quic", "none", "h3" -> throw new ConfigException(context + ": 'proto' : MUX protocol '"
                    + name + "' is not supported on a bind line by Shuttle.");
            default -> throw new ConfigException(context + " : 'proto' :  unknown MUX protocol '" + name + "'");
        };
    }

    /** The option's value; a missing one is refused in 3.5's words for that option. */
    private static String requireValue(String context, String option, String value) throws ConfigException {
        if (value.isEmpty()) {
            String missing = switch (option) {
                case "mss" -> "missing MSS value";
                case "name" -> "missing name";
                default -> "missing value";
            };
            throw new ConfigException(context + " : '" + option + "' : " + missing);
        }
        return value;
    }

    private static int parseOctal(String context, String value) throws ConfigException {
        try {
            return Integer.parseInt(value, 8);
        } catch (NumberFormatException e) {
            throw new ConfigException(context + ": 'mode' expects an octal value (got '" + value + "').");
        }
    }
}
