package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;
import java.util.function.LongBinaryOperator;

/**
 * The arithmetic, bitwise and boolean converters on integers (configuration.txt §7.3.1: add, sub,
 * mul, div, mod, neg, and, or, xor, cpl, not, bool, odd, even, and iif on booleans).
 *
 * <p>An operand is an integer or a variable name ({@code add(txn.n)}); a variable that is not
 * set makes the converter fail. Results saturate at the 64-bit limits instead of wrapping, as the
 * manual promises ("guaranteed to keep sign and to saturate"). Division by zero gives the largest
 * integer and a remainder by zero gives 0, as the manual says.
 */
public final class ArithmeticConverters {
    private ArithmeticConverters() {}

    public static void register(SampleRegistry registry) {
        binary(registry, "add", ArithmeticConverters::add);
        binary(registry, "sub", ArithmeticConverters::subtract);
        binary(registry, "mul", ArithmeticConverters::multiply);
        binary(registry, "div", ArithmeticConverters::divide);
        binary(registry, "mod", ArithmeticConverters::remainder);
        binary(registry, "and", (a, b) -> a & b);
        binary(registry, "or", (a, b) -> a | b);
        binary(registry, "xor", (a, b) -> a ^ b);
        unary(registry, "neg", SampleType.SINT, value -> Sample.sint(value == Long.MIN_VALUE ? Long.MAX_VALUE : -value));
        unary(registry, "cpl", SampleType.SINT, value -> Sample.sint(~value));
        unary(registry, "not", SampleType.BOOL, value -> Sample.bool(value == 0));
        unary(registry, "bool", SampleType.BOOL, value -> Sample.bool(value != 0));
        unary(registry, "odd", SampleType.BOOL, value -> Sample.bool((value & 1) == 1));
        unary(registry, "even", SampleType.BOOL, value -> Sample.bool((value & 1) == 0));
        registry.registerConverter(new ConverterDefinition("iif", List.of(ArgType.STR, ArgType.STR), 2,
                SampleType.BOOL, SampleType.STR,
                (input, args, context) -> Optional.of(Sample.str(input.asBoolean() ? args.str(0) : args.str(1)))));
    }

    /** Saturating addition. */
    static long add(long a, long b) {
        long sum = a + b;
        // Overflow happened when both operands share a sign that the sum does not.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** Saturating subtraction. */
    static long subtract(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }

    /** Saturating multiplication ("the largest possible value for the sign is returned"). */
    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** Division; by zero gives the largest integer, and the one overflowing quotient saturates. */
    static long divide(long a, long b) {
        if (b == 0) {
            return Long.MAX_VALUE;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return Long.MAX_VALUE;
        }
        return a / b;
    }

    /** Remainder with the dividend's sign, as C's {@code %}; by zero gives 0. */
    static long remainder(long a, long b) {
        if (b == 0 || b == -1) {
            return 0;
        }
        return a % b;
    }

    private static void binary(SampleRegistry registry, String name, LongBinaryOperator operation) {
        ConverterDefinition.Function function = (input, args, context) -> ConverterArguments
                .integerOperand(args.get(0), context)
                .map(operand -> Sample.sint(operation.applyAsLong(input.asLong(), operand)));
        registry.registerConverter(new ConverterDefinition(name, List.of(ArgType.STR), 1, SampleType.SINT,
                SampleType.SINT, function, args -> ConverterArguments.parseIntegerOrVariable(args, 0)));
    }

    private interface LongToSample {
        Sample apply(long value);
    }

    private static void unary(SampleRegistry registry, String name, SampleType output, LongToSample operation) {
        registry.registerConverter(new ConverterDefinition(name, List.of(), 0, SampleType.SINT, output,
                (input, args, context) -> Optional.of(operation.apply(input.asLong()))));
    }
}
