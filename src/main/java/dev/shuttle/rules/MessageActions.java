package dev.shuttle.rules;

import dev.shuttle.http.RequestHead;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import java.util.List;

/**
 * The actions that rewrite the start line (configuration.txt §4.3): {@code set-method},
 * {@code set-path}, {@code set-pathq}, {@code set-query}, {@code set-uri} on requests and
 * {@code set-status} on responses.
 */
final class MessageActions {
    private MessageActions() {}

    /** The parts of a request-target that the actions replace. */
    private enum TargetPart { PATH, PATH_AND_QUERY, QUERY }

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
                }
                return Verdict.CONTINUE;
            };
        });
        registry.register(RuleKind.HTTP_REQUEST, "set-path", (words, compiler) -> targetPart(words, compiler, TargetPart.PATH));
        registry.register(RuleKind.HTTP_REQUEST, "set-pathq",
                (words, compiler) -> targetPart(words, compiler, TargetPart.PATH_AND_QUERY));
        registry.register(RuleKind.HTTP_REQUEST, "set-query", (words, compiler) -> targetPart(words, compiler, TargetPart.QUERY));
        registry.register("set-status", MessageActions::setStatus, RuleKind.HTTP_RESPONSE, RuleKind.HTTP_AFTER_RESPONSE);
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
        int pathStart = 0;
        int schemeEnd = target.indexOf("://");
        if (schemeEnd > 0 && !target.startsWith("/")) {
            int slash = target.indexOf('/', schemeEnd + 3);
            int question = target.indexOf('?', schemeEnd + 3);
            pathStart = slash >= 0 ? slash : question >= 0 ? question : target.length();
        }
        int queryStart = target.indexOf('?', pathStart);
        String prefix = target.substring(0, pathStart);
        String path = target.substring(pathStart, queryStart >= 0 ? queryStart : target.length());
        String query = queryStart >= 0 ? target.substring(queryStart) : "";
        return switch (part) {
            case PATH -> prefix + value + query;
            case PATH_AND_QUERY -> prefix + value;
            case QUERY -> prefix + path + (value.isEmpty() ? "" : "?" + value);
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
