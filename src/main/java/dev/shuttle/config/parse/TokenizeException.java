package dev.shuttle.config.parse;

/**
 * A configuration line that cannot be cut into words: an unmatched quote, a broken {@code \xNN}
 * escape or a malformed {@code ${NAME}} reference.
 *
 * <p>The message is HAProxy's, without the {@code parsing [file:line]:} prefix that the file reader
 * adds: the reason, the 1-based position, then the line (leading blanks removed, indented by two
 * spaces) and a caret under the faulty character, e.g.
 * <pre>
 * unmatched quote at position 6:
 *   bind "abc
 *        ^
 * </pre>
 */
public final class TokenizeException extends Exception {
    private final String reason;
    private final String line;
    private final int column;

    /** A failure found at {@code column} (0-based, counted in the line as given) of {@code line}. */
    public TokenizeException(String reason, String line, int column) {
        super(render(reason, line, column));
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** The bare reason, e.g. {@code unmatched quote}, for callers that print their own context. */
    public String reason() {
        return reason;
    }

    /** The line that failed, as given to the tokenizer. */
    public String line() {
        return line;
    }

    /** The 0-based column of the faulty character (HAProxy prints it 1-based). */
    public int column() {
        return column;
    }

    private static String render(String reason, String line, int column) {
        // HAProxy shows the line without its indentation, so the caret moves left by as much.
        int indentation = 0;
        while (indentation < line.length() && isBlank(line.charAt(indentation))) {
            indentation++;
        }
        String shown = line.substring(indentation);
        int caret = Math.max(0, column - indentation);
        return reason + " at position " + (column + 1) + ":\n  " + shown + "\n  " + " ".repeat(caret) + "^";
    }

    private static boolean isBlank(char character) {
        return character == ' ' || character == '\t';
    }
}
