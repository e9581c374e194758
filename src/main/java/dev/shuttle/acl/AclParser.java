package dev.shuttle.acl;

import dev.shuttle.pattern.AclException;
import dev.shuttle.pattern.IntRange;
import dev.shuttle.pattern.MatchMethod;
import dev.shuttle.pattern.MatchPattern;
import dev.shuttle.pattern.LivePatterns;
import dev.shuttle.pattern.PatternParser;
import dev.shuttle.pattern.PatternReference;
import dev.shuttle.sample.RefusedSamples;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses what follows an ACL's name, {@code <criterion> [flags] [operator] [<value>] ...}
 * (configuration.txt §7.1), into an {@link AclTerm}; anonymous ACLs ({@code { ... }}) use it too.
 *
 * <p>Flags come first and are read left to right: {@code -i} and {@code -n} apply to the files and
 * values that follow them, {@code -m} must precede every file and value, {@code -f} loads a file at
 * once, {@code --} ends the flags. The first word that is not a flag starts the values; integer
 * methods also take the operators {@code eq ge gt le lt}, each applying to the values after it.
 * Messages are haproxy 2.6's.
 */
final class AclParser {
    private AclParser() {}

    /** The integer operators of configuration.txt §7.1.2. */
    private enum Operator { EQ, GE, GT, LE, LT }

    /** What {@code gt} the largest integer or {@code lt} the smallest stands for. */
    private static final IntRange NOTHING = new IntRange(1, 0, "");

    private static final String NO_PATTERN_WARNING = """
            no pattern to match against were provided, so this ACL will never match.
              If this is what you intended, please add '--' to get rid of this warning.
              If you intended to match only for existence, please use '-m found'.
              If you wanted to force an int to match as a bool, please use '-m bool'.""";

    /** One term being parsed: its expression, then the method and patterns as flags and values arrive. */
    private static final class Term {
        final String keyword;
        final SampleExpression expression;
        MatchMethod method;
        LivePatterns patterns;
        /** The values written on the line, parsed: they become the line's own reference. */
        final List<PatternReference.Entry> values = new ArrayList<>();
        boolean ignoreCase;
        boolean noDns;
        boolean mapFiles;
        boolean patternsStarted;

        Term(String keyword, SampleExpression expression, MatchMethod implied) {
            this.keyword = keyword;
            this.expression = expression;
            this.method = implied;
        }

        /** The method, defaulted from the sample type when no {@code -m} or declination said it. */
        MatchMethod method() throws AclException {
            if (method == null) {
                // HAProxy types 'var' as "any", which has no default method; the registry declares it STR.
                Optional<MatchMethod> byType = keyword.equals("var") ? Optional.empty()
                        : MatchMethod.defaultFor(expression.outputType());
                method = byType.orElseThrow(() -> new AclException(
                        "matching method must be specified first (using '-m') when using a sample fetch of this type ('"
                        + keyword + "')"));
            }
            if (patterns == null && method.usesPatterns()) {
                patterns = new LivePatterns(method);
            }
            return method;
        }

        PatternParser.Options options() {
            return new PatternParser.Options(ignoreCase, noDns);
        }
    }

    static AclTerm parse(List<String> words, AclScope scope) throws AclException {
        String criterion = words.isEmpty() ? "" : words.getFirst();
        Term term = compile(criterion, scope);
        int i = 1;
        while (i < words.size() && words.get(i).startsWith("-")) {
            String flag = words.get(i);
            String argument = i + 1 < words.size() ? words.get(i + 1) : "";
            if (flag.equals("--")) {
                i++;
                break;
            }
            switch (flag) {
                case "-i" -> term.ignoreCase = true;
                case "-n" -> term.noDns = true;
                case "-M" -> term.mapFiles = true;
                case "-u" -> {
                    if (PatternParser.number(argument).isEmpty()) {
                        throw new AclException("the argument of -u must be an integer");
                    }
                    i++;
                }
                case "-m" -> {
                    selectMethod(term, argument);
                    i++;
                }
                case "-f" -> {
                    loadFile(term, argument, scope);
                    i++;
                }
                default -> throw new AclException("'" + flag + "' is not a valid ACL option. Please use '--' before "
                        + "any pattern beginning with a '-'");
            }
            i++;
        }
        MatchMethod method = term.method();
        if (words.size() == 1 && method.usesPatterns()) {
            scope.warnings().warn("parsing acl keyword '" + term.keyword + "' :\n  " + NO_PATTERN_WARNING);
        }
        addValues(term, words.subList(i, words.size()));
        if (term.patterns != null) {
            term.patterns.add(scope.files().aclLine(term.keyword, term.values), term.options());
        }
        return new AclTerm(term.keyword, term.expression, method, term.patterns, String.join(" ", words));
    }

    /** Compiles the criterion, resolving an ACL declination ({@code path_beg} is {@code path} with {@code -m beg}). */
    private static Term compile(String criterion, AclScope scope) throws AclException {
        String keyword = leadingKeyword(criterion);
        if (keyword.isEmpty()) {
            throw new AclException("missing fetch method in ACL expression '" + criterion + "'");
        }
        SampleRegistry registry = scope.registry();
        Optional<AclKeywords.Declination> declination = AclKeywords.resolve(keyword, registry);
        String fetch = declination.map(AclKeywords.Declination::fetch).orElse(keyword);
        if (registry.fetch(fetch).isEmpty()) {
            throw new AclException(RefusedSamples.fetch(keyword).map(reason -> reason + " (in ACL expression '"
                    + criterion + "')").orElse("unknown fetch method '" + keyword + "' in ACL expression '"
                    + criterion + "'"));
        }
        String rest = criterion.substring(keyword.length());
        SampleExpression expression;
        try {
            expression = SampleCompiler.compile(fetch + rest, registry, scope.compileScope());
        } catch (SampleCompileException e) {
            throw new AclException("ACL keyword '" + keyword + "' : " + e.getMessage());
        }
        // §7.1: "In case any such converter were to be applied after such an ACL keyword, the default
        // matching method from the ACL keyword is simply ignored".
        MatchMethod implied = declination.map(AclKeywords.Declination::method)
                .filter(method -> !hasConverters(rest)).orElse(null);
        return new Term(keyword, expression, implied);
    }

    private static void selectMethod(Term term, String name) throws AclException {
        if (term.patternsStarted) {
            throw new AclException("'-m' must only be specified before patterns and files in parsing ACL expression");
        }
        MatchMethod method = MatchMethod.fromKeyword(name).orElseThrow(() -> new AclException(
                "unknown matching method '" + name + "' when parsing ACL expression"));
        if (!method.accepts(term.expression.outputType())) {
            throw new AclException("matching method '" + name + "' cannot be used with fetch keyword '"
                    + term.keyword + "'");
        }
        term.method = method;
        term.patterns = null;
    }

    /** {@code -f <file>}: each line a pattern, or with {@code -M} each line's key. */
    private static void loadFile(Term term, String name, AclScope scope) throws AclException {
        MatchMethod method = term.method();
        term.patternsStarted = true;
        PatternReference reference = scope.files().patterns(name, term.mapFiles);
        if (!method.usesPatterns()) {
            return;
        }
        for (PatternReference.Entry entry : reference.visible()) {
            try {
                PatternParser.parse(entry.key(), method, term.options());
            } catch (AclException e) {
                throw new AclException(e.getMessage() + " at line " + entry.line() + " of file '" + name + "'");
            }
        }
        term.patterns.add(reference, term.options());
    }

    private static void addValues(Term term, List<String> values) throws AclException {
        MatchMethod method = term.method();
        boolean integers = method == MatchMethod.INT || method == MatchMethod.LEN;
        Operator operator = Operator.EQ;
        for (String value : values) {
            Optional<Operator> named = integers ? operator(value) : Optional.empty();
            if (named.isPresent()) {
                operator = named.get();
                continue;
            }
            term.patternsStarted = true;
            if (!method.usesPatterns()) {
                continue; // found and bool ignore values, as haproxy 2.6 does
            }
            MatchPattern pattern = PatternParser.parse(value, method, term.options());
            term.values.add(new PatternReference.Entry(0, value, null, 0, 0,
                    pattern instanceof IntRange range ? apply(operator, range) : pattern));
        }
    }

    private static Optional<Operator> operator(String word) {
        return switch (word) {
            case "eq" -> Optional.of(Operator.EQ);
            case "ge" -> Optional.of(Operator.GE);
            case "gt" -> Optional.of(Operator.GT);
            case "le" -> Optional.of(Operator.LE);
            case "lt" -> Optional.of(Operator.LT);
            default -> Optional.empty();
        };
    }

    /** An operator turns a single value into a range; a range given with an operator stays as written. */
    private static IntRange apply(Operator operator, IntRange range) {
        if (range.min() != range.max()) {
            return range;
        }
        long value = range.min();
        return switch (operator) {
            case EQ -> range;
            case GE -> new IntRange(value, Long.MAX_VALUE, range.text());
            case GT -> value == Long.MAX_VALUE ? NOTHING : new IntRange(value + 1, Long.MAX_VALUE, range.text());
            case LE -> new IntRange(Long.MIN_VALUE, value, range.text());
            case LT -> value == Long.MIN_VALUE ? NOTHING : new IntRange(Long.MIN_VALUE, value - 1, range.text());
        };
    }

    /** The fetch name at the start of a criterion: letters, digits, '.', '_' and '-'. */
    static String leadingKeyword(String criterion) {
        int end = 0;
        while (end < criterion.length()) {
            char c = criterion.charAt(end);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-')) {
                break;
            }
            end++;
        }
        return criterion.substring(0, end);
    }

    /** Whether converters follow the fetch: anything after its parenthesised arguments. */
    static boolean hasConverters(String afterName) {
        if (!afterName.startsWith("(")) {
            return !afterName.isEmpty();
        }
        char quote = 0;
        for (int i = 1; i < afterName.length(); i++) {
            char c = afterName.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ')') {
                return i + 1 < afterName.length();
            }
        }
        return false;
    }
}
