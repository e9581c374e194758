package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * One converter of the registry: its name, arguments, the type it takes (after casting) and
 * gives, and how.
 *
 * @param inputType  the type its input is cast to ({@link Casts}) when {@code accepts} is CAST;
 *                   ignored (null) otherwise
 * @param outputType the type it gives; null with {@link Accepts#ANY}: the type of its input
 *                   (HAProxy's {@code SMP_T_SAME}, e.g. {@code set-var}, {@code debug})
 * @param checker    the converter's own check of its arguments, run once at compile time
 * @param accepts    how it takes its input
 */
public record ConverterDefinition(String name, List<ArgType> argTypes, int requiredArgs, SampleType inputType,
                                  SampleType outputType, Function function, Arguments.Checker checker,
                                  Accepts accepts) {
    /** How a converter takes its input (HAProxy's pseudo-types {@code SMP_T_ADDR} and {@code SMP_T_ANY}). */
    public enum Accepts {
        /** Cast to {@code inputType} first. */
        CAST,
        /** An IPv4 or IPv6 address as it is; other types cast to IPv4, else IPv6 ({@code ipmask}, {@code map_ip}). */
        ADDRESS,
        /** Any value, uncast. */
        ANY
    }

    /** A converter casting its input to {@code inputType}, whose arguments need no check beyond their types. */
    public ConverterDefinition(String name, List<ArgType> argTypes, int requiredArgs, SampleType inputType,
                               SampleType outputType, Function function) {
        this(name, argTypes, requiredArgs, inputType, outputType, function, Arguments.Checker.NONE, Accepts.CAST);
    }

    /** A converter casting its input to {@code inputType}. */
    public ConverterDefinition(String name, List<ArgType> argTypes, int requiredArgs, SampleType inputType,
                               SampleType outputType, Function function, Arguments.Checker checker) {
        this(name, argTypes, requiredArgs, inputType, outputType, function, checker, Accepts.CAST);
    }

    /** A converter taking an IPv4 or IPv6 address ({@link Accepts#ADDRESS}). */
    public static ConverterDefinition takingAddress(String name, List<ArgType> argTypes, int requiredArgs,
                                                    SampleType outputType, Function function,
                                                    Arguments.Checker checker) {
        return new ConverterDefinition(name, argTypes, requiredArgs, null, outputType, function, checker,
                Accepts.ADDRESS);
    }

    /** A converter taking any value as it is ({@link Accepts#ANY}); a null {@code outputType} keeps the input's type. */
    public static ConverterDefinition takingAny(String name, List<ArgType> argTypes, int requiredArgs,
                                                SampleType outputType, Function function,
                                                Arguments.Checker checker) {
        return new ConverterDefinition(name, argTypes, requiredArgs, null, outputType, function, checker, Accepts.ANY);
    }

    /** The converter itself: empty when it cannot convert this input (the expression then has no value). */
    @FunctionalInterface
    public interface Function {
        Optional<Sample> convert(Sample input, Arguments arguments, SampleContext context);
    }
}
