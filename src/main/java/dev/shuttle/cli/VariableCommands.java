package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.InternalFetches;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleRegistry;
import dev.shuttle.sample.VariableStore;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runtime API commands on process-wide variables (management.txt §9.3 "get var", "set var"):
 * {@code get var proc.<name>} reads one; {@code set var proc.<name> [expr|fmt] <expression>}, only
 * in experimental mode as in HAProxy 3.5, sets one from an expression or a format string that may
 * use only fetches of internal data ({@code str}, {@code int}, {@code var}...). Both need level
 * operator. Answers and error texts are HAProxy 3.5's.
 */
final class VariableCommands {
    /** The fetches that need no stream (configuration.txt §7.3.2). */
    private static final Set<String> INTERNAL = internalFetchNames();

    private VariableCommands() {}

    static void register(CliCommands table, ProcessView process) {
        // Listed at every level and run from operator up, as 3.5 does.
        table.register(new CliCommand(List.of("get", "var"), "get var <name>",
                "retrieve contents of a process-wide variable", CliLevel.USER, (args, session, out) -> {
                    if (session.level() == CliLevel.USER) {
                        throw new CliException("Permission denied");
                    }
                    get(args, process, out);
                }));
        table.register(new CliCommand(List.of("set", "var"), "set var <name> [fmt|expr] {<fmt>|<expr>}",
                "set a process-wide variable", CliLevel.OPERATOR,
                (args, session, out) -> set(args, session.experimentalMode(), process)));
    }

    /** {@code get var proc.x}: "{@code proc.x: type=sint value=<3>}". */
    static void get(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (args.isEmpty()) {
            throw new CliException("Missing process-wide variable identifier.");
        }
        String name = args.getFirst();
        Sample value = !name.startsWith("proc.") ? null
                : store(process).get(name.substring("proc.".length())).orElse(null);
        if (value == null) {
            throw new CliException("Variable not found.");
        }
        out.append(name).append(": type=").append(value.type().name().toLowerCase(Locale.ROOT))
                .append(" value=<").append(value.toText()).append(">\n");
    }

    /** {@code set var}, {@code experimental} telling whether the session is in experimental mode. */
    static void set(List<String> args, boolean experimental, ProcessView process) throws CliException {
        if (!experimental) {
            throw new CliException("This command is restricted to experimental mode only.");
        }
        if (args.isEmpty()) {
            throw new CliException("Missing process-wide variable identifier.");
        }
        String name = args.getFirst();
        if (!name.startsWith("proc.") || name.length() == "proc.".length()) {
            throw new CliException("'set var': cannot set variable '" + name + "', only scope 'proc' is permitted here.");
        }
        List<String> rest = args.subList(1, args.size());
        String form = rest.isEmpty() ? "" : rest.getFirst();
        boolean keyword = form.equals("expr") || form.equals("fmt");
        String text = String.join(" ", keyword ? rest.subList(1, rest.size()) : rest);
        if (text.isEmpty()) {
            throw new CliException("Missing either 'expr', 'fmt' or expression.");
        }
        VariableStore store = store(process);
        SampleContext context = new SampleContext(null, null, null, null, store);
        Sample value;
        try {
            if (form.equals("fmt")) {
                value = Sample.str(LogFormat.compile(text, VariableCommands::compile, LogFormat.Mode.TEXT).render(context));
            } else {
                value = compile(text).evaluate(context).orElse(null);
            }
        } catch (ConfigException e) {
            throw new CliException(e.getMessage());
        }
        String variable = name.substring("proc.".length());
        if (value == null) {
            store.unset(variable);
        } else {
            store.set(variable, value);
        }
    }

    /** Compiles an expression that may use only internal fetches: no stream exists here. */
    private static SampleExpression compile(String text) throws ConfigException {
        String fetch = text.split("[(,]", 2)[0].strip();
        try {
            SampleExpression expression = SampleCompiler.compile(text, StandardRegistry.get(), CompileScope.STANDALONE);
            if (!INTERNAL.contains(fetch)) {
                throw new ConfigException("fetch method '" + fetch + "' needs a stream: only the fetches of internal"
                        + " data (str, int, var, env, date...) can be used here");
            }
            return expression;
        } catch (SampleCompileException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static VariableStore store(ProcessView process) throws CliException {
        return process.processVariables().orElseThrow(() -> new CliException("Variable not found."));
    }

    private static Set<String> internalFetchNames() {
        SampleRegistry registry = new SampleRegistry();
        InternalFetches.register(registry);
        return registry.fetches().stream().map(f -> f.name()).collect(Collectors.toUnmodifiableSet());
    }
}
