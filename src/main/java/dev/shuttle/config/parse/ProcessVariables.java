package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.InternalFetches;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.SampleRegistry;
import dev.shuttle.sample.VariableName;
import dev.shuttle.sample.VariableStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code global} section's {@code set-var <proc.name> <expr>} and {@code set-var-fmt <proc.name>
 * <fmt>} (configuration.txt §3.1): a process-wide variable set while the configuration is read,
 * in order, so that a later line can read an earlier one. Only fetches of internal data are allowed
 * there ({@code str}, {@code int}, {@code var}, {@code env}, {@code date}...: §7.3.2): no stream
 * exists yet.
 */
final class ProcessVariables {
    /** The fetches that need no stream: those of §7.3.2. */
    private static final Set<String> INTERNAL = internalFetchNames();

    /** The values so far, by name without the {@code proc.} prefix. */
    private final VariableStore store = VariableStore.shared();
    private final Map<String, Sample> values = new LinkedHashMap<>();
    private final SampleContext context = new SampleContext(null, null, null, null, store);

    static void register(KeywordRegistry registry) {
        registry.global("set-var", (line, global) -> {
            line.expectArgs(2, "expects a variable name and a sample expression.");
            String name = processVariable(line.arg(1));
            SampleExpression expression = compile(line.arg(2));
            global.processVariables.set(name, global.processVariables.evaluate(expression, line.arg(2)));
        });
        registry.global("set-var-fmt", (line, global) -> {
            line.expectArgs(2, "expects a variable name and a log-format string.");
            String name = processVariable(line.arg(1));
            LogFormat format = LogFormat.compile(line.arg(2), ProcessVariables::compile, LogFormat.Mode.TEXT);
            global.processVariables.set(name, Sample.str(global.processVariables.render(format)));
        });
    }

    /** The values set, in order, for the process's {@code proc} store. */
    Map<String, Sample> values() {
        return Map.copyOf(values);
    }

    private void set(String name, Sample value) {
        store.set(name, value);
        values.put(name, value);
    }

    private Sample evaluate(SampleExpression expression, String text) throws ConfigException {
        return expression.evaluate(context).orElseThrow(() ->
                new ConfigException("'set-var' : the expression '" + text + "' gives no value."));
    }

    private String render(LogFormat format) {
        return format.render(context);
    }

    private static String processVariable(String text) throws ConfigException {
        VariableName name;
        try {
            name = VariableName.parse(text);
        } catch (SampleCompileException e) {
            throw new ConfigException(e.getMessage());
        }
        if (name.scope() != VariableStore.Scope.PROC) {
            throw new ConfigException("only process-wide variables ('proc.<name>') can be set in the global "
                    + "section (got '" + text + "').");
        }
        return name.name();
    }

    private static SampleExpression compile(String text) throws ConfigException {
        String fetch = text.split("[(,]", 2)[0].strip();
        if (!INTERNAL.contains(fetch)) {
            throw new ConfigException("fetch method '" + fetch + "' needs a stream: only the fetches of internal "
                    + "data (str, int, var, env, date...) can be used in the global section.");
        }
        try {
            return SampleCompiler.compile(text, StandardRegistry.get(), CompileScope.STANDALONE);
        } catch (SampleCompileException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Set<String> internalFetchNames() {
        SampleRegistry registry = new SampleRegistry();
        InternalFetches.register(registry);
        return registry.fetches().stream().map(f -> f.name()).collect(Collectors.toUnmodifiableSet());
    }
}
