package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.tls.VerifyMode;
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
        ConditionContext context = ConditionContext.standard(state.variables(),
                () -> state.global.tls.serverVerify == VerifyMode.NONE);
        if ((directive.equals(".if") || directive.equals(".elif")) && String.join(" ", rest).contains("feature(OPENSSL)")) {
            state.diagnostics().warning(where, "'feature(OPENSSL)' is false in Shuttle, whose TLS is the JDK's: what "
                    + "this condition guards may be skipped; 'feature(JSSE)' is true.");
        }
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
                    message(directive, rest, where, state.diagnostics());
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

    /** Prints the one (quoted) argument of a message directive; an empty message is allowed. */
    private static void message(String directive, List<String> rest, SourceLocation where, Diagnostics diagnostics)
            throws ConfigException {
        Diagnostics.Level level = switch (directive) {
            case ".diag" -> Diagnostics.Level.DIAG;
            case ".notice" -> Diagnostics.Level.NOTICE;
            case ".warning" -> Diagnostics.Level.WARNING;
            case ".alert" -> Diagnostics.Level.ALERT;
            default -> throw new ConfigException("unknown directive '" + directive + "'");
        };
        if (rest.size() > 1) {
            // HAProxy writes this alert like the messages themselves, without a space before the colon.
            diagnostics.emit(Diagnostics.Level.ALERT, "config : parsing [" + where + "]: Unexpected argument '"
                    + rest.get(1) + "' for '" + directive + "'. Use quotes if the message should contain spaces.");
            return;
        }
        diagnostics.directive(level, where, rest.isEmpty() ? "" : rest.getFirst());
    }
}
