package dev.shuttle.sample;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the converter families share: variable names given as plain text arguments
 * ({@code concat(,txn.ip,)}, {@code add(txn.n)}), reading a variable as a given type (cast as
 * {@link Casts} casts), and small helpers for optional arguments and for the compile-time
 * {@link Arguments.Checker}s, which refuse bad arguments and pre-parse good ones.
 */
final class ConverterArguments {
    private ConverterArguments() {}

    // configuration.txt, "set-var": "The name may only contain characters 'a-z', 'A-Z', '0-9', '.' and '_'."
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z0-9._]+");

    /** Parses {@code scope.name}, or empty when the text is not a variable name. */
    static Optional<VariableName> variableName(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String name = text.substring(dot + 1);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return VariableStore.Scope.fromPrefix(text.substring(0, dot)).map(scope -> new VariableName(scope, name));
    }

    /** Parses a variable name argument, refusing anything else. */
    static VariableName requireVariableName(String text) throws SampleCompileException {
        Optional<VariableName> name = variableName(text);
        if (name.isEmpty()) {
            throw new SampleCompileException("invalid variable name '" + text
                    + "': expects a scope (proc, sess, txn, req, res, check), a dot and a name");
        }
        return name.get();
    }

    /** The value of a variable, or empty when it is not set or its scope does not exist yet. */
    static Optional<Sample> read(SampleContext context, VariableName variable) {
        return context.variables(variable.scope()).flatMap(store -> store.get(variable.name()));
    }

    /** The value of a variable cast to {@code type}; empty when not set or not castable. */
    static Optional<Sample> read(SampleContext context, VariableName variable, SampleType type) {
        return read(context, variable).flatMap(sample -> Casts.cast(sample, type));
    }

    /**
     * Checker step for an integer operand, {@code add(<value>)}: a variable when the text names
     * one, otherwise an integer written in full; replaced by a {@link VariableName} or a {@link Long}.
     */
    static Arguments parseIntegerOrVariable(Arguments args, int index) throws SampleCompileException {
        String text = args.str(index);
        Optional<VariableName> variable = variableName(text);
        if (variable.isPresent()) {
            return args.with(index, variable.get());
        }
        try {
            return args.with(index, Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new SampleCompileException("expects an integer or a variable name, not '" + text + "'");
        }
    }

    /** Resolves an operand parsed by {@link #parseIntegerOrVariable}: empty when its variable is not set or does not cast. */
    static Optional<Long> integerOperand(Object operand, SampleContext context) {
        if (operand instanceof VariableName variable) {
            return read(context, variable, SampleType.SINT).map(Sample::asLong);
        }
        return Optional.of((Long) operand);
    }

    /** Checker step for an optional variable name in a text argument: empty or absent becomes null. */
    static Arguments parseOptionalVariable(Arguments args, int index) throws SampleCompileException {
        String text = strOr(args, index, "");
        return args.with(index, text.isEmpty() ? null : requireVariableName(text));
    }

    /** A variable parsed by {@link #parseOptionalVariable}, as text; empty when absent or not set. */
    static Optional<String> optionalVariableText(Arguments args, int index, SampleContext context) {
        if (!args.has(index)) {
            return Optional.empty();
        }
        return read(context, args.variable(index), SampleType.STR).map(Sample::asString);
    }

    /** The optional SINT argument at {@code index}, or {@code otherwise} when absent. */
    static long sintOr(Arguments arguments, int index, long otherwise) {
        return arguments.has(index) ? arguments.sint(index) : otherwise;
    }

    /** The optional STR argument at {@code index}, or {@code otherwise} when absent. */
    static String strOr(Arguments arguments, int index, String otherwise) {
        return arguments.has(index) ? arguments.str(index) : otherwise;
    }
}
