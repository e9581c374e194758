package dev.shuttle.config.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one configuration line into words by HAProxy's quoting, escaping and variable rules.
 *
 * <p>The rules come from the configuration manual, sections 2.2 "Quoting and escaping" and 2.3
 * "Environment variables"; where the manual is silent or disagrees, the behaviour of HAProxy 2.6
 * (Debian's build, used as a live peer) decides, and the test class says so case by case:
 * <ul>
 *   <li>spaces and tabs separate words; an unquoted {@code #} starts a comment, even inside a word;
 *   <li>a backslash outside single quotes escapes a space, a tab, {@code #}, {@code \}, {@code '} and
 *       {@code "}, and writes {@code \t}, {@code \n}, {@code \r} and {@code \xNN}; inside double quotes
 *       it also escapes {@code $}. Before any other character, or at the end of the line, the
 *       backslash stays as it is (HAProxy 2.6 keeps {@code \q} and even an unquoted {@code \$});
 *   <li>single quotes take everything literally; double quotes keep blanks, quotes and {@code #} and
 *       expand variables, which are not expanded anywhere else;
 *   <li>{@code $NAME}, {@code ${NAME}}, {@code ${NAME-default}} (default only for an undefined
 *       variable) and {@code ${NAME[*]}}, whose value is cut into several words at each run of blanks,
 *       the text around the reference sticking to the first and last pieces;
 *   <li>quoted and unquoted parts glue into one word ({@code ab"c d"e} is {@code abc de}), and an
 *       empty quoted word ({@code ""}, or a quoted undefined variable) is kept as an empty word.
 * </ul>
 * {@code \xNN} gives the character U+00NN, which is the byte NN when the file is read as ISO-8859-1.
 */
public final class LineTokenizer {
    private final String line;
    private final Variables variables;
    private final boolean hashStartsComment;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    // A word exists once a character or a quote was seen, so that "" yields an empty word.
    private boolean wordStarted;
    private int position;

    private LineTokenizer(String line, Variables variables, boolean hashStartsComment) {
        this.line = stripLineEnd(line);
        this.variables = variables;
        this.hashStartsComment = hashStartsComment;
    }

    /** The words of one configuration line (without its line terminator, or with it: both are accepted). */
    public static List<String> tokenize(String line, Variables variables) throws TokenizeException {
        return new LineTokenizer(line, variables, true).run();
    }

    /**
     * The words of a condition given on the command line ({@code -cc}), where {@code #} is plain text:
     * HAProxy 2.6 answers {@code -cc '1 # x'} with "unexpected character '#'", not with a comment.
     */
    public static List<String> tokenizeCommandLine(String text, Variables variables) throws TokenizeException {
        return new LineTokenizer(text, variables, false).run();
    }

    private List<String> run() throws TokenizeException {
        while (position < line.length()) {
            char character = line.charAt(position);
            if (character == ' ' || character == '\t') {
                endWord();
                position++;
            } else if (character == '#' && hashStartsComment) {
                break;
            } else if (character == '\'') {
                readStrongQuote();
            } else if (character == '"') {
                readWeakQuote();
            } else if (character == '\\') {
                readEscape(false);
            } else {
                append(character);
                position++;
            }
        }
        endWord();
        return List.copyOf(words);
    }

    /** Single quotes: everything up to the next single quote is taken as is. */
    private void readStrongQuote() throws TokenizeException {
        int opening = position;
        int closing = line.indexOf('\'', opening + 1);
        if (closing < 0) {
            throw new TokenizeException("unmatched quote", line, opening);
        }
        wordStarted = true;
        word.append(line, opening + 1, closing);
        position = closing + 1;
    }

    /** Double quotes: blanks, {@code '} and {@code #} are text; escapes and variables still work. */
    private void readWeakQuote() throws TokenizeException {
        int opening = position;
        wordStarted = true;
        position++;
        while (true) {
            if (position >= line.length()) {
                throw new TokenizeException("unmatched quote", line, opening);
            }
            char character = line.charAt(position);
            if (character == '"') {
                position++;
                return;
            } else if (character == '\\') {
                readEscape(true);
            } else if (character == '$') {
                expandVariable();
            } else {
                append(character);
                position++;
            }
        }
    }

    /** A backslash sequence at {@code position}; see the table in manual section 2.2. */
    private void readEscape(boolean inDoubleQuotes) throws TokenizeException {
        if (position + 1 >= line.length()) {
            // A trailing backslash is kept: HAProxy 2.6 reads "abc\" at the end of a line as abc\.
            append('\\');
            position++;
            return;
        }
        char next = line.charAt(position + 1);
        switch (next) {
            case ' ', '\t', '#', '\\', '\'', '"' -> append(next);
            case 't' -> append('\t');
            case 'n' -> append('\n');
            case 'r' -> append('\r');
            case 'x' -> {
                append(readHexadecimalByte());
                position += 4;
                return;
            }
            case '$' -> {
                if (!inDoubleQuotes) {
                    // Outside quotes '$' means nothing, and HAProxy 2.6 keeps "\$" as two characters.
                    append('\\');
                    position++;
                    return;
                }
                append('$');
            }
            default -> {
                // Not an escape: the backslash is text and the next character is read normally.
                append('\\');
                position++;
                return;
            }
        }
        position += 2;
    }

    private char readHexadecimalByte() throws TokenizeException {
        int high = position + 2 < line.length() ? Character.digit(line.charAt(position + 2), 16) : -1;
        int low = position + 3 < line.length() ? Character.digit(line.charAt(position + 3), 16) : -1;
        if (high < 0 || low < 0) {
            throw new TokenizeException("truncated or invalid hexadecimal sequence", line, position);
        }
        return (char) (high * 16 + low);
    }

    /** {@code $NAME} or {@code ${NAME[*]-default}} at {@code position}, inside double quotes. */
    private void expandVariable() throws TokenizeException {
        position++;
        boolean braced = position < line.length() && line.charAt(position) == '{';
        int brace = position;
        if (braced) {
            position++;
        }
        String name = readVariableName(braced);
        boolean split = false;
        String fallback = null;
        if (braced) {
            if (position < line.length() && line.charAt(position) == '[') {
                if (!line.startsWith("[*]", position)) {
                    throw new TokenizeException("truncated or invalid word expansion sequence", line, position);
                }
                split = true;
                position += 3;
            }
            if (position < line.length() && line.charAt(position) == '-') {
                int closing = line.indexOf('}', position + 1);
                if (closing < 0) {
                    throw new TokenizeException("unmatched brace in environment variable name", line, brace);
                }
                fallback = line.substring(position + 1, closing);
                position = closing;
            }
            if (position >= line.length() || line.charAt(position) != '}') {
                throw new TokenizeException("unmatched brace in environment variable name", line, brace);
            }
            position++;
        }
        String value = variables.getOrNull(name);
        if (value == null) {
            value = fallback == null ? "" : fallback;
        }
        if (split) {
            appendSplitting(value);
        } else if (!value.isEmpty()) {
            word.append(value);
            // After a [*] expansion ended a word, a value still starts a new one.
            wordStarted = true;
        }
    }

    /**
     * A name starts with a letter or {@code _}; a dot may start it only between braces, for the
     * pseudo-variables {@code .FILE}, {@code .LINE} and {@code .SECTION} (manual section 2.3).
     */
    private String readVariableName(boolean braced) throws TokenizeException {
        int start = position;
        char first = position < line.length() ? line.charAt(position) : '\0';
        boolean validFirst = isAsciiLetter(first) || first == '_' || (braced && first == '.');
        if (!validFirst) {
            throw new TokenizeException("forbidden first char in environment variable name", line, start);
        }
        position++;
        while (position < line.length() && isNameCharacter(line.charAt(position))) {
            position++;
        }
        return line.substring(start, position);
    }

    /** {@code ${NAME[*]}}: each run of blanks in the value ends the current word. */
    private void appendSplitting(String value) {
        boolean inBlanks = false;
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character == ' ' || character == '\t') {
                if (!inBlanks) {
                    endWord();
                }
                inBlanks = true;
            } else {
                append(character);
                inBlanks = false;
            }
        }
    }

    private void append(char character) {
        word.append(character);
        wordStarted = true;
    }

    private void endWord() {
        if (wordStarted) {
            words.add(word.toString());
            word.setLength(0);
            wordStarted = false;
        }
    }

    private static boolean isAsciiLetter(char character) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
    }

    private static boolean isNameCharacter(char character) {
        return isAsciiLetter(character) || (character >= '0' && character <= '9') || character == '_';
    }

    private static String stripLineEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
