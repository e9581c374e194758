package dev.shuttle.config.parse;

import dev.shuttle.config.ForwardedOption;
import dev.shuttle.config.HeaderNamePolicy;
import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.config.HttpSettings;
import dev.shuttle.config.NetworkMask;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code option} lines of HTTP mode (configuration.txt §4.2, "option ..."). */
final class HttpOptionKeywords {
    private static final Set<String> FORWARDED_PARAMETERS = Set.of("proto", "host", "by", "by_port", "for", "for_port");

    private HttpOptionKeywords() {}

    static void register(KeywordRegistry registry) {
        connectionMode(registry, "http-keep-alive", HttpConnectionMode.KEEP_ALIVE);
        connectionMode(registry, "http-server-close", HttpConnectionMode.SERVER_CLOSE);
        connectionMode(registry, "httpclose", HttpConnectionMode.CLOSE);
        flag(registry, "http-pretend-keepalive", Need.ANY, (http, on) -> http.pretendKeepAlive = on);
        // configuration.txt, "option abortonclose": on by default in HTTP backends (3.x), off with "no".
        registry.option("abortonclose", Need.BACKEND, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            proxy.http.abortOnClose = !line.negated();
            proxy.http.abortOnCloseWritten = !line.negated();
        });
        flag(registry, "http-ignore-probes", Need.FRONTEND, (http, on) -> http.ignoreProbes = on);
        flag(registry, "http-buffer-request", Need.ANY, (http, on) -> http.bufferRequest = on);
        // HAProxy 3.x: trailers merged into headers by some agents can hide fields from checks (RFC 9110 §6.5.1).
        flag(registry, "http-drop-request-trailers", Need.BACKEND, (http, on) -> http.dropRequestTrailers = on);
        flag(registry, "http-drop-response-trailers", Need.FRONTEND, (http, on) -> http.dropResponseTrailers = on);
        for (String name : List.of("accept-unsafe-violations-in-http-request", "accept-invalid-http-request")) {
            flag(registry, name, Need.FRONTEND, (http, on) -> http.acceptUnsafeRequest = on);
        }
        for (String name : List.of("accept-unsafe-violations-in-http-response", "accept-invalid-http-response")) {
            flag(registry, name, Need.BACKEND, (http, on) -> http.acceptUnsafeResponse = on);
        }
        registry.option("forwardfor", Need.ANY, (line, proxy) ->
                proxy.http.forwardFor = line.negated() ? null : addedHeader(line, "X-Forwarded-For", true));
        registry.option("originalto", Need.ANY, (line, proxy) ->
                proxy.http.originalTo = line.negated() ? null : addedHeader(line, "X-Original-To", false));
        registry.option("forwarded", Need.BACKEND, (line, proxy) -> proxy.http.forwarded = line.negated() ? null
                : forwarded(line, proxy));
        registry.option("http-restrict-req-hdr-names", Need.ANY, (line, proxy) -> {
            if (line.negated()) {
                throw new ConfigException("'option http-restrict-req-hdr-names' cannot be negated.");
            }
            if (line.argCount() != 1) {
                throw new ConfigException("'option http-restrict-req-hdr-names' expects 'preserve', 'delete' or 'reject'.");
            }
            proxy.http.headerNames = switch (line.arg(1)) {
                case "preserve" -> HeaderNamePolicy.PRESERVE;
                case "delete" -> HeaderNamePolicy.DELETE;
                case "reject" -> HeaderNamePolicy.REJECT;
                default -> throw new ConfigException("'option http-restrict-req-hdr-names' expects 'preserve', "
                        + "'delete' or 'reject' (got '" + line.arg(1) + "').");
            };
        });
    }

    private interface FlagSetter {
        void set(HttpOptionsSection http, boolean on);
    }

    private static void flag(KeywordRegistry registry, String name, Need need, FlagSetter setter) {
        registry.option(name, need, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            setter.set(proxy.http, !line.negated());
        });
    }

    /** The three modes exclude each other; {@code no option X} returns to keep-alive, HAProxy's default. */
    private static void connectionMode(KeywordRegistry registry, String name, HttpConnectionMode mode) {
        registry.option(name, Need.ANY, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            if (line.negated()) {
                if (proxy.http.connectionMode == mode) {
                    proxy.http.connectionMode = HttpConnectionMode.KEEP_ALIVE;
                }
            } else {
                proxy.http.connectionMode = mode;
            }
        });
    }

    /** {@code option forwardfor [except <network>] [header <name>] [if-none]}. */
    private static HttpSettings.AddedHeader addedHeader(KeywordContext line, String defaultHeader, boolean allowIfNone)
            throws ConfigException {
        String option = "option " + line.keyword();
        String header = defaultHeader;
        Optional<NetworkMask> except = Optional.empty();
        boolean ifNone = false;
        for (int i = 1; i <= line.argCount(); i++) {
            switch (line.arg(i)) {
                case "except" -> except = Optional.of(NetworkMask.parse(value(line, ++i, option, "except")));
                case "header" -> header = value(line, ++i, option, "header");
                case "if-none" -> {
                    if (!allowIfNone) {
                        throw new ConfigException("'" + option + "' does not support 'if-none'.");
                    }
                    ifNone = true;
                }
                default -> throw new ConfigException("'" + option + "' only supports optional values: 'except', "
                        + "'header'" + (allowIfNone ? " and 'if-none'" : "") + " (got '" + line.arg(i) + "').");
            }
        }
        return new HttpSettings.AddedHeader(header, except, ifNone);
    }

    private static String value(KeywordContext line, int index, String option, String name) throws ConfigException {
        if (line.arg(index).isEmpty()) {
            throw new ConfigException("'" + option + "' : missing value after '" + name + "'.");
        }
        return line.arg(index);
    }

    /**
     * {@code option forwarded [proto] [host | host-expr <e>] [by | by-expr <e>] [by_port | by_port-expr <e>]
     * [for | for-expr <e>] [for_port | for_port-expr <e>]}; no parameter means {@code proto for}.
     */
    private static ForwardedOption forwarded(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.argCount() == 0) {
            return ForwardedOption.DEFAULT;
        }
        boolean proto = false;
        Map<String, ForwardedOption.Source> sources = new HashMap<>();
        for (int i = 1; i <= line.argCount(); i++) {
            String parameter = line.arg(i);
            String name = parameter.endsWith("-expr") ? parameter.substring(0, parameter.length() - 5) : parameter;
            if (parameter.equals("proto")) {
                proto = true;
            } else if (!FORWARDED_PARAMETERS.contains(name) || name.equals("proto")) {
                throw new ConfigException("'option forwarded' : unknown parameter '" + parameter + "'.");
            } else if (parameter.endsWith("-expr")) {
                String text = value(line, ++i, "option forwarded", parameter);
                sources.put(name, new ForwardedOption.Source.Expression(new ProxyRuleCompiler(line, proxy).expression(text)));
            } else {
                sources.put(name, ForwardedOption.IMPLICIT);
            }
        }
        return new ForwardedOption(proto, Optional.ofNullable(sources.get("host")), Optional.ofNullable(sources.get("by")),
                Optional.ofNullable(sources.get("by_port")), Optional.ofNullable(sources.get("for")),
                Optional.ofNullable(sources.get("for_port")));
    }
}
