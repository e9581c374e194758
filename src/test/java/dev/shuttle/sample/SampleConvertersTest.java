package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The converter families as a whole: every converter is registered once with its types, and
 * {@link Harness}, which the family tests use to run a converter the way a compiled expression
 * does (check the arguments, cast the input, convert).
 */
class SampleConvertersTest {
    /** Runs converters of the given families against one stream context. */
    static final class Harness {
        final SampleRegistry registry = new SampleRegistry();
        final SampleContext context = new SampleContext(null, null, null, "test", VariableStore.shared());

        @SafeVarargs
        Harness(Consumer<SampleRegistry>... families) {
            for (Consumer<SampleRegistry> family : families) {
                family.accept(registry);
            }
            context.beginExchange(null);
        }

        ConverterDefinition definition(String name) {
            return registry.converter(name).orElseThrow(() -> new AssertionError("no converter " + name));
        }

        /** The compiled arguments, as the expression compiler gets them from the converter's checker. */
        Arguments compile(String name, Object... args) throws SampleCompileException {
            return definition(name).checker().check(new Arguments(new ArrayList<>(Arrays.asList(args))));
        }

        Optional<Sample> run(String name, Sample input, Object... args) {
            ConverterDefinition definition = definition(name);
            try {
                Arguments compiled = compile(name, args);
                Sample cast = Casts.inputFor(input, definition);
                return cast == null ? Optional.empty() : definition.function().convert(cast, compiled, context);
            } catch (SampleCompileException e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        }

        /** The output as text, "<none>" when the converter fails. */
        String text(String name, Sample input, Object... args) {
            return run(name, input, args).map(Sample::toText).orElse("<none>");
        }

        String refused(String name, Object... args) {
            return assertThrows(SampleCompileException.class, () -> compile(name, args)).getMessage();
        }

        void set(String variable, Sample value) {
            VariableName name = ConverterArguments.variableName(variable).orElseThrow();
            context.variables(name.scope()).orElseThrow().set(name.name(), value);
        }

        Optional<Sample> get(String variable) {
            VariableName name = ConverterArguments.variableName(variable).orElseThrow();
            return context.variables(name.scope()).orElseThrow().get(name.name());
        }
    }

    static Sample bin(String hex) {
        return Sample.bin(java.util.HexFormat.of().parseHex(hex));
    }

    static VariableName var(String text) {
        return ConverterArguments.variableName(text).orElseThrow();
    }

    @Test
    void everyConverterIsRegisteredOnceWithItsTypes() {
        Harness harness = new Harness(StringConverters::register, EncodingConverters::register,
                BinaryConverters::register, ArithmeticConverters::register, HashConverters::register,
                VariableConverters::register, TimeConverters::register, IpConverters::register);
        List<String> names = harness.registry.converters().stream().map(ConverterDefinition::name).toList();
        for (String name : List.of("lower", "upper", "length", "hex", "hex2i", "base64", "b64dec", "ub64enc",
                "ub64dec", "url_enc", "url_dec", "json", "bytes", "field", "word", "regsub", "concat", "strcmp",
                "secure_memcmp", "ipmask", "add", "sub", "mul", "div", "mod", "neg", "and", "or", "xor", "cpl", "not",
                "bool", "odd", "even", "iif", "djb2", "sdbm", "wt6", "crc32", "crc32c", "xxh3", "xxh32", "xxh64",
                "sha1", "sha2", "digest", "hmac", "set-var", "unset-var", "param", "ltime", "utime", "be2dec",
                "be2hex", "le2dec", "add_item", "cut_crlf", "ltrim", "rtrim")) {
            assertTrue(names.contains(name), name);
        }
        assertEquals(SampleType.BIN, harness.definition("sha1").inputType());
        assertEquals(SampleType.SINT, harness.definition("djb2").outputType());
        assertEquals(ConverterDefinition.Accepts.ANY, harness.definition("set-var").accepts());
        assertEquals(ConverterDefinition.Accepts.ADDRESS, harness.definition("ipmask").accepts());
    }

    @Test
    void variableNamesNeedAKnownScopeAndPlainCharacters() {
        assertEquals(new VariableName(VariableStore.Scope.TXN, "a.b_1"), var("txn.a.b_1"));
        assertTrue(ConverterArguments.variableName("foo.bar").isEmpty());
        assertTrue(ConverterArguments.variableName("txn.").isEmpty());
        assertTrue(ConverterArguments.variableName("txn.a-b").isEmpty());
        assertTrue(ConverterArguments.variableName("12").isEmpty());
    }

    @Test
    void compiledExpressionsRunTheConvertersEndToEnd() throws SampleCompileException {
        Harness harness = new Harness();
        SampleRegistry standard = SampleRegistry.standard();
        java.util.function.Function<String, String> eval = text -> {
            try {
                return SampleCompiler.compile(text, standard, CompileScope.STANDALONE).evaluate(harness.context)
                        .map(Sample::toText).orElse("<none>");
            } catch (SampleCompileException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        };
        // Outputs of haproxy 2.6 for the same expressions.
        assertEquals("hello", eval.apply("str(Hello),lower"));
        assertEquals("2235766107", eval.apply("str(abc),djb2(1)"));
        assertEquals("f2_f3_", eval.apply("str(f1_f2_f3__f5),field(-2,_,3)"));
        assertEquals("258:772:1286:7", eval.apply("bin(01020304050607),be2dec(:,2)"));
        assertEquals("A9993E364706816ABA3E25717850C26C9CD0D89D", eval.apply("str(abc),sha1,hex"));
        assertEquals("6", eval.apply("int(5),set-var(txn.n2),add(1)"));
        assertEquals("5", eval.apply("var(txn.n2)"));
        assertEquals("192.168.1.0", eval.apply("str(192.168.1.77),ipmask(24)"));
        assertEquals("20140710130350", eval.apply("int(1404993830),utime(%Y%m%d%H%M%S,3600)"));
        assertTrue(assertThrows(SampleCompileException.class,
                () -> SampleCompiler.compile("int(1),utime(%q)", standard, CompileScope.STANDALONE)).getMessage()
                .contains("unsupported conversion"));
    }
}
