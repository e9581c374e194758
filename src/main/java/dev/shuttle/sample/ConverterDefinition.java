package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * One converter of the registry: its name, arguments, the type it takes (after casting) and
 * gives, and how.
 */
public record ConverterDefinition(String name, List<ArgType> argTypes, int requiredArgs, SampleType inputType,
                                  SampleType outputType, Function function) {
    /** The converter itself: empty when it cannot convert this input (the expression then has no value). */
    @FunctionalInterface
    public interface Function {
        Optional<Sample> convert(Sample input, Arguments arguments, SampleContext context);
    }
}
