package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code distcc_param} and {@code distcc_body} (configuration.txt §7.3.5) on a distcc request:
 * DIST (protocol version), ARGC, ARGV bodies, then DOTI with the preprocessed file.
 */
class DistccFetchesTest {
    private final SampleRegistry registry = new SampleRegistry();
    private final SampleContext context = new SampleContext(null, null, null, "test", VariableStore.shared());

    DistccFetchesTest() {
        DistccFetches.register(registry);
    }

    private static final String REQUEST = "DIST00000001" + "ARGC00000002" + "ARGV00000003gcc" + "ARGV00000002-c"
            + "DOTI0000000Aint x = 1;";

    private String run(String expression, String buffered, boolean isFinal) throws SampleCompileException {
        context.requestContent(PayloadFetchesTest.Buffer.of(buffered, isFinal));
        context.takeAnswerMayChange();
        String value = SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toText).orElse("<none>");
        return value + (context.takeAnswerMayChange() ? "|may-change" : "");
    }

    @Test
    void paramsAndBodiesOfTheManualsTokens() throws SampleCompileException {
        assertEquals("1", run("distcc_param(DIST)", REQUEST, true));
        assertEquals("2", run("distcc_param(ARGC)", REQUEST, true));
        assertEquals("3", run("distcc_param(ARGV)", REQUEST, true), "the first occurrence");
        assertEquals("2", run("distcc_param(ARGV,2)", REQUEST, true));
        assertEquals("gcc", run("distcc_body(ARGV,1)", REQUEST, true));
        assertEquals("-c", run("distcc_body(ARGV,2)", REQUEST, true));
        assertEquals("10", run("distcc_param(DOTI)", REQUEST, true), "hex digits");
        assertEquals("int x = 1;", run("distcc_body(DOTI)", REQUEST, true));
        assertEquals("<none>", run("distcc_param(ARGV,3)", REQUEST, true));
    }

    @Test
    void waitsWhileTheTokenMayStillCome() throws SampleCompileException {
        assertEquals("<none>|may-change", run("distcc_param(DOTI)", REQUEST.substring(0, 30), false));
        assertEquals("<none>", run("distcc_param(DOTI)", REQUEST.substring(0, 30), true));
        assertEquals("int x|may-change", run("distcc_body(DOTI)", REQUEST.substring(0, REQUEST.length() - 5), false),
                "a body cut short");
        assertEquals("<none>", run("distcc_param(DOTI)", "DIST0000000G", false), "not hex: never");
    }

    @Test
    void theTokenHasFourLetters() {
        SampleCompileException refused = org.junit.jupiter.api.Assertions.assertThrows(SampleCompileException.class,
                () -> SampleCompiler.compile("distcc_param(DOT)", registry, CompileScope.STANDALONE));
        assertTrue(refused.getMessage().contains("token name must be exactly 4 characters"), refused.getMessage());
    }
}
