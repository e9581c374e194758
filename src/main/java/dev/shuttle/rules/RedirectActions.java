package dev.shuttle.rules;

import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code redirect location|prefix|scheme <to> [code <code>] [drop-query] [append-slash]
 * [set-cookie <name>[=<value>]] [clear-cookie <name>]} (configuration.txt §4.2, "redirect"), in
 * {@code http-request} and {@code http-response}.
 */
final class RedirectActions {
    private enum Kind { LOCATION, PREFIX, SCHEME }

    private record Options(Kind kind, LogFormat target, int code, boolean dropQuery, boolean appendSlash,
                           String setCookie, String clearCookie) {}

    private RedirectActions() {}

    static void register(ActionRegistry registry) {
        registry.register("redirect", RedirectActions::parse, RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE);
    }

    private static Action parse(List<String> words, RuleCompiler compiler) throws ConfigException {
        if (words.size() < 3) {
            throw new ConfigException("'redirect' expects 'location', 'prefix' or 'scheme' followed by a value.");
        }
        Kind kind = switch (words.get(1)) {
            case "location" -> Kind.LOCATION;
            case "prefix" -> Kind.PREFIX;
            case "scheme" -> Kind.SCHEME;
            default -> throw new ConfigException("'redirect' expects 'location', 'prefix' or 'scheme' (got '"
                    + words.get(1) + "').");
        };
        LogFormat target = compiler.logFormat(words.get(2));
        int code = 302;
        boolean dropQuery = false;
        boolean appendSlash = false;
        String setCookie = null;
        String clearCookie = null;
        for (int i = 3; i < words.size(); i++) {
            switch (words.get(i)) {
                case "code" -> {
                    code = Words.status(value(words, ++i, "code"), "redirect");
                    if (!List.of(301, 302, 303, 307, 308).contains(code)) {
                        throw new RuleArgumentException("'code': unsupported HTTP code '" + code
                                + "' (must be one of 301, 302, 303, 307 or 308)");
                    }
                }
                case "drop-query" -> dropQuery = true;
                case "append-slash" -> appendSlash = true;
                case "set-cookie" -> setCookie = value(words, ++i, "set-cookie");
                case "clear-cookie" -> clearCookie = value(words, ++i, "clear-cookie");
                default -> throw new ConfigException("'redirect' : expects 'code', 'prefix', 'location', 'scheme', "
                        + "'set-cookie', 'clear-cookie', 'drop-query' or 'append-slash' (got '" + words.get(i) + "').");
            }
        }
        Options options = new Options(kind, target, code, dropQuery, appendSlash, setCookie, clearCookie);
        return context -> new Verdict.Respond(options.code(), Optional.of(response(options, context)), null, 0,
                false);
    }

    private static String value(List<String> words, int index, String option) throws ConfigException {
        if (index >= words.size()) {
            throw new ConfigException("'redirect' : missing argument after '" + option + "'.");
        }
        return words.get(index);
    }

    /** HAProxy's redirect: {@code content-length: 0}, {@code location}, then the cookie header if any. */
    private static ErrorResponse response(Options options, SampleContext context) {
        List<HeaderList.Field> headers = new ArrayList<>();
        headers.add(new HeaderList.Field("location", location(options, context)));
        if (options.code() == 302) {
            // A temporary redirect must not be cached (haproxy 2.6 adds this to 302 only).
            headers.add(new HeaderList.Field("cache-control", "no-cache"));
        }
        if (options.setCookie() != null) {
            headers.add(new HeaderList.Field("set-cookie", options.setCookie() + "; path=/;"));
        } else if (options.clearCookie() != null) {
            String name = options.clearCookie().endsWith("=") ? options.clearCookie() : options.clearCookie() + "=";
            headers.add(new HeaderList.Field("set-cookie", name + "; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/;"));
        }
        return ErrorResponse.composedLengthFirst(options.code(), headers);
    }

    private static String location(Options options, SampleContext context) {
        String target = options.target().render(context);
        Optional<RequestHead> request = context.request();
        if (options.kind() == Kind.LOCATION || request.isEmpty()) {
            return target;
        }
        String uri = request.get().target();
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd > 0) {
            int slash = uri.indexOf('/', schemeEnd + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        if (options.dropQuery()) {
            int question = uri.indexOf('?');
            uri = question < 0 ? uri : uri.substring(0, question);
        }
        if (options.appendSlash() && !uri.endsWith("/") && !uri.contains("?")) {
            uri = uri + "/";
        }
        if (options.kind() == Kind.SCHEME) {
            String host = request.get().headers().first("Host");
            return target + "://" + (host == null ? "" : host) + uri;
        }
        // prefix: "/" as a prefix means "the same URI", HAProxy does not double the slash.
        return target.equals("/") ? uri : target + uri;
    }
}
