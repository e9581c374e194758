package dev.shuttle.config.parse;

/**
 * A {@code .if}/{@code .elif} condition or a conditional block that HAProxy would refuse.
 *
 * <p>The message is HAProxy's bare wording, e.g. {@code unparsable conditional expression 'foo('}
 * or {@code lone '.else' with no matching '.if'.}; {@code -cc} prints it after
 * {@code Failed to evaluate condition: }. When the fault lies at a known place of an expression,
 * {@link #describeIn(String)} renders it the way a configuration file error shows it.
 * A condition that could not even be cut into words carries the {@link TokenizeException} as cause.
 */
public final class ConditionException extends Exception {
    private final String expression;
    private final int position;

    /** A failure that belongs to no particular character, such as a misplaced {@code .else}. */
    public ConditionException(String message) {
        this(message, null, -1);
    }

    /** A failure at {@code position} (0-based) of the expression text, as the words joined by spaces. */
    public ConditionException(String message, String expression, int position) {
        super(message);
        this.expression = expression;
        this.position = position;
    }

    /** A condition whose text could not be cut into words. */
    public ConditionException(TokenizeException cause) {
        super(cause.reason(), cause);
        this.expression = null;
        this.position = -1;
    }

    /** The expression text the position refers to, or null. */
    public String expression() {
        return expression;
    }

    /** The 0-based index of the faulty character in {@link #expression()}, or -1 when unknown. */
    public int position() {
        return position;
    }

    /**
     * The message as a configuration file shows it for the given directive ({@code .if} or
     * {@code .elif}), e.g.
     * <pre>
     * unparsable conditional expression 'foo' in '.if' at position 1:
     *   .if foo
     *       ^
     * </pre>
     */
    public String describeIn(String directive) {
        if (expression == null || position < 0) {
            return getMessage();
        }
        String caretIndent = " ".repeat(directive.length() + 1 + position);
        return getMessage() + " in '" + directive + "' at position " + (position + 1) + ":\n"
                + "  " + directive + " " + expression + "\n"
                + "  " + caretIndent + "^";
    }
}
