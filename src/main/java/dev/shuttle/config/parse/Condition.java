package dev.shuttle.config.parse;

import dev.shuttle.version.HaproxyVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates the condition of a {@code .if} or {@code .elif} line, and of {@code -cc}.
 *
 * <p>Grammar, from the manual section 2.4 "Conditional blocks" (blanks allowed between tokens):
 * <pre>
 * expression := and-chain [ "||" expression ]
 * and-chain  := term [ "&amp;&amp;" and-chain ]
 * term       := "!"* ( integer | "(" expression ")" | predicate [ "(" arguments ")" ] )
 * </pre>
 * An empty condition is false; an integer (C syntax: {@code 0x1f}, octal {@code 017}, a sign) is
 * true unless zero; any other bare word is an error. {@code &&} binds tighter than {@code ||}.
 * The whole text is parsed before anything is evaluated, so a syntax error is reported even in a
 * branch that short-circuit evaluation would skip, as HAProxy does.
 *
 * <p>HAProxy joins the words of the line with single spaces and parses that text, so
 * {@code streq(a b,a b)} works unquoted. Predicate arguments then get a second level of parsing
 * (manual section 2.2): commas separate them, a closing parenthesis ends them, and quotes and
 * backslashes work as on the line, except {@code \#}, {@code \$} and {@code \xNN}.
 *
 * <p>Error texts are HAProxy 2.6's, checked against {@code haproxy -cc}.
 */
public final class Condition {
    /** Bounds recursion on nested parentheses, as HAProxy bounds its own parser. */
    private static final int MAXIMUM_DEPTH = 1024;

    private Condition() {}

    /** Evaluates the words that follow {@code .if} or {@code .elif}, already cut by {@link LineTokenizer}. */
    public static boolean evaluate(List<String> words, ConditionContext context) throws ConditionException {
        String text = String.join(" ", words);
        if (text.isEmpty()) {
            return false;
        }
        return new Parser(text).parseWhole().evaluate(context);
    }

    /** Evaluates a condition given as one piece of text, as {@code -cc} receives it. */
    public static boolean evaluate(String expression, Variables variables, ConditionContext context)
            throws ConditionException {
        List<String> words;
        try {
            words = LineTokenizer.tokenizeCommandLine(expression, variables);
        } catch (TokenizeException unreadable) {
            throw new ConditionException(unreadable);
        }
        return evaluate(words, context);
    }

    /** The predicates of manual section 2.4, with the number of arguments each one takes. */
    private enum Predicate {
        DEFINED("defined", 1),
        FEATURE("feature", 1),
        STREQ("streq", 2),
        STRNEQ("strneq", 2),
        STRSTR("strstr", 2),
        VERSION_ATLEAST("version_atleast", 1),
        VERSION_BEFORE("version_before", 1),
        ENABLED("enabled", 1),
        // Shuttle's TLS is the JDK's (JSSE), not OpenSSL: the OpenSSL versions are false; the
        // library's name is "JSSE".
        OPENSSL_VERSION_ATLEAST("openssl_version_atleast", 1),
        OPENSSL_VERSION_BEFORE("openssl_version_before", 1),
        SSLLIB_NAME_STARTSWITH("ssllib_name_startswith", 1);

        final String word;
        final int arguments;

        Predicate(String word, int arguments) {
            this.word = word;
            this.arguments = arguments;
        }

        static Optional<Predicate> named(String word) {
            for (Predicate predicate : values()) {
                if (predicate.word.equals(word)) {
                    return Optional.of(predicate);
                }
            }
            return Optional.empty();
        }
    }

    /** A parsed condition, evaluated only once the whole text is known to be valid. */
    private sealed interface Node {
        boolean evaluate(ConditionContext context);
    }

    private record Constant(boolean value) implements Node {
        @Override
        public boolean evaluate(ConditionContext context) {
            return value;
        }
    }

    private record Negation(Node operand) implements Node {
        @Override
        public boolean evaluate(ConditionContext context) {
            return !operand.evaluate(context);
        }
    }

    /** Terms joined by {@code &&}: evaluated left to right until one is false. */
    private record AllOf(List<Node> operands) implements Node {
        @Override
        public boolean evaluate(ConditionContext context) {
            for (Node operand : operands) {
                if (!operand.evaluate(context)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Chains joined by {@code ||}: evaluated until one is true. */
    private record AnyOf(List<Node> operands) implements Node {
        @Override
        public boolean evaluate(ConditionContext context) {
            for (Node operand : operands) {
                if (operand.evaluate(context)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record PredicateCall(Predicate predicate, List<String> arguments) implements Node {
        @Override
        public boolean evaluate(ConditionContext context) {
            String first = arguments.get(0);
            return switch (predicate) {
                case DEFINED -> context.isDefined(first);
                case FEATURE -> context.hasFeature(first);
                case STREQ -> first.equals(arguments.get(1));
                case STRNEQ -> !first.equals(arguments.get(1));
                case STRSTR -> first.contains(arguments.get(1));
                // HAProxy treats a version it cannot read as "not newer than the current one":
                // version_atleast(junk) is true and version_before(junk) is false (checked on 2.6).
                case VERSION_ATLEAST -> compareWithCurrent(first, context).map(order -> order >= 0).orElse(true);
                case VERSION_BEFORE -> compareWithCurrent(first, context).map(order -> order < 0).orElse(false);
                case ENABLED -> context.isEnabled(first);
                case OPENSSL_VERSION_ATLEAST, OPENSSL_VERSION_BEFORE -> false;
                case SSLLIB_NAME_STARTSWITH -> "JSSE".startsWith(first);
            };
        }

        private static Optional<Integer> compareWithCurrent(String version, ConditionContext context) {
            Optional<HaproxyVersion> current = HaproxyVersion.parse(context.compatibilityVersion());
            Optional<HaproxyVersion> asked = HaproxyVersion.parse(version);
            if (current.isEmpty() || asked.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(current.get().compareTo(asked.get()));
        }
    }

    /**
     * A recursive-descent parser over the joined text. Each parse method returns null when it
     * finds nothing at all to parse (the end of the text), and throws on anything malformed.
     */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Node parseWhole() throws ConditionException {
            Node whole = parseExpression(0);
            if (whole == null) {
                throw unparsable(0);
            }
            skipBlanks();
            if (position < text.length()) {
                throw new ConditionException("unexpected character '" + text.charAt(position)
                        + "' at the end of conditional expression '" + text + "'", text, position);
            }
            return whole;
        }

        /** Null when the text ends before an expression or right after a {@code ||}. */
        private Node parseExpression(int depth) throws ConditionException {
            List<Node> alternatives = new ArrayList<>();
            while (true) {
                if (atEnd()) {
                    // Nothing at all, or nothing after "||": the caller names the text it started from.
                    return null;
                }
                Node chain = parseAndChain(depth);
                if (chain == null) {
                    // The chain ended on a dangling "&&": HAProxy names the text from that operator on.
                    throw unparsable(position);
                }
                alternatives.add(chain);
                skipBlanks();
                if (!text.startsWith("||", position)) {
                    return alternatives.size() == 1 ? alternatives.get(0) : new AnyOf(alternatives);
                }
                position += 2;
            }
        }

        /** Null, with the position left on the first {@code &&}, when the chain ends on a dangling {@code &&}. */
        private Node parseAndChain(int depth) throws ConditionException {
            List<Node> terms = new ArrayList<>();
            int firstOperator = -1;
            while (true) {
                Node term = parseTerm(depth);
                if (term == null) {
                    if (terms.isEmpty()) {
                        throw new ConditionException("unparsable conditional sub-expression '"
                                + text.substring(position) + "'", text, position);
                    }
                    position = firstOperator;
                    return null;
                }
                terms.add(term);
                skipBlanks();
                if (!text.startsWith("&&", position)) {
                    return terms.size() == 1 ? terms.get(0) : new AllOf(terms);
                }
                if (firstOperator < 0) {
                    firstOperator = position;
                }
                position += 2;
                skipBlanks();
            }
        }

        private Node parseTerm(int depth) throws ConditionException {
            skipBlanks();
            if (atEnd()) {
                return null;
            }
            int start = position;
            if (depth > MAXIMUM_DEPTH) {
                throw unparsable(start);
            }
            boolean negated = false;
            while (position < text.length() && text.charAt(position) == '!') {
                negated = !negated;
                position++;
                skipBlanks();
            }
            Node term = parseOperand(start, depth);
            return negated ? new Negation(term) : term;
        }

        private Node parseOperand(int start, int depth) throws ConditionException {
            Optional<Boolean> integer = parseInteger();
            if (integer.isPresent()) {
                return new Constant(integer.get());
            }
            if (position < text.length() && text.charAt(position) == '(') {
                position++;
                skipBlanks();
                Node inner = parseExpression(depth + 1);
                if (inner == null) {
                    throw unparsable(start);
                }
                skipBlanks();
                if (position >= text.length() || text.charAt(position) != ')') {
                    throw new ConditionException("expected ')' after conditional expression '"
                            + text.substring(start) + "'", text, start);
                }
                position++;
                skipBlanks();
                return inner;
            }
            int nameEnd = position;
            while (nameEnd < text.length() && text.charAt(nameEnd) != ' ' && text.charAt(nameEnd) != '(') {
                nameEnd++;
            }
            Optional<Predicate> predicate = Predicate.named(text.substring(position, nameEnd));
            if (predicate.isEmpty()) {
                throw unparsable(start);
            }
            position = nameEnd;
            return new PredicateCall(predicate.get(), new ArgumentParser(predicate.get()).parse());
        }

        /**
         * An integer as C's {@code strtol(text, &end, 0)} reads it: optional sign, then hexadecimal
         * after {@code 0x}, octal after {@code 0}, else decimal; reading stops at the first
         * character that does not fit, which the caller then sees ({@code 08} leaves {@code 8}).
         */
        private Optional<Boolean> parseInteger() {
            int cursor = position;
            if (cursor < text.length() && (text.charAt(cursor) == '+' || text.charAt(cursor) == '-')) {
                cursor++;
            }
            int radix = 10;
            if (text.startsWith("0x", cursor) || text.startsWith("0X", cursor)) {
                if (cursor + 2 < text.length() && Character.digit(text.charAt(cursor + 2), 16) >= 0) {
                    radix = 16;
                    cursor += 2;
                }
            } else if (text.startsWith("0", cursor)) {
                radix = 8;
            }
            int digitsStart = cursor;
            boolean nonZero = false;
            while (cursor < text.length() && Character.digit(text.charAt(cursor), radix) >= 0
                    && text.charAt(cursor) < 128) {
                nonZero |= text.charAt(cursor) != '0';
                cursor++;
            }
            if (cursor == digitsStart) {
                return Optional.empty();
            }
            position = cursor;
            return Optional.of(nonZero);
        }

        private ConditionException unparsable(int from) {
            return new ConditionException("unparsable conditional expression '" + text.substring(from) + "'", text, from);
        }

        private void skipBlanks() {
            while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
                position++;
            }
        }

        private boolean atEnd() {
            skipBlanks();
            return position >= text.length();
        }

        /** The second-level parser of {@code predicate(arg,arg)}: commas, quotes and a closing parenthesis. */
        private final class ArgumentParser {
            private final Predicate predicate;
            private final List<String> arguments = new ArrayList<>();
            private final StringBuilder current = new StringBuilder();

            ArgumentParser(Predicate predicate) {
                this.predicate = predicate;
            }

            List<String> parse() throws ConditionException {
                if (position >= text.length() || text.charAt(position) != '(') {
                    // Without parentheses HAProxy 2.6 reads one empty argument: defined is false,
                    // version_atleast is true and streq reports "got 1/2".
                    arguments.add("");
                    requireEnough(position);
                    return arguments;
                }
                position++;
                while (true) {
                    if (position >= text.length()) {
                        arguments.add(current.toString());
                        requireEnough(position);
                        throw failure("expected ')'", position);
                    }
                    char character = text.charAt(position);
                    if (character == ')') {
                        arguments.add(current.toString());
                        requireEnough(position);
                        position++;
                        return arguments;
                    } else if (character == ',') {
                        if (arguments.size() + 1 >= predicate.arguments) {
                            throw failure("expected ')' before '" + text.substring(position) + "'", position);
                        }
                        arguments.add(current.toString());
                        current.setLength(0);
                        position++;
                    } else if (character == '\'' || character == '"') {
                        readQuoted(character);
                    } else if (character == '\\') {
                        readEscape();
                    } else {
                        current.append(character);
                        position++;
                    }
                }
            }

            /** A quoted part; an unmatched quote runs to the end, where the missing ')' is reported. */
            private void readQuoted(char quote) {
                position++;
                while (position < text.length() && text.charAt(position) != quote) {
                    if (quote == '"' && text.charAt(position) == '\\') {
                        readEscape();
                    } else {
                        current.append(text.charAt(position));
                        position++;
                    }
                }
                if (position < text.length()) {
                    position++;
                }
            }

            /** The escapes of the line, minus {@code \#}, {@code \$} and {@code \xNN} (manual section 2.2). */
            private void readEscape() {
                char next = position + 1 < text.length() ? text.charAt(position + 1) : '\0';
                switch (next) {
                    case ' ', '\t', '\\', '\'', '"' -> current.append(next);
                    case 't' -> current.append('\t');
                    case 'n' -> current.append('\n');
                    case 'r' -> current.append('\r');
                    default -> {
                        // Not an escape (checked on 2.6: "a\,b" still splits at the comma).
                        current.append('\\');
                        position++;
                        return;
                    }
                }
                position += 2;
            }

            private void requireEnough(int at) throws ConditionException {
                if (arguments.size() < predicate.arguments) {
                    throw failure("missing arguments (got " + arguments.size() + "/" + predicate.arguments
                            + "), type 'string' expected", at);
                }
            }

            // HAProxy 2.6 names "argument 1" whichever argument failed; the same words keep diffs quiet.
            private ConditionException failure(String reason, int at) {
                return new ConditionException(reason + " in argument 1 of predicate '" + predicate.word
                        + "' used in conditional expression", text, at);
            }
        }
    }
}
