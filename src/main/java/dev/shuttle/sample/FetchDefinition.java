package dev.shuttle.sample;

import java.util.List;
import java.util.Set;

/**
 * One sample fetch of the registry: its name, arguments, output type, where it works, and how.
 *
 * @param argTypes     the argument types in order
 * @param requiredArgs how many of them must be given (the rest are optional)
 * @param outputType   the type of its values; for a fetch whose values' type is known only at run
 *                     time ({@code var}), STR, from which every type casts
 * @param usableIn     the phases where it can see its data
 * @param checker      the fetch's own check of its arguments, run once at compile time
 */
public record FetchDefinition(String name, List<ArgType> argTypes, int requiredArgs, SampleType outputType,
                              Set<Phase> usableIn, Function function, Arguments.Checker checker) {
    /** A fetch whose arguments need no check beyond their types. */
    public FetchDefinition(String name, List<ArgType> argTypes, int requiredArgs, SampleType outputType,
                           Set<Phase> usableIn, Function function) {
        this(name, argTypes, requiredArgs, outputType, usableIn, function, Arguments.Checker.NONE);
    }

    /** The fetch itself. */
    @FunctionalInterface
    public interface Function {
        /**
         * The fetch's values: when {@code allValues} is false, the single value HAProxy returns in a
         * sample context (e.g. the last occurrence of a header) or an empty list when there is none;
         * when true, every value in order, for ACL matching.
         */
        List<Sample> fetch(Arguments arguments, SampleContext context, boolean allValues);
    }
}
