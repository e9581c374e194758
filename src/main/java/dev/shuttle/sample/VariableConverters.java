package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The converters that write variables as a side effect and pass their input through
 * (configuration.txt §7.3.1: {@code set-var(<var>[,<cond>...])} and {@code unset-var(<var>)}).
 *
 * <p>They take any type and give it back unchanged ({@link ConverterDefinition.Accepts#ANY}).
 */
public final class VariableConverters {
    private VariableConverters() {}

    /** The conditions of set-var (converter and action alike), all of which must hold for the variable to be set. */
    public static final Set<String> CONDITIONS = Set.of("ifexists", "ifnotexists", "ifempty", "ifnotempty", "ifset",
            "ifnotset", "ifgt", "iflt");

    public static void register(SampleRegistry registry) {
        registry.registerConverter(ConverterDefinition.takingAny("set-var",
                List.of(ArgType.VAR, ArgType.STR, ArgType.STR, ArgType.STR, ArgType.STR), 1, null,
                VariableConverters::setVariable, VariableConverters::checkConditions));
        registry.registerConverter(ConverterDefinition.takingAny("unset-var", List.of(ArgType.VAR), 1, null,
                (in, a, c) -> {
                    c.variables(a.variable(0).scope()).ifPresent(store -> store.unset(a.variable(0).name()));
                    return Optional.of(in);
                }, Arguments.Checker.NONE));
    }

    static Arguments checkConditions(Arguments args) throws SampleCompileException {
        for (int i = 1; i < args.count(); i++) {
            if (args.has(i) && !CONDITIONS.contains(args.str(i))) {
                throw new SampleCompileException("unknown set-var condition '" + args.str(i) + "' (expects one of "
                        + "ifexists, ifnotexists, ifempty, ifnotempty, ifset, ifnotset, ifgt, iflt)");
            }
        }
        return args;
    }

    /**
     * Sets the variable to the input and passes the input on, when every condition holds; when
     * one does not, nothing is set and the converter fails. A scope that does not exist yet
     * ({@code res} before a response) fails the same way.
     */
    static Optional<Sample> setVariable(Sample input, Arguments args, SampleContext context) {
        VariableName variable = args.variable(0);
        Optional<VariableStore> store = context.variables(variable.scope());
        if (store.isEmpty()) {
            return Optional.empty();
        }
        Optional<Sample> current = store.get().get(variable.name());
        for (int i = 1; i < args.count(); i++) {
            if (args.has(i) && !holds(args.str(i), input, current)) {
                return Optional.empty();
            }
        }
        store.get().set(variable.name(), input);
        return Optional.of(input);
    }

    /**
     * One condition. Shuttle's variables exist exactly while they are set (unset-var removes
     * them), so "exists" and "set" agree, even for {@code proc} variables that HAProxy creates
     * at load time.
     */
    public static boolean holds(String condition, Sample input, Optional<Sample> current) {
        return switch (condition) {
            case "ifexists", "ifset" -> current.isPresent();
            case "ifnotexists", "ifnotset" -> current.isEmpty();
            case "ifempty" -> isEmpty(input);
            case "ifnotempty" -> !isEmpty(input);
            // "can only be performed if both the input and the variable are of type integer.
            // Otherwise, the check is considered as true by default."
            case "ifgt" -> !bothIntegers(input, current) || current.get().asLong() > input.asLong();
            case "iflt" -> !bothIntegers(input, current) || current.get().asLong() < input.asLong();
            default -> throw new IllegalStateException("condition accepted at load time: " + condition);
        };
    }

    /** Only strings and binaries can be empty; scalars never are. */
    private static boolean isEmpty(Sample sample) {
        return switch (sample.type()) {
            case STR, METH -> sample.asString().isEmpty();
            case BIN -> sample.asBytes().length == 0;
            default -> false;
        };
    }

    private static boolean bothIntegers(Sample input, Optional<Sample> current) {
        return input.type() == SampleType.SINT && current.isPresent() && current.get().type() == SampleType.SINT;
    }
}
