package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import java.util.List;

/**
 * What a keyword parser is given: the words of its line, where the line is, and the load in progress.
 *
 * @param words   the line's words, keyword first ({@code no} already removed, see {@link #negated})
 * @param negated the line started with {@code no}, as in {@code no option redispatch}
 */
public record KeywordContext(List<String> words, boolean negated, SourceLocation where, LoadState state) {
    public KeywordContext {
        words = List.copyOf(words);
    }

    public String keyword() {
        return words.getFirst();
    }

    /** The word at {@code index} (0 is the keyword), or an empty string past the end, as HAProxy's args[] reads. */
    public String arg(int index) {
        return index < words.size() ? words.get(index) : "";
    }

    public int argCount() {
        return words.size() - 1;
    }

    /** Fails unless exactly {@code count} arguments follow the keyword. */
    public void expectArgs(int count, String usage) throws ConfigException {
        if (argCount() != count) {
            throw new ConfigException("'" + keyword() + "' " + usage);
        }
    }

    /** 3.5's refusal of words beyond a keyword's {@code max} arguments (its alertif_too_many_args()). */
    public void atMostArgs(int max) throws ConfigException {
        if (argCount() > max) {
            throw new ConfigException("'" + keyword() + "' cannot handle unexpected argument '" + arg(max + 1) + "'.");
        }
    }

    public void warning(String text) {
        state.diagnostics().warning(where, text);
    }

    public void notice(String text) {
        state.diagnostics().notice(where, text);
    }
}
