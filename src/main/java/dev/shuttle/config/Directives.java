package dev.shuttle.config;

import java.util.List;

/**
 * The dot-directives of configuration.txt §2.4: conditional blocks and the messages that a file
 * can print while it is read ({@code .diag}, {@code .notice}, {@code .warning}, {@code .alert}).
 */
final class Directives {
    private Directives() {}

    static void apply(List<String> words, SourceLocation where, ConditionalBlocks blocks, LoadState state)
            throws ConfigException, ConditionException {
        String directive = words.getFirst();
        List<String> rest = words.subList(1, words.size());
        ConditionContext context = ConditionContext.standard(state.variables());
        switch (directive) {
            case ".if" -> blocks.onIf(() -> evaluate(rest, context));
            case ".elif" -> blocks.onElif(() -> evaluate(rest, context));
            case ".else" -> {
                noArguments(directive, rest);
                blocks.onElse();
            }
            case ".endif" -> {
                noArguments(directive, rest);
                blocks.onEndif();
            }
            default -> {
                if (blocks.isActive()) {
                    message(directive, String.join(" ", rest), where, state.diagnostics());
                }
            }
        }
    }

    private static void noArguments(String directive, List<String> rest) throws ConfigException {
        if (!rest.isEmpty()) {
            throw new ConfigException("Unexpected argument '" + rest.getFirst() + "' for '" + directive + "'.");
        }
    }

    private static boolean evaluate(List<String> words, ConditionContext context) throws ConditionException {
        return Condition.evaluate(words, context);
    }

    private static void message(String directive, String text, SourceLocation where, Diagnostics diagnostics)
            throws ConfigException {
        switch (directive) {
            case ".diag" -> diagnostics.diag(where, text);
            case ".notice" -> diagnostics.notice(where, text);
            case ".warning" -> diagnostics.warning(where, text);
            case ".alert" -> diagnostics.alert(where, text);
            default -> throw new ConfigException("unknown directive '" + directive + "'");
        }
    }
}
