package dev.shuttle.sample;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The converters that slice binary samples or print them in chunks (configuration.txt §7.3.1:
 * bytes, be2dec, le2dec, be2hex, secure_memcmp).
 */
public final class BinaryConverters {
    private BinaryConverters() {}

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    public static void register(SampleRegistry registry) {
        define(registry, "bytes", List.of(ArgType.STR, ArgType.STR), 1, SampleType.BIN,
                BinaryConverters::bytes, BinaryConverters::checkBytes);
        List<ArgType> chunked = List.of(ArgType.STR, ArgType.SINT, ArgType.SINT);
        define(registry, "be2dec", chunked, 2, SampleType.STR, 
                (in, a, c) -> Optional.of(Sample.str(toDecimal(in.asBytes(), a.str(0), (int) a.sint(1), truncate(a), true))),
                BinaryConverters::checkDecimalChunk);
        define(registry, "le2dec", chunked, 2, SampleType.STR, 
                (in, a, c) -> Optional.of(Sample.str(toDecimal(in.asBytes(), a.str(0), (int) a.sint(1), truncate(a), false))),
                BinaryConverters::checkDecimalChunk);
        define(registry, "be2hex", chunked, 0, SampleType.STR, 
                (in, a, c) -> Optional.of(Sample.str(toHex(in.asBytes(), ConverterArguments.strOr(a, 0, ""),
                        (int) ConverterArguments.sintOr(a, 1, 0), truncate(a)))),
                BinaryConverters::checkHexChunk);
        define(registry, "secure_memcmp", List.of(ArgType.VAR), 1, SampleType.BOOL,
                (in, a, c) -> ConverterArguments.read(c, a.variable(0))
                        .flatMap(other -> Casts.cast(other, SampleType.BIN))
                        .map(other -> Sample.bool(MessageDigest.isEqual(in.asBytes(), other.asBytes()))));
    }

    /**
     * {@code bytes(<offset>[,<length>])}: each an integer or a variable name (3.x); a literal offset
     * must not be negative and a literal length must be positive, as HAProxy 3.5 checks them.
     */
    static Arguments checkBytes(Arguments args) throws SampleCompileException {
        args = ConverterArguments.parseIntegerOrVariable(args, 0);
        if (args.get(0) instanceof Long offset && offset < 0) {
            throw new SampleCompileException("expects a non-negative integer");
        }
        if (args.has(1)) {
            args = ConverterArguments.parseIntegerOrVariable(args, 1);
            if (args.get(1) instanceof Long length && length <= 0) {
                throw new SampleCompileException("expects a positive integer");
            }
        }
        return args;
    }

    /** The converter: operands read (a variable that is not set, or negative, fails it), then sliced. */
    private static Optional<Sample> bytes(Sample in, Arguments args, SampleContext context) {
        Optional<Long> offset = ConverterArguments.integerOperand(args.get(0), context);
        if (offset.isEmpty() || offset.get() < 0) {
            return Optional.empty();
        }
        long length = -1;
        if (args.has(1)) {
            Optional<Long> given = ConverterArguments.integerOperand(args.get(1), context);
            if (given.isEmpty() || given.get() < 0) {
                return Optional.empty();
            }
            length = given.get();
        }
        return Optional.of(Sample.bin(bytes(in.asBytes(), offset.get(), length)));
    }

    /** {@code bytes}: from {@code offset}, at most {@code length} bytes (all when negative); empty past the end. */
    static byte[] bytes(byte[] input, long offset, long length) {
        if (offset >= input.length) {
            return new byte[0];
        }
        long end = length < 0 ? input.length : Math.min(input.length, offset + length);
        return Arrays.copyOfRange(input, (int) offset, (int) end);
    }

    private static boolean truncate(Arguments args) {
        return ConverterArguments.sintOr(args, 2, 0) != 0;
    }

    static Arguments checkDecimalChunk(Arguments args) throws SampleCompileException {
        long size = args.sint(1);
        if (size < 1 || size > 8) {
            throw new SampleCompileException("chunk_size out of [1..8] range (" + size + ")");
        }
        return args;
    }

    static Arguments checkHexChunk(Arguments args) throws SampleCompileException {
        // Only a separator needs a chunk size: haproxy 2.6 takes be2hex() and be2hex(,0).
        if (!ConverterArguments.strOr(args, 0, "").isEmpty() && ConverterArguments.sintOr(args, 1, 0) <= 0) {
            throw new SampleCompileException("chunk_size needs to be positive (" + ConverterArguments.sintOr(args, 1, 0) + ")");
        }
        return args;
    }

    /**
     * {@code be2dec}/{@code le2dec}: each {@code chunkSize} bytes as one unsigned number, the
     * numbers joined by the separator; a shorter last chunk is printed too unless truncating.
     */
    static String toDecimal(byte[] input, String separator, int chunkSize, boolean truncate, boolean bigEndian) {
        StringBuilder out = new StringBuilder();
        for (int start = 0; start < input.length; start += chunkSize) {
            int end = Math.min(input.length, start + chunkSize);
            if (truncate && end - start < chunkSize) {
                break;
            }
            long value = 0;
            for (int i = 0; i < end - start; i++) {
                int b = input[bigEndian ? start + i : end - 1 - i] & 0xff;
                value = (value << 8) | b;
            }
            if (start > 0) {
                out.append(separator);
            }
            out.append(Long.toUnsignedString(value));
        }
        return out.toString();
    }

    /** {@code be2hex}: upper-case hex, a separator every {@code chunkSize} bytes when given. */
    static String toHex(byte[] input, String separator, int chunkSize, boolean truncate) {
        if (chunkSize <= 0) {
            return UPPER_HEX.formatHex(input);
        }
        StringBuilder out = new StringBuilder();
        for (int start = 0; start < input.length; start += chunkSize) {
            int end = Math.min(input.length, start + chunkSize);
            if (truncate && end - start < chunkSize) {
                break;
            }
            if (start > 0) {
                out.append(separator);
            }
            out.append(UPPER_HEX.formatHex(input, start, end));
        }
        return out.toString();
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType output, ConverterDefinition.Function function) {
        define(registry, name, argTypes, required, output, function, Arguments.Checker.NONE);
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType output, ConverterDefinition.Function function, Arguments.Checker checker) {
        registry.registerConverter(new ConverterDefinition(name, argTypes, required, SampleType.BIN, output, function, checker));
    }
}
