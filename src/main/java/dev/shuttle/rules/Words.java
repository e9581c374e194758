package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import java.util.List;

/** Argument checks shared by action parsers, with HAProxy's style of complaint. */
final class Words {
    private Words() {}

    static void expectCount(List<String> words, int count, String usage) throws ConfigException {
        if (words.size() - 1 != count) {
            throw new ConfigException("'" + words.getFirst() + "' expects " + usage + ".");
        }
    }

    static void expectAtLeast(List<String> words, int count, String usage) throws ConfigException {
        if (words.size() - 1 < count) {
            throw new ConfigException("'" + words.getFirst() + "' expects " + usage + ".");
        }
    }

    static int status(String text, String keyword) throws ConfigException {
        try {
            int status = Integer.parseInt(text);
            if (status < 100 || status > 999) {
                throw new NumberFormatException();
            }
            return status;
        } catch (NumberFormatException e) {
            throw new ConfigException("'" + keyword + "' : invalid status code '" + text + "'.");
        }
    }
}
