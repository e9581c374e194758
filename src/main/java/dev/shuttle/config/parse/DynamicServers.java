package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the arguments of {@code add server <backend>/<server> <address> [options]} (management.txt
 * §9.3) with the parser of the configuration's {@code server} line, so that every keyword means
 * the same at runtime as in the file, restricted to the keywords HAProxy 3.5 allows on a dynamic
 * server (its {@code add server help}). The backend's {@code default-server} is not applied, as
 * HAProxy does not apply it either; the server starts in maintenance, as every dynamic server does
 * until {@code enable server}.
 *
 * <p>Errors are {@link ConfigException}s holding the parser's text without the {@code 'server
 * b/s' :} in front, as HAProxy answers on its CLI.
 */
public final class DynamicServers {
    /** Where a server added at runtime was "declared", for messages that name a server's place. */
    public static final SourceLocation RUNTIME = new SourceLocation("cli", 0);

    /** The list HAProxy's {@code add server help} prints, one keyword a line, in its order. */
    public static List<String> acceptedKeywords() {
        return List.of(ACCEPTED_IN_ORDER);
    }

    /** HAProxy 3.5's {@code add server help}: the server keywords a dynamic server may use, in its order. */
    private static final String[] ACCEPTED_IN_ORDER = {
            "allow-0rtt", "alpn", "ca-file", "check-alpn", "check-sni", "check-ssl", "ciphers", "ciphersuites",
            "client-sigalgs", "crl-file", "curves", "crt", "force-sslv3", "force-tlsv10", "force-tlsv11",
            "force-tlsv12", "force-tlsv13", "ktls", "no-check-sni-auto", "no-renegotiate", "no-sni-auto",
            "no-ssl-reuse", "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "no-tls-tickets", "npn",
            "renegotiate", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn", "sigalgs", "sni", "ssl", "ssl-min-ver",
            "ssl-max-ver", "tls-tickets", "verify", "verifyhost", "backup", "cookie", "disabled", "error-limit",
            "guid", "ws", "hash-key", "id", "idle-ping", "init-state", "maxconn", "maxqueue", "minconn", "no-backup",
            "no-send-proxy", "no-send-proxy-v2", "no-tfo", "observe", "on-error", "on-marked-down", "on-marked-up",
            "pool-conn-name", "pool-low-conn", "pool-max-conn", "pool-purge-delay", "proto", "proxy-v2-options",
            "send-proxy", "send-proxy-v2", "set-proxy-v2-tlv-fmt", "shard", "slowstart", "source", "strict-maxconn",
            "tfo", "track", "usesrc", "weight", "healthcheck", "addr", "agent-addr", "agent-check", "agent-inter",
            "agent-port", "agent-send", "check", "check-pool-conn-name", "check-proto", "check-reuse-pool",
            "check-send-proxy", "check-via-socks4", "rise", "fall", "inter", "fastinter", "downinter", "port"};
    private static final Set<String> ACCEPTED = Set.of(ACCEPTED_IN_ORDER);

    private DynamicServers() {}

    /**
     * The server that {@code add server <backend>/<name> <arguments...>} describes, id 0 (the
     * backend numbers it), in maintenance.
     *
     * @param arguments the address, then the options
     */
    public static ServerConfig parse(ProxyConfig backend, String name, List<String> arguments) throws ConfigException {
        String context = "'server " + backend.name() + "/" + name + "'";
        try {
            return parse(backend, name, arguments, context);
        } catch (ConfigException e) {
            String text = e.getMessage();
            throw new ConfigException(text.startsWith(context + " : ") ? text.substring(context.length() + 3) : text);
        }
    }

    private static ServerConfig parse(ProxyConfig backend, String name, List<String> arguments, String context)
            throws ConfigException {
        if (arguments.isEmpty()) {
            throw new ConfigException("'server' expects <name> and <addr>[:<port>] as arguments.");
        }
        if (arguments.size() > 1 && arguments.get(1).equals("from")) {
            throw new ConfigException("'from' is not supported by Shuttle on 'add server' yet.");
        }
        List<String> words = new ArrayList<>(arguments.size() + 2);
        words.add("server");
        words.add(name);
        words.addAll(arguments);
        LoadState state = new LoadState(Variables.of(Map.of()), Diagnostics.collecting());
        KeywordContext line = new KeywordContext(words, false, RUNTIME, state);
        ProxySection proxy = new ProxySection(backend.name(), ProxyKind.BACKEND, RUNTIME);
        proxy.mode = backend.mode();
        proxy.checks.kind = backend.checks().kind(); // an external check needs no port (ServerKeyword)
        Address address = ServerKeyword.address(arguments.getFirst(), context);
        ServerSettings settings = new ServerSettings(); // default-server is not applied (management.txt §9.3)
        ServerKeyword.parseOptions(line, 3, context, settings, proxy, option -> refuseOnDynamic(option, context));
        settings.disabled = true; // a dynamic server starts in maintenance until "enable server"
        ServerKeyword.declare(line, proxy, name, address, settings, settings.id == null ? 0 : settings.id);
        ServerConfig server = proxy.servers.getFirst();
        if (server.check().enabled() && backend.checks().connectsWithTls()) {
            throw new ConfigException(context + " : the backend's checks connect with 'ssl', which Shuttle cannot "
                    + "do for a server added at runtime yet (TLS contexts to servers are made at startup).");
        }
        return server;
    }

    /**
     * Refuses a keyword HAProxy 3.5 does not allow on a dynamic server (its text), and the TLS
     * ones, which Shuttle does not support there (a server's TLS context is made at startup).
     * An unknown keyword passes, for the parser to call it unknown.
     */
    private static void refuseOnDynamic(String option, String context) throws ConfigException {
        if (!ACCEPTED.contains(option)) {
            if (ServerKeyword.knows(option)) {
                throw new ConfigException("'" + option + "' option is not accepted for dynamic server");
            }
            return;
        }
        if (TlsServerOptions.handles(option)) {
            throw new ConfigException(context + " : '" + option + "' is not supported by Shuttle on a server added "
                    + "at runtime yet (TLS contexts to servers are made at startup).");
        }
    }
}
