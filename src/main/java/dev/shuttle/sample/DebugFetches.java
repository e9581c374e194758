package dev.shuttle.sample;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fetches of configuration.txt §7.3.2 meant for logs and debugging: {@code
 * dump_all_vars([<scope>][,<prefix>][,<delimiter>])} (the variables as {@code name=value}),
 * {@code last_entity} (where the final rule that ended a rule set is written), {@code
 * waiting_entity} (what the stream waited on when an error or a timeout hit), {@code tgroup}
 * (Shuttle runs as one thread group: 0) and {@code wait_end} (true once content inspection's
 * wait is over).
 */
public final class DebugFetches {
    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);
    /** The scopes {@code dump_all_vars} visits with an empty scope argument, in 3.5's order. */
    private static final List<VariableStore.Scope> ALL_SCOPES = List.of(VariableStore.Scope.SESS,
            VariableStore.Scope.TXN, VariableStore.Scope.REQ, VariableStore.Scope.RES, VariableStore.Scope.PROC);

    private DebugFetches() {}

    public static void register(SampleRegistry registry) {
        registry.registerFetch(new FetchDefinition("dump_all_vars", List.of(ArgType.STR, ArgType.STR, ArgType.STR), 0,
                SampleType.STR, ANYWHERE, (args, context, all) -> List.of(Sample.str(dump(args, context))),
                DebugFetches::checkScope));
        registry.registerFetch(new FetchDefinition("tgroup", List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> List.of(Sample.sint(0))));
        // §7.3.2 "last_entity": for a rule, "last_rule_file:last_rule_line"; Shuttle has no filters.
        registry.registerFetch(new FetchDefinition("last_entity", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> context.lastRuleFile()
                        .map(file -> List.of(Sample.str(file + ":" + context.lastRuleLine()))).orElse(List.of())));
        // §7.3.2 "waiting_entity": the rule ("file:line") or "http-buffer-request" a stream waited on
        // when an error or a timeout interrupted it; nothing when no wait was interrupted.
        registry.registerFetch(new FetchDefinition("waiting_entity", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> context.waitingEntity().map(entity -> List.of(Sample.str(entity)))
                        .orElse(List.<Sample>of())));
        // §7.3.2 "wait_end": true once the inspection is over, else nothing, and the rule waits.
        registry.registerFetch(new FetchDefinition("wait_end", List.of(), 0, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> waitEnded(context) ? List.of(Sample.bool(true)) : List.of()));
    }

    /** The scope must be one of sess, txn, req, res, proc (3.5's message); an empty one means all of them. */
    private static Arguments checkScope(Arguments arguments) throws SampleCompileException {
        if (arguments.has(0) && !arguments.str(0).isEmpty()
                && (arguments.str(0).equals("check") || VariableStore.Scope.fromPrefix(arguments.str(0)).isEmpty())) {
            throw new SampleCompileException("invalid scope '" + arguments.str(0)
                    + "', must be one of: sess, txn, req, res, proc");
        }
        return arguments;
    }

    /** The content buffer of the side being inspected is final, or there is none to wait for. */
    private static boolean waitEnded(SampleContext context) {
        Optional<ContentBuffer> content = context.phase() == Phase.RESPONSE_CONTENT ? context.responseContent()
                : context.requestContent();
        if (content.isPresent() && !content.get().isFinal()) {
            context.answerMayChange();
            return false;
        }
        return true;
    }

    /**
     * {@code scope.name=value} for each variable, joined by the delimiter (", " by default). Without
     * a scope argument, the stream's {@code txn} variables (the session's outside a stream), as
     * 3.5-dev5 does (its manual says every scope: that is an empty scope argument).
     */
    static String dump(Arguments args, SampleContext context) {
        List<VariableStore.Scope> scopes;
        if (!args.has(0)) {
            scopes = List.of(context.request().isPresent() || context.receivedRequestLine().isPresent()
                    ? VariableStore.Scope.TXN : VariableStore.Scope.SESS);
        } else if (args.str(0).isEmpty()) {
            scopes = ALL_SCOPES;
        } else {
            scopes = List.of(VariableStore.Scope.fromPrefix(args.str(0)).orElseThrow());
        }
        String prefix = args.has(1) ? args.str(1) : "";
        String delimiter = args.has(2) ? args.str(2) : ", ";
        StringBuilder out = new StringBuilder();
        for (VariableStore.Scope scope : scopes) {
            Optional<VariableStore> store = context.variables(scope);
            if (store.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, Sample> variable : store.get().snapshot().entrySet()) {
                if (!variable.getKey().startsWith(prefix)) {
                    continue;
                }
                if (!out.isEmpty()) {
                    out.append(delimiter);
                }
                out.append(scope.name().toLowerCase(Locale.ROOT)).append('.').append(variable.getKey())
                        .append('=');
                appendValue(out, variable.getValue());
            }
        }
        return out.toString();
    }

    /** Text and methods quoted and escaped, binary in upper-case hex, the rest as text. */
    private static void appendValue(StringBuilder out, Sample value) {
        switch (value.type()) {
            case STR, METH -> quoted(out, value.asString());
            case BIN -> out.append(HexFormat.of().withUpperCase().formatHex(value.asBytes()));
            case BOOL -> out.append(value.asBoolean() ? "true" : "false");
            default -> out.append(value.toText());
        }
    }

    private static void quoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\b' -> out.append("\\b");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
