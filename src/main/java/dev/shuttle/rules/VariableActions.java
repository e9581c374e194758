package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.VariableConverters;
import dev.shuttle.sample.VariableName;
import dev.shuttle.sample.VariableStore;
import java.util.List;
import java.util.Optional;

/**
 * {@code set-var(<name>[,<cond>...]) <expr>}, {@code set-var-fmt(<name>[,<cond>...]) <fmt>} and
 * {@code unset-var(<name>)} (configuration.txt §4.3, "set-var"), in every rule kind.
 */
final class VariableActions {
    private VariableActions() {}

    static void register(ActionRegistry registry) {
        for (RuleKind kind : RuleKind.values()) {
            registry.register(kind, "set-var", (words, compiler) -> setVar(words, compiler, false));
            registry.register(kind, "set-var-fmt", (words, compiler) -> setVar(words, compiler, true));
            registry.register(kind, "unset-var", VariableActions::unsetVar);
        }
    }

    private static Action setVar(List<String> words, RuleCompiler compiler, boolean format) throws ConfigException {
        Call call = Call.parse(words.getFirst());
        if (words.size() != 2) {
            throw new ConfigException("'" + call.keyword() + "' expects a variable name and exactly one "
                    + (format ? "format string" : "sample expression") + ".");
        }
        VariableName name = variableName(call.arguments().getFirst(), call.keyword());
        List<String> conditions = call.arguments().subList(1, call.arguments().size());
        for (String condition : conditions) {
            if (!VariableConverters.CONDITIONS.contains(condition)) {
                throw new ConfigException("'" + call.keyword() + "' : unknown condition '" + condition
                        + "' (expects one of ifexists, ifnotexists, ifempty, ifnotempty, ifset, ifnotset, ifgt, iflt).");
            }
        }
        if (format) {
            LogFormat value = compiler.logFormat(words.get(1), LogFormat.Mode.TEXT);
            return context -> assign(context, name, Optional.of(Sample.str(value.render(context))), conditions);
        }
        SampleExpression value = compiler.expression(words.get(1));
        return context -> assign(context, name, value.evaluate(context), conditions);
    }

    private static Verdict assign(SampleContext context, VariableName name, Optional<Sample> value,
                                  List<String> conditions) {
        Optional<VariableStore> store = context.variables(name.scope());
        if (value.isEmpty() || store.isEmpty()) {
            return Verdict.CONTINUE;
        }
        Optional<Sample> current = store.get().get(name.name());
        if (conditions.stream().allMatch(condition -> VariableConverters.holds(condition, value.get(), current))) {
            store.get().set(name.name(), value.get());
        }
        return Verdict.CONTINUE;
    }

    private static Action unsetVar(List<String> words, RuleCompiler compiler) throws ConfigException {
        Call call = Call.parse(words.getFirst());
        if (words.size() != 1 || call.arguments().size() != 1) {
            throw new ConfigException("'unset-var' expects exactly one variable name, as 'unset-var(txn.name)'.");
        }
        VariableName name = variableName(call.arguments().getFirst(), call.keyword());
        return context -> {
            context.variables(name.scope()).ifPresent(store -> store.unset(name.name()));
            return Verdict.CONTINUE;
        };
    }

    /** {@code txn.name}, with the same rules and messages as a sample's variable argument. */
    static VariableName variableName(String text, String keyword) throws ConfigException {
        try {
            return VariableName.parse(text);
        } catch (SampleCompileException e) {
            throw new ConfigException("'" + keyword + "' : " + e.getMessage() + ".");
        }
    }
}
