package dev.shuttle.sample;

import java.util.List;
import java.util.Set;

/**
 * One sample fetch of the registry: its name, arguments, output type, where it works, and how.
 *
 * @param argTypes     the argument types in order
 * @param requiredArgs how many of them must be given (the rest are optional)
 * @param usableIn     the phases where it can see its data
 */
public record FetchDefinition(String name, List<ArgType> argTypes, int requiredArgs, SampleType outputType,
                              Set<Phase> usableIn, Function function) {
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
