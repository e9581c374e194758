package dev.shuttle.sample;

import java.util.Locale;

/** A variable reference, {@code txn.name}: its scope and its name within the scope. */
public record VariableName(VariableStore.Scope scope, String name) {
    /** Parses {@code scope.name}, as sample arguments and the {@code set-var} actions write it. */
    public static VariableName parse(String text) throws SampleCompileException {
        return ArgumentParser.variable(text)
                .orElseThrow(() -> new SampleCompileException(ArgumentParser.variableError(text)));
    }

    @Override
    public String toString() {
        return scope.name().toLowerCase(Locale.ROOT) + "." + name;
    }
}
