package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import java.util.List;

/** An action keyword with arguments in parentheses, {@code set-var(txn.x,ifnotset)}. */
record Call(String keyword, List<String> arguments) {
    static Call parse(String word) throws ConfigException {
        int open = word.indexOf('(');
        if (open < 0 || !word.endsWith(")")) {
            String keyword = open < 0 ? word : word.substring(0, open);
            throw new ConfigException("'" + keyword + "' expects its arguments in parentheses, as '"
                    + keyword + "(txn.name)'.");
        }
        String inside = word.substring(open + 1, word.length() - 1);
        return new Call(word.substring(0, open), inside.isEmpty() ? List.of() : List.of(inside.split(",", -1)));
    }

    /** The keyword of a word that may carry parenthesised arguments: {@code set-var(x)} → {@code set-var}. */
    static String keywordOf(String word) {
        int open = word.indexOf('(');
        return open < 0 ? word : word.substring(0, open);
    }
}
