package dev.shuttle.pattern;

import dev.shuttle.sample.ArgType;
import dev.shuttle.sample.Arguments;
import dev.shuttle.sample.ConverterDefinition;
import dev.shuttle.sample.MapLoader;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleRegistry;
import dev.shuttle.sample.SampleType;
import java.util.List;
import java.util.Optional;

/**
 * The map converters (configuration.txt §7.3.1, "map"): {@code map_<match>[_<output>](<file>[,<default>])}
 * looks its input up in a map file by a match method and gives the value found, converted to the
 * output type, else the default, else nothing. {@code map} is {@code map_str}; {@code map_regm}
 * substitutes the regex groups ({@code \1}) into the value.
 *
 * <p>The family is exactly what haproxy 2.6 registers: match methods str, beg, sub, dir, dom, end,
 * reg (input text), int (input integer) and ip (input address), each with outputs str (no suffix),
 * {@code _int} and {@code _ip}, plus {@code map} and {@code map_regm}. There is no {@code map_len},
 * {@code map_bin} nor {@code map_str_str}.
 *
 * <p>The file is loaded by the compiler's {@link MapLoader} ({@link PatternFiles},
 * once per path); the converter's argument check then builds, once per file, method and output,
 * the {@link MapTable} evaluation uses. An address output is declared IPV4, though a value may be
 * IPv6 (HAProxy's "addr").
 */
public final class MapConverters {
    private MapConverters() {}

    private static final List<MatchMethod> TEXT_METHODS = List.of(MatchMethod.STR, MatchMethod.BEG, MatchMethod.SUB,
            MatchMethod.DIR, MatchMethod.DOM, MatchMethod.END, MatchMethod.REG);

    public static void register(SampleRegistry registry) {
        for (MatchMethod method : TEXT_METHODS) {
            registerOutputs(registry, "map_" + method.keyword(), method, SampleType.STR, false);
        }
        registerOutputs(registry, "map_int", MatchMethod.INT, SampleType.SINT, false);
        registerOutputs(registry, "map_ip", MatchMethod.IP, null, false);
        register(registry, "map", MatchMethod.STR, SampleType.STR, SampleType.STR, false);
        register(registry, "map_regm", MatchMethod.REG, SampleType.STR, SampleType.STR, true);
    }

    /** {@code map_x}, {@code map_x_int} and {@code map_x_ip}; a null input type means an address. */
    private static void registerOutputs(SampleRegistry registry, String name, MatchMethod method, SampleType input,
                                        boolean regm) {
        register(registry, name, method, input, SampleType.STR, regm);
        register(registry, name + "_int", method, input, SampleType.SINT, regm);
        register(registry, name + "_ip", method, input, SampleType.IPV4, regm);
        registerKey(registry, name + "_key", method, input);
    }

    /**
     * {@code map_<method>_key(<map_name>)} (HAProxy 3.x): the key of the entry the input matches,
     * as written in the file; no default value (configuration.txt, "map_<match_type>").
     */
    private static void registerKey(SampleRegistry registry, String name, MatchMethod method, SampleType input) {
        List<ArgType> argTypes = List.of(ArgType.MAP);
        Arguments.Checker checker = arguments -> {
            if (!(arguments.get(0) instanceof MapFile file)) {
                throw new SampleCompileException("no map file could be loaded");
            }
            try {
                return arguments.with(0, file.keyTable(method));
            } catch (AclException e) {
                throw new SampleCompileException(e.getMessage());
            }
        };
        ConverterDefinition.Function function = (in, arguments, context) -> arguments.<MapTable>get(0).find(in);
        registry.registerConverter(input == null
                ? ConverterDefinition.takingAddress(name, argTypes, 1, SampleType.STR, function, checker)
                : new ConverterDefinition(name, argTypes, 1, input, SampleType.STR, function, checker));
    }

    private static void register(SampleRegistry registry, String name, MatchMethod method, SampleType input,
                                 SampleType output, boolean regm) {
        ArgType defaultType = output == SampleType.SINT ? ArgType.SINT : ArgType.STR;
        List<ArgType> argTypes = List.of(ArgType.MAP, defaultType);
        Arguments.Checker checker = arguments -> prepare(arguments, method, output, regm);
        ConverterDefinition definition = input == null
                ? ConverterDefinition.takingAddress(name, argTypes, 1, output, MapConverters::lookup, checker)
                : new ConverterDefinition(name, argTypes, 1, input, output, MapConverters::lookup, checker);
        registry.registerConverter(definition);
    }

    /** Builds the table for this method and output, and turns the default into a sample, once. */
    private static Arguments prepare(Arguments arguments, MatchMethod method, SampleType output, boolean regm)
            throws SampleCompileException {
        if (!(arguments.get(0) instanceof MapFile file)) {
            throw new SampleCompileException("no map file could be loaded");
        }
        MapTable table;
        try {
            table = file.table(method, output, regm);
        } catch (AclException e) {
            throw new SampleCompileException(e.getMessage());
        }
        Sample defaultValue = null;
        if (arguments.has(1)) {
            defaultValue = switch (output) {
                case SINT -> Sample.sint(arguments.sint(1));
                case IPV4 -> MapFile.parseAddress(arguments.str(1)).orElseThrow(() -> new SampleCompileException(
                        "map: cannot parse default ip <" + arguments.str(1) + ">."));
                default -> Sample.str(arguments.str(1));
            };
        }
        return arguments.with(0, table).with(1, defaultValue);
    }

    private static Optional<Sample> lookup(Sample input, Arguments arguments, SampleContext context) {
        MapTable table = arguments.get(0);
        Optional<Sample> found = table.find(input);
        return found.isPresent() ? found : Optional.ofNullable(arguments.get(1));
    }
}
