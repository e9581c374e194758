package dev.shuttle.rules;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The actions that rewrite the start line (configuration.txt §4.3): {@code set-method},
 * {@code set-path}, {@code set-pathq}, {@code set-query}, {@code set-uri}, {@code replace-path},
 * {@code replace-pathq}, {@code replace-uri} on requests and {@code set-status} on responses.
 */
final class MessageActions {
    private MessageActions() {}

    /** The parts of a request-target that the actions replace. */
    private enum TargetPart { PATH, PATH_AND_QUERY, QUERY, WHOLE }

    static void register(ActionRegistry registry) {
        registry.register(RuleKind.HTTP_REQUEST, "set-method", (words, compiler) -> {
            Words.expectCount(words, 1, "exactly 1 argument");
            LogFormat method = compiler.logFormat(words.get(1));
            return context -> {
                String value = method.render(context);
                if (!value.isEmpty()) {
                    context.request().orElseThrow().method(value);
                }
                return Verdict.CONTINUE;
            };
        });
        registry.register(RuleKind.HTTP_REQUEST, "set-uri", (words, compiler) -> {
            Words.expectCount(words, 1, "exactly 1 argument");
            LogFormat uri = compiler.logFormat(words.get(1));
            return context -> {
                String value = uri.render(context);
                if (!value.isEmpty()) {
                    context.request().orElseThrow().target(value);
                    checkAuthority(value, context);
                }
                return Verdict.CONTINUE;
            };
        });
        registry.register(RuleKind.HTTP_REQUEST, "set-path", (words, compiler) -> targetPart(words, compiler, TargetPart.PATH));
        registry.register(RuleKind.HTTP_REQUEST, "set-pathq",
                (words, compiler) -> targetPart(words, compiler, TargetPart.PATH_AND_QUERY));
        registry.register(RuleKind.HTTP_REQUEST, "set-query", (words, compiler) -> targetPart(words, compiler, TargetPart.QUERY));
        registry.register(RuleKind.HTTP_REQUEST, "replace-path", (words, compiler) -> replacePart(words, compiler, TargetPart.PATH));
        registry.register(RuleKind.HTTP_REQUEST, "replace-pathq",
                (words, compiler) -> replacePart(words, compiler, TargetPart.PATH_AND_QUERY));
        registry.register(RuleKind.HTTP_REQUEST, "replace-uri", (words, compiler) -> replacePart(words, compiler, TargetPart.WHOLE));
        registry.register("set-status", MessageActions::setStatus, RuleKind.HTTP_RESPONSE, RuleKind.HTTP_AFTER_RESPONSE);
    }

    /**
     * {@code replace-path <regex> <fmt>} (the path alone), {@code replace-pathq} (the path with its
     * query) and {@code replace-uri} (the whole target, scheme and authority included): when the
     * regex matches the part, the part becomes the rendered format with its {@code \1}...
     * back-references, as {@code replace-header} does to a value.
     */
    private static Action replacePart(List<String> words, RuleCompiler compiler, TargetPart part) throws ConfigException {
        Words.expectCount(words, 2, "exactly 2 arguments");
        Pattern regex = HeaderActions.compile(words.get(1), words.getFirst());
        LogFormat replacement = compiler.logFormat(words.get(2));
        return context -> {
            RequestHead request = context.request().orElseThrow();
            String text = part(request.target(), part);
            if (regex.matcher(text).find()) {
                String value = HeaderActions.replaceWhole(text, regex, replacement.render(context));
                request.target(replaced(request.target(), part, value));
                if (part == TargetPart.WHOLE) {
                    checkAuthority(request.target(), context);
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /**
     * A new whole target that is neither {@code *} nor an origin form must have an authority, which
     * becomes the Host (HAProxy's http_update_host()): when it has none ({@code http:///x}, {@code
     * ?q}, {@code http://user@/}), the target stays replaced and the rewrite counts as failed
     * ({@link StrictMode}).
     */
    private static void checkAuthority(String target, SampleContext context) {
        if (target.startsWith("*") || target.startsWith("/")) {
            return; // asterisk or origin form: no authority, the Host stays
        }
        RequestHead request = context.request().orElseThrow();
        // http_update_host(): a CONNECT's authority form is the authority itself.
        String authority = request.method().equals("CONNECT") ? target : authority(target);
        if (authority.isEmpty()) {
            context.rewriteFailed();
            return;
        }
        // Every Host field takes the new authority as its value (none is added), as 3.5 does (checked live).
        HeaderList headers = request.headers();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).hasName("host")) {
                headers.replace(i, headers.get(i).name(), authority);
            }
        }
    }

    /**
     * The authority of an absolute URI (RFC 3986 §3.2): after the scheme's {@code ://} when there is
     * one, up to the first '/', '?' or '#', without the user information before a '@'.
     */
    static String authority(String target) {
        int start = 0;
        int scheme = 0;
        if (!target.isEmpty() && isAsciiLetter(target.charAt(0))) {
            scheme = 1;
            while (scheme < target.length() && (isAsciiLetter(target.charAt(scheme))
                    || target.charAt(scheme) >= '0' && target.charAt(scheme) <= '9' || "+-.".indexOf(target.charAt(scheme)) >= 0)) {
                scheme++;
            }
            if (target.startsWith("://", scheme)) {
                start = scheme + 3;
            }
        }
        int end = start;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            if (target.charAt(end++) == '@') {
                start = end;
            }
        }
        return target.substring(start, end);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Where the path starts in {@code target}: after an absolute form's scheme and authority. */
    private static int pathStart(String target) {
        int schemeEnd = target.indexOf("://");
        if (schemeEnd > 0 && !target.startsWith("/")) {
            int slash = target.indexOf('/', schemeEnd + 3);
            int question = target.indexOf('?', schemeEnd + 3);
            return slash >= 0 ? slash : question >= 0 ? question : target.length();
        }
        return 0;
    }

    /** One part of a target, as {@link #replaced} swaps it. */
    static String part(String target, TargetPart part) {
        int pathStart = pathStart(target);
        int queryStart = target.indexOf('?', pathStart);
        return switch (part) {
            case PATH -> target.substring(pathStart, queryStart >= 0 ? queryStart : target.length());
            case PATH_AND_QUERY -> target.substring(pathStart);
            case QUERY -> queryStart >= 0 ? target.substring(queryStart + 1) : "";
            case WHOLE -> target;
        };
    }

    private static Action targetPart(List<String> words, RuleCompiler compiler, TargetPart part) throws ConfigException {
        Words.expectCount(words, 1, "exactly 1 argument");
        LogFormat format = compiler.logFormat(words.get(1));
        return context -> {
            RequestHead request = context.request().orElseThrow();
            request.target(replaced(request.target(), part, format.render(context)));
            return Verdict.CONTINUE;
        };
    }

    /** Splits a target into prefix (scheme and authority), path and query, and swaps one part. */
    static String replaced(String target, TargetPart part, String value) {
        int pathStart = pathStart(target);
        int queryStart = target.indexOf('?', pathStart);
        String prefix = target.substring(0, pathStart);
        String path = target.substring(pathStart, queryStart >= 0 ? queryStart : target.length());
        String query = queryStart >= 0 ? target.substring(queryStart) : "";
        return switch (part) {
            case PATH -> prefix + value + query;
            case PATH_AND_QUERY -> prefix + value;
            case QUERY -> prefix + path + (value.isEmpty() ? "" : "?" + value);
            case WHOLE -> value;
        };
    }

    /** {@code set-status <code> [reason <text>]}. */
    private static Action setStatus(List<String> words, RuleCompiler compiler) throws ConfigException {
        if (words.size() != 2 && !(words.size() == 4 && words.get(2).equals("reason"))) {
            throw new ConfigException("'set-status' expects a status code, optionally followed by 'reason <text>'.");
        }
        int status = Words.status(words.get(1), "set-status");
        String reason = words.size() == 4 ? words.get(3) : null;
        return (SampleContext context) -> {
            context.response().orElseThrow().status(status, reason);
            return Verdict.CONTINUE;
        };
    }
}
