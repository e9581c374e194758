package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.SampleContext;
import java.util.List;

/**
 * {@code http-request|http-response|http-after-response strict-mode { on | off }}
 * (configuration.txt §4.3, "strict-mode"): whether a rewrite that fails, from the next rule on,
 * ends the exchange with a 500 ({@code on}, the mode each rule set starts in) or is let go
 * ({@code off}). The mode belongs to one evaluation of one rule set: {@link RuleSet#evaluate}
 * reads this action rather than running it, and starts every evaluation in strict mode.
 *
 * <p>What can fail in Shuttle: a {@code set-uri} or {@code replace-uri} that gives an absolute
 * URI without an authority ({@link MessageActions}). HAProxy's other failures come from its
 * buffers' reserve ({@code tune.maxrewrite}), which Shuttle's heads do not have.
 */
record StrictMode(boolean on) implements Action {
    static void register(ActionRegistry registry) {
        registry.register("strict-mode", StrictMode::parse, RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE,
                RuleKind.HTTP_AFTER_RESPONSE);
    }

    private static Action parse(List<String> words, RuleCompiler compiler) throws ConfigException {
        if (words.size() < 2 || words.get(1).isEmpty()) {
            throw new ConfigException("expects exactly 1 arguments");
        }
        String mode = words.get(1);
        Words.expectCount(words, 1, "exactly 1 argument");
        if (!mode.equalsIgnoreCase("on") && !mode.equalsIgnoreCase("off")) {
            throw new ConfigException("Unexpected value '" + mode + "'. Only 'on' and 'off' are supported");
        }
        return new StrictMode(mode.equalsIgnoreCase("on"));
    }

    /** Nothing to do on the stream: the rule set's evaluation keeps the mode. */
    @Override
    public Verdict apply(SampleContext context) {
        return Verdict.CONTINUE;
    }
}
