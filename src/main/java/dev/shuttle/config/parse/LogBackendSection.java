package dev.shuttle.config.parse;

import dev.shuttle.config.HashType;
import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.TimeValue;
import java.util.ArrayList;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code backend} with {@code mode log} reads after that line (configuration.txt, "mode",
 * {@code log}): {@code balance} and {@code server}. A log backend has no traffic of its own, so the
 * TCP and HTTP keywords are refused rather than silently kept; messages are 3.5's where it has one.
 */
final class LogBackendSection {
    /** Proxy keywords that mean the same in a log backend, left to their usual parsers. */
    static final Set<String> COMMON_KEYWORDS = Set.of("mode", "description", "disabled", "enabled", "id", "hash-type",
            "guid");

    private final SourceLocation where;
    private LogBackendConfig.Balance balance = LogBackendConfig.Balance.RANDOM;
    /** The converter list of {@code balance log-hash}, compiled; null with another algorithm. */
    private SampleExpression logHashConverters;
    private final List<LogBackendConfig.Server> servers = new ArrayList<>();

    LogBackendSection(SourceLocation where) {
        this.where = where;
    }

    /** Parses one line of the backend; false when it is a common keyword for the usual parser. */
    boolean parse(List<String> words, ProxySection proxy, LoadState state) throws ConfigException {
        String keyword = words.getFirst();
        if (COMMON_KEYWORDS.contains(keyword)) {
            return false;
        }
        switch (keyword) {
            case "balance" -> {
                balance = balance(words, proxy.name);
                logHashConverters = balance == LogBackendConfig.Balance.LOG_HASH
                        ? converters(words.get(2), proxy, state) : null;
            }
            case "server" -> server(new KeywordContext(words, false, where, state), proxy);
            default -> throw new ConfigException("'" + keyword + "' is not supported by Shuttle in a 'mode log' "
                    + "backend (it takes 'balance', 'hash-type', 'server', 'description', 'disabled', 'enabled', 'id' and 'guid').");
        }
        return true;
    }

    private static LogBackendConfig.Balance balance(List<String> words, String name) throws ConfigException {
        String algorithm = words.size() > 1 ? words.get(1) : "";
        return switch (algorithm) {
            case "roundrobin" -> LogBackendConfig.Balance.ROUNDROBIN;
            case "random" -> LogBackendConfig.Balance.RANDOM;
            case "sticky" -> LogBackendConfig.Balance.STICKY;
            case "log-hash" -> {
                if (words.size() < 3) {
                    throw new ConfigException("in backend '" + name + "': log-hash requires a converter list.");
                }
                yield LogBackendConfig.Balance.LOG_HASH;
            }
            default -> throw new ConfigException("in backend '" + name + "': \"balance\" only supports 'roundrobin', "
                    + "'random', 'sticky' and 'log-hash'.");
        };
    }

    /**
     * The converter list of {@code balance log-hash}, compiled as 3.5 compiles it: behind a string
     * fetch, so that the converters must take a string (the message) and give what casts to binary.
     */
    private static SampleExpression converters(String list, ProxySection proxy, LoadState state) throws ConfigException {
        String name = proxy.name;
        SampleExpression compiled;
        try {
            compiled = SampleCompiler.compile("str(dummy)," + list, StandardRegistry.get(),
                    proxy.acls(state).compileScope());
        } catch (SampleCompileException e) {
            throw new ConfigException("log backend '" + name + "': failed to initialize: " + e.getMessage()
                    + " (from converter list argument in \"balance log-hash\").");
        }
        if (!Casts.canCast(compiled.outputType(), SampleType.BIN)) {
            throw new ConfigException("log backend '" + name + "': failed to initialize: invalid output type at the end "
                    + "of converter list for \"balance log-hash\" directive.");
        }
        return compiled;
    }

    /**
     * The health-check keywords a log server takes (configuration.txt §5.2, kept by 3.5 in a
     * {@code mode log} backend): a TCP connect check of the server, or of {@code addr}/{@code port}.
     */
    private static final Set<String> CHECK_KEYWORDS = Set.of("check", "no-check", "inter", "fastinter", "downinter",
            "rise", "fall", "port", "addr");

    /**
     * {@code server <name> <address> [disabled] [backup] [weight W] [log-proto P] [log-bufsize N]
     * [guid G] [check [inter T] [fastinter T] [downinter T] [rise N] [fall N] [port P] [addr A]]}.
     */
    private void server(KeywordContext line, ProxySection proxy) throws ConfigException {
        String backend = proxy.name;
        List<String> words = line.words();
        if (words.size() < 3) {
            throw new ConfigException("'server' expects <name> and <addr>[:<port>] as arguments.");
        }
        String name = words.get(1);
        String context = "'server " + backend + "/" + name + "'";
        for (LogBackendConfig.Server other : servers) {
            if (other.name().equals(name)) {
                throw new ConfigException("'server' : backend '" + backend + "' already has a server named '"
                        + name + "'.");
            }
        }
        LogDestination destination = LogTargetAddress.backendServer(words.get(2));
        boolean usable = true;
        boolean backup = false;
        RingConfig.Framing framing = RingConfig.Framing.LEGACY;
        int bufferSize = RingConfig.DEFAULT_SIZE;
        int weight = 1;
        String guid = "";
        ServerCheckOptions check = new ServerCheckOptions();
        for (int i = 3; i < words.size(); i++) {
            String option = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : "";
            if (CHECK_KEYWORDS.contains(option)) {
                i = check.parse(line, i, context, false) - 1;
                continue;
            }
            switch (option) {
                case "disabled" -> usable = false;
                case "enabled" -> usable = true;
                case "backup" -> backup = true;
                case "weight" -> {
                    weight = ServerKeyword.weight(context, value);
                    i++;
                }
                case "log-proto" -> {
                    framing = switch (value) {
                        case "legacy" -> RingConfig.Framing.LEGACY;
                        case "octet-count" -> RingConfig.Framing.OCTET_COUNT;
                        default -> throw new ConfigException(context + " : 'log-proto' expects one of 'legacy' or "
                                + "'octet-count' but got '" + value + "'.");
                    };
                    i++;
                }
                case "guid" -> {
                    guid = ServerKeyword.serverGuid(line, proxy, context, value);
                    i++;
                }
                case "log-bufsize" -> {
                    bufferSize = (int) Math.min(Integer.MAX_VALUE, TimeValue.parseSize(value, "log-bufsize"));
                    i++;
                }
                default -> throw new ConfigException(context + " : '" + option + "' is not supported by Shuttle on "
                        + "a log backend's server (it takes 'disabled', 'backup', 'weight', 'log-proto', 'log-bufsize', "
                        + "'guid', and 'check' with 'inter', 'fastinter', 'downinter', 'rise', 'fall', 'port' and 'addr').");
            }
        }
        ServerCheckSettings health = check.settings();
        if (health.enabled() && destination instanceof LogDestination.Datagram && health.port() == 0) {
            // 3.5 accepts it, but its check then connects over the server's datagram protocol, which
            // has no connect: every check ends in "Socket error" and the server stays DOWN (seen live).
            throw new ConfigException(context + " : 'check' on a UDP log server needs 'port' (a TCP port to "
                    + "check): without it HAProxy 3.5's check always fails with a socket error and the server "
                    + "stays DOWN, so Shuttle refuses it.");
        }
        if (!servers.isEmpty() && servers.getFirst().destination().getClass() != destination.getClass()) {
            throw new ConfigException("log backend '" + backend + "': cannot mix server types within a log backend, '"
                    + name + "' srv's network type differs from previous server.");
        }
        servers.add(new LogBackendConfig.Server(name, destination, usable, backup, framing, bufferSize, weight,
                health, guid));
    }

    /** The backend as it runs, with its proxy {@code id}; a {@code log-hash} with a consistent {@code hash-type} is refused, as 3.5 refuses it. */
    LogBackendConfig freeze(ProxySection proxy, int id) throws ConfigException {
        Optional<LogBackendConfig.LogHash> logHash = Optional.empty();
        if (balance == LogBackendConfig.Balance.LOG_HASH) {
            HashType hashType = proxy.balancing.hashType();
            if (hashType.consistent()) {
                throw new ConfigException("log backend '" + proxy.name + "': failed to initialize: unsupported hash "
                        + "method (from \"hash-type\").");
            }
            logHash = Optional.of(new LogBackendConfig.LogHash(logHashConverters, hashType));
        }
        return new LogBackendConfig(where, proxy.name, balance, logHash, servers, id, proxy.guid);
    }
}
