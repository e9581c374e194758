package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleType;
import dev.shuttle.sample.StreamSettings;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Actions that change how this one stream is handled rather than its messages (configuration.txt
 * §4.3): {@code set-timeout}, {@code set-log-level}, {@code set-priority-class},
 * {@code set-priority-offset}, {@code set-retries}, {@code disable-l7-retry}, {@code set-nice} and
 * {@code wait-for-body}.
 */
final class StreamActions {
    private StreamActions() {}

    static void register(ActionRegistry registry) {
        registry.register(RuleKind.HTTP_REQUEST, "set-timeout", StreamActions::setTimeout);
        registry.register("set-log-level", StreamActions::setLogLevel, RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE,
                RuleKind.HTTP_AFTER_RESPONSE);
        registry.register("set-priority-class", (words, compiler) -> priority(words, compiler, true),
                RuleKind.HTTP_REQUEST, RuleKind.TCP_REQUEST_CONTENT);
        registry.register("set-priority-offset", (words, compiler) -> priority(words, compiler, false),
                RuleKind.HTTP_REQUEST, RuleKind.TCP_REQUEST_CONTENT);
        registry.register("set-nice", StreamActions::setNice, RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE,
                RuleKind.TCP_REQUEST_CONTENT, RuleKind.TCP_RESPONSE_CONTENT);
        for (RuleKind kind : List.of(RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE, RuleKind.HTTP_AFTER_RESPONSE,
                RuleKind.TCP_REQUEST_CONNECTION, RuleKind.TCP_REQUEST_SESSION, RuleKind.TCP_REQUEST_CONTENT,
                RuleKind.TCP_RESPONSE_CONTENT)) {
            registry.register(kind, "do-log", (words, compiler) -> doLog(kind, words, compiler));
        }
        registry.register("set-retries", StreamActions::setRetries, RuleKind.HTTP_REQUEST, RuleKind.TCP_REQUEST_CONTENT);
        registry.register(RuleKind.HTTP_REQUEST, "disable-l7-retry", (words, compiler) -> {
            Words.expectCount(words, 0, "no argument");
            return context -> {
                context.settings().disableLayer7Retry();
                return Verdict.CONTINUE;
            };
        });
        registry.register(RuleKind.HTTP_REQUEST, "wait-for-body", (words, compiler) -> waitForBody(words, true));
        registry.register(RuleKind.HTTP_RESPONSE, "wait-for-body", (words, compiler) -> waitForBody(words, false));
    }

    /**
     * {@code set-timeout server|tunnel|client <time|expr>}: a time, or an expression whose integer
     * value is in milliseconds; a value that is missing or not positive changes nothing. Server and
     * tunnel timeouts need a proxy with a backend side, the client one a proxy with a frontend side.
     */
    private static Action setTimeout(List<String> words, RuleCompiler compiler) throws ConfigException {
        if (words.size() != 3) {
            throw new ConfigException("'set-timeout' expects exactly 2 arguments: 'server', 'tunnel' or 'client', "
                    + "then a time or an expression.");
        }
        String which = words.get(1);
        switch (which) {
            case "server", "tunnel" -> {
                if (!compiler.hasBackendCapability()) {
                    throw new ConfigException("'set-timeout " + which + "' : " + compiler.proxyDescription()
                            + " has no backend capability.");
                }
            }
            case "client" -> {
                if (!compiler.hasFrontendCapability()) {
                    throw new ConfigException("'set-timeout client' : " + compiler.proxyDescription()
                            + " has no frontend capability.");
                }
            }
            default -> throw new ConfigException("'set-timeout' expects 'server', 'tunnel' or 'client' (got '"
                    + which + "').");
        }
        TimeoutValue value = timeoutValue(words.get(2), compiler);
        return context -> {
            OptionalLong millis = value.evaluate(context);
            if (millis.isPresent() && millis.getAsLong() > 0) {
                StreamSettings settings = context.settings();
                switch (which) {
                    case "server" -> settings.serverTimeout(millis.getAsLong());
                    case "tunnel" -> settings.tunnelTimeout(millis.getAsLong());
                    default -> settings.clientTimeout(millis.getAsLong());
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /** A fixed time, or an expression evaluated per stream. */
    private interface TimeoutValue {
        OptionalLong evaluate(SampleContext context);
    }

    private static TimeoutValue timeoutValue(String text, RuleCompiler compiler) throws ConfigException {
        if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
            long millis = TimeValue.parseMillis(text, "set-timeout");
            return context -> OptionalLong.of(millis);
        }
        SampleExpression expression = compiler.expression(text);
        return context -> integer(expression, context);
    }

    private static OptionalLong integer(SampleExpression expression, SampleContext context) {
        return expression.evaluate(context).flatMap(sample -> Casts.cast(sample, SampleType.SINT))
                .map(sample -> OptionalLong.of(sample.asLong())).orElse(OptionalLong.empty());
    }

    /**
     * {@code do-log [profile <name>]} (configuration.txt, "do-log"): logs the stream now (or the
     * connection, before a stream exists), at the step of the rule set ({@code tcp-req-conn},
     * {@code tcp-req-sess}, {@code tcp-req-cont}, {@code tcp-res-cont}, {@code http-req},
     * {@code http-res}, {@code http-after-res}: what {@code %OG} prints), in the frontend's format
     * unless a log profile says otherwise for that step: the rule's {@code profile} on every target,
     * else each target's own.
     */
    private static Action doLog(RuleKind kind, List<String> words, RuleCompiler compiler) throws ConfigException {
        Optional<String> profile = Optional.empty();
        int next = 1;
        if (words.size() > next && words.get(next).equals("profile")) {
            if (words.size() == next + 1 || words.get(next + 1).isEmpty()) {
                throw new ConfigException("action 'do-log': 'profile' expects argument.");
            }
            profile = Optional.of(words.get(next + 1));
            compiler.logProfileNamed(profile.get());
            next += 2;
        }
        if (words.size() > next) {
            throw new ConfigException("'do-log' : unexpected argument '" + words.get(next) + "'.");
        }
        String step = switch (kind) {
            case TCP_REQUEST_CONNECTION -> "tcp-req-conn";
            case TCP_REQUEST_SESSION -> "tcp-req-sess";
            case TCP_REQUEST_CONTENT -> "tcp-req-cont";
            case TCP_RESPONSE_CONTENT -> "tcp-res-cont";
            case HTTP_REQUEST -> "http-req";
            case HTTP_RESPONSE -> "http-res";
            case HTTP_AFTER_RESPONSE -> "http-after-res";
            default -> throw new IllegalArgumentException(kind.name());
        };
        Optional<String> named = profile;
        return context -> {
            context.logStep(step, named);
            return Verdict.CONTINUE;
        };
    }

    /** {@code set-log-level <level>|silent}: the last matching rule wins; silent means no log line. */
    private static Action setLogLevel(List<String> words, RuleCompiler compiler) throws ConfigException {
        Words.expectCount(words, 1, "exactly 1 argument (a syslog level or 'silent')");
        String word = words.get(1);
        int level;
        if (word.equals("silent")) {
            level = StreamSettings.SILENT;
        } else {
            level = SyslogLevel.fromKeyword(word).orElseThrow(() -> new ConfigException("'set-log-level' : unknown "
                    + "level '" + word + "' (expects 'emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', "
                    + "'debug' or 'silent').")).ordinal();
        }
        return context -> {
            context.settings().logLevel(level);
            return Verdict.CONTINUE;
        };
    }

    /**
     * {@code set-priority-class|offset <expr>}: stored for the stream, where the backend's queues
     * read it when the request has to wait for a server slot (configuration.txt §4.3).
     */
    private static Action priority(List<String> words, RuleCompiler compiler, boolean classOrOffset)
            throws ConfigException {
        Words.expectCount(words, 1, "exactly 1 argument (a sample expression)");
        SampleExpression expression = compiler.expression(words.get(1));
        return context -> {
            OptionalLong value = integer(expression, context);
            if (value.isPresent()) {
                if (classOrOffset) {
                    context.settings().priorityClass(value.getAsLong());
                } else {
                    context.settings().priorityOffset(value.getAsLong());
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /** {@code set-nice <nice>}: checked, then ignored: virtual threads have no scheduling weights. */
    private static Action setNice(List<String> words, RuleCompiler compiler) throws ConfigException {
        Words.expectCount(words, 1, "exactly 1 argument (an integer, kept within -1024..1024)");
        try {
            Integer.parseInt(words.get(1));
        } catch (NumberFormatException e) {
            throw new ConfigException("'set-nice' expects an integer (got '" + words.get(1) + "').");
        }
        compiler.warning("'set-nice' has no effect in Shuttle: every stream runs on its own virtual thread, "
                + "without scheduling weights.");
        return context -> Verdict.CONTINUE;
    }

    /**
     * {@code set-retries <int>|<expr>} (configuration.txt §4.4): this stream's {@code retries}, 0 to
     * 100, in a proxy with a backend side; an expression whose value is missing or out of range
     * changes nothing. The messages are HAProxy 3.5's.
     */
    private static Action setRetries(List<String> words, RuleCompiler compiler) throws ConfigException {
        if (words.size() < 2) {
            throw new RuleArgumentException("expects exactly 1 argument (an expression or an integer between 1 and 100)");
        }
        if (!compiler.hasBackendCapability()) {
            throw new RuleArgumentException("'set-retries' only available in backend or listen section");
        }
        String text = words.get(1);
        if (text.matches("-?[0-9]+")) {
            long value = text.length() > 4 ? 1000 : Long.parseLong(text);
            if (value < 0 || value > 100) {
                throw new RuleArgumentException("expects an expression or an integer between 1 and 100");
            }
            Words.expectCount(words, 1, "exactly 1 argument (an expression or an integer between 1 and 100)");
            return context -> {
                context.settings().maxRetries((int) value);
                return Verdict.CONTINUE;
            };
        }
        SampleExpression expression = compiler.expression(text);
        Words.expectCount(words, 1, "exactly 1 argument (an expression or an integer between 1 and 100)");
        return context -> {
            OptionalLong value = integer(expression, context);
            if (value.isPresent() && value.getAsLong() >= 0 && value.getAsLong() <= 100) {
                context.settings().maxRetries((int) value.getAsLong());
            }
            return Verdict.CONTINUE;
        };
    }

    /**
     * {@code wait-for-body time <time> [at-least <bytes>]}: waits for the request body (or its first
     * bytes) so that the next rules can read {@code req.body}. For a request, when the time runs
     * out first the exchange ends with a 408, and when the client aborts with a 400 (3.5's
     * answers; the manual names the 408); a response's rules go on with what arrived.
     */
    private static Action waitForBody(List<String> words, boolean request) throws ConfigException {
        long time = -1;
        long atLeast = 0;
        for (int i = 1; i < words.size(); i += 2) {
            if (i + 1 >= words.size()) {
                throw new ConfigException("'wait-for-body' : missing value after '" + words.get(i) + "'.");
            }
            switch (words.get(i)) {
                case "time" -> time = TimeValue.parseMillis(words.get(i + 1), "wait-for-body");
                case "at-least" -> atLeast = TimeValue.parseSize(words.get(i + 1), "wait-for-body");
                default -> throw new ConfigException("'wait-for-body' expects 'time' <time> and optionally "
                        + "'at-least' <bytes> (got '" + words.get(i) + "').");
            }
        }
        if (time < 0) {
            throw new ConfigException("'wait-for-body' : 'time' is mandatory.");
        }
        long wait = time;
        long bytes = atLeast;
        return context -> {
            if (!request) {
                context.loadResponseBody(wait, bytes);
                return Verdict.CONTINUE;
            }
            return switch (context.loadRequestBody(wait, bytes)) {
                case RECEIVED -> Verdict.CONTINUE;
                case TIMED_OUT -> Verdict.BODY_TIMED_OUT;
                case CLIENT_ABORTED -> Verdict.BODY_ABORTED;
            };
        };
    }
}
