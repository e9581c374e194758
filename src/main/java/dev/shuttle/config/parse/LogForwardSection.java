package dev.shuttle.config.parse;

import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogForwardConfig;
import dev.shuttle.config.LogTarget;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.net.Address;
import dev.shuttle.net.AddressException;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.HostResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code log-forward} section while it is being read (configuration.txt §12.6); messages are
 * haproxy 3.5's where it has one. Bind parameters are refused: Shuttle's log listeners take none.
 */
final class LogForwardSection {
    private final SourceLocation where;
    private final String name;
    private final List<InetSocketAddress> datagramBinds = new ArrayList<>();
    private final List<Address> streamBinds = new ArrayList<>();
    private final List<LogTarget> logs = new ArrayList<>();
    private boolean logGlobal;
    private int maxconn = LogForwardConfig.DEFAULT_MAXCONN;
    private long clientMillis;
    private int backlog;
    private boolean assumeNonTransparentFraming;
    private boolean dontParse;
    private LogForwardConfig.Host host = LogForwardConfig.Host.FILL;

    private LogForwardSection(SourceLocation where, String name) {
        this.where = where;
        this.name = name;
    }

    static LogForwardSection open(List<String> words, SourceLocation where, LoadState state) throws ConfigException {
        if (words.size() < 2 || words.get(1).isEmpty()) {
            throw new ConfigException("missing name for log-forward section.");
        }
        String name = words.get(1);
        LogForwardSection other = state.global.logForwards.get(name);
        if (other != null) {
            throw new ConfigException("log-forward section '" + name + "' has the same name as another log-forward "
                    + "section declared at " + other.where + ".");
        }
        LogForwardSection section = new LogForwardSection(where, name);
        state.global.logForwards.put(name, section);
        return section;
    }

    void parse(List<String> words, SourceLocation at, LoadState state) throws ConfigException {
        String keyword = words.getFirst();
        String arg = words.size() > 1 ? words.get(1) : "";
        switch (keyword) {
            case "dgram-bind" -> {
                noParameters(words, 2);
                datagramBinds.add(datagramAddress(arg));
            }
            case "bind" -> {
                noParameters(words, 2);
                try {
                    streamBinds.addAll(AddressParser.parseBind(arg));
                } catch (AddressException e) {
                    throw new ConfigException("'bind " + arg + "' : " + e.getMessage());
                }
            }
            case "log" -> {
                if (arg.equals("global")) {
                    logGlobal = true;
                } else {
                    LogTarget target = LogKeyword.parse(new KeywordContext(words, false, at, state));
                    if (target.destination() instanceof LogDestination.Backend) {
                        throw new ConfigException("log : 'backend@' targets are not supported by Shuttle in a "
                                + "log-forward section yet.");
                    }
                    logs.add(target);
                }
            }
            case "maxconn" -> maxconn = TimeValue.parseCount(arg, "maxconn");
            case "backlog" -> backlog = TimeValue.parseCount(arg, "backlog");
            case "timeout" -> {
                if (!arg.equals("client")) {
                    throw new ConfigException("unknown keyword 'timeout " + arg + "' in log-forward section.");
                }
                clientMillis = TimeValue.parseMillis(words.size() > 2 ? words.get(2) : "", "timeout client");
            }
            case "option" -> option(words);
            default -> throw new ConfigException("unknown keyword '" + keyword + "' in log-forward section.");
        }
    }

    private void option(List<String> words) throws ConfigException {
        String option = words.size() > 1 ? words.get(1) : "";
        switch (option) {
            case "assume-rfc6587-ntf" -> assumeNonTransparentFraming = true;
            case "dont-parse-log" -> dontParse = true;
            case "host" -> {
                String value = words.size() > 2 ? words.get(2) : "";
                host = switch (value) {
                    case "replace" -> LogForwardConfig.Host.REPLACE;
                    case "fill" -> LogForwardConfig.Host.FILL;
                    case "keep" -> LogForwardConfig.Host.KEEP;
                    case "append" -> LogForwardConfig.Host.APPEND;
                    default -> throw new ConfigException("option 'host' expects {replace|fill|keep|append}.");
                };
            }
            default -> throw new ConfigException("unknown option '" + option + "' in log-forward section.");
        }
    }

    private static void noParameters(List<String> words, int from) throws ConfigException {
        if (words.size() > from) {
            throw new ConfigException("'" + words.getFirst() + " " + words.get(1) + "' : '" + words.get(from)
                    + "' : Shuttle's log-forward listeners take no parameters.");
        }
    }

    /** {@code [udp@|udp4@|udp6@|ipv4@|ipv6@]<ip>:<port>}: a UDP address with its port. */
    private static InetSocketAddress datagramAddress(String text) throws ConfigException {
        int at = text.indexOf('@');
        String prefix = at > 0 ? text.substring(0, at + 1) : "";
        String family = switch (prefix) {
            case "", "udp@" -> "";
            case "udp4@", "ipv4@" -> "ipv4@";
            case "udp6@", "ipv6@" -> "ipv6@";
            default -> throw new ConfigException("'dgram-bind " + text + "' : Shuttle receives logs on UDP "
                    + "addresses only (udp@, udp4@, udp6@ or ip:port).");
        };
        try {
            List<Address> addresses = AddressParser.parseBind(family + text.substring(prefix.length()));
            if (addresses.size() != 1 || !(addresses.getFirst() instanceof Address.Inet inet) || inet.portCount() != 1) {
                throw new ConfigException("'dgram-bind " + text + "' : one address and one port are expected.");
            }
            return new InetSocketAddress(HostResolver.resolve(inet), inet.portLow());
        } catch (AddressException e) {
            throw new ConfigException("'dgram-bind " + text + "' : " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("'dgram-bind " + text + "' : " + e.getMessage());
        }
    }

    LogForwardConfig freeze(List<LogTarget> globalLogs, Diagnostics diagnostics) {
        List<LogTarget> targets = new ArrayList<>(logs);
        if (logGlobal) {
            targets.addAll(globalLogs);
        }
        if (datagramBinds.isEmpty() && streamBinds.isEmpty()) {
            diagnostics.emit(Diagnostics.Level.WARNING, "config : log-forward '" + name + "' has no 'bind' nor "
                    + "'dgram-bind' directive: it receives nothing.");
        }
        return new LogForwardConfig(where, name, datagramBinds, streamBinds, targets, maxconn, clientMillis, backlog,
                assumeNonTransparentFraming, dontParse, host);
    }
}
