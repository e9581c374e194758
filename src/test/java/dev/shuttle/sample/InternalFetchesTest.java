package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fetches of configuration.txt §7.3.2 against a fixed clock, environment and process. */
class InternalFetchesTest {
    private final SampleRegistry registry = CompiledExpressionFixture.registry();
    private final CompiledExpressionFixture.World world = new CompiledExpressionFixture.World();
    private final SampleContext context = world.context();

    private Optional<Sample> evaluate(String text) throws SampleCompileException {
        return SampleCompiler.compile(text, registry, CompileScope.STANDALONE).evaluate(context);
    }

    private String text(String expression) throws SampleCompileException {
        return evaluate(expression).map(Sample::toString).orElse("<none>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "always_true        | bool(1)",
        "always_false       | bool(0)",
        "str(abc)           | str(abc)",
        "int(-42)           | sint(-42)",
        "bool(true)         | bool(1)",
        "bool(1)            | bool(1)",
        "bool(false)        | bool(0)",
        "bool(0)            | bool(0)",
        "ipv4(10.1.2.3)     | ipv4(10.1.2.3)",
        "ipv6(2001:db8::1)  | ipv6(2001:db8::1)",
        "ipv6(::ffff:1.2.3.4) | ipv6(::ffff:1.2.3.4)",
        "bin(41424300),hex  | str(41424300)",
        "meth(get)          | meth(get)",
        "meth(PURGE)        | meth(PURGE)",
        "env(FOO)           | str(bar)",
        "env(NOPE)          | <none>",
        "hostname           | str(proxy-host)",
        "pid                | sint(4242)",
        "uptime             | sint(90)",
        "nbthread           | sint(8)",
        "thread             | sint(0)",
        "nbproc             | sint(1)",
        "proc               | sint(1)",
        "stopping           | bool(0)",
        "quic_enabled       | bool(0)",
        "date               | sint(1767323045)",
        "date(3600)         | sint(1767326645)",
        "date(-5,s)         | sint(1767323040)",
        "date(0,ms)         | sint(1767323045678)",
        "date(1,us)         | sint(1767323045678902)",
        "date_us            | sint(678901)",
        "rand(0)            | sint(0)",
        "rand(1)            | sint(0)",
    })
    void values(String expression, String expected) throws SampleCompileException {
        assertEquals(expected, text(expression));
    }

    @Test
    void stoppingFollowsTheProcess() throws SampleCompileException {
        world.process.beginStopping();
        assertEquals("bool(1)", text("stopping"));
    }

    @Test
    void randomStaysInItsRange() throws SampleCompileException {
        for (int i = 0; i < 200; i++) {
            long dice = evaluate("rand(6)").orElseThrow().asLong();
            assertTrue(dice >= 0 && dice < 6, "rand(6) gave " + dice);
            long wide = evaluate("rand").orElseThrow().asLong();
            assertTrue(wide >= 0 && wide <= 0xFFFFFFFFL, "rand gave " + wide);
        }
    }

    @Test
    void uuidVersions() throws SampleCompileException {
        UUID v4 = UUID.fromString(evaluate("uuid").orElseThrow().asString());
        assertEquals(4, v4.version());
        assertEquals(2, v4.variant());
        assertEquals(4, UUID.fromString(evaluate("uuid(4)").orElseThrow().asString()).version());
        String v7text = evaluate("uuid(7)").orElseThrow().asString();
        UUID v7 = UUID.fromString(v7text);
        assertEquals(7, v7.version());
        assertEquals(2, v7.variant());
        assertEquals(CompiledExpressionFixture.NOW.toEpochMilli(), v7.getMostSignificantBits() >>> 16,
                "a version 7 UUID starts with the Unix time in milliseconds");
        assertEquals(v7text, v7text.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void variables() throws SampleCompileException {
        assertEquals("<none>", text("var(txn.x)"));
        assertEquals("str(dflt)", text("var(txn.x,dflt)"));
        assertEquals("str()", text("var(txn.x,)"));
        context.variables(VariableStore.Scope.SESS).orElseThrow().set("x", Sample.sint(5));
        assertEquals("sint(5)", text("var(sess.x)"));
        assertEquals("sint(6)", text("var(sess.x),add(1)"), "a variable keeps its type, cast at run time");
        world.processVariables.set("a.b", Sample.bool(true));
        assertEquals("bool(1)", text("var(proc.a.b,zz)"));
        // No response yet: the res scope does not exist, the default applies.
        assertEquals("str(d)", text("var(res.y,d)"));
        assertEquals("<none>", text("var(txn.x)"), "txn variables need an exchange");
    }
}
