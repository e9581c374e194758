package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One value versus every value, through converters and casts. */
class CompiledExpressionTest {
    private final SampleRegistry registry = CompiledExpressionFixture.registry();
    private final SampleContext context = new CompiledExpressionFixture.World().context();

    {
        context.phase(Phase.HTTP_REQUEST); // where the fixture's words() works
    }

    private SampleExpression compile(String text) throws SampleCompileException {
        return SampleCompiler.compile(text, registry, CompileScope.STANDALONE);
    }

    @Test
    void evaluateTakesTheFetchsSingleValue() throws SampleCompileException {
        assertEquals(Optional.of(Sample.str("c")), compile("words(A B C),lower").evaluate(context));
    }

    @Test
    void aFetchFindsNothingWhereItDoesNotWork() throws SampleCompileException {
        context.phase(Phase.HTTP_RESPONSE);
        assertEquals(Optional.empty(), compile("words(A B C),lower").evaluate(context));
        assertEquals(List.of(), compile("words(A B C)").evaluateAll(context));
    }

    @Test
    void evaluateAllMapsEveryValue() throws SampleCompileException {
        assertEquals(List.of(Sample.str("a"), Sample.str("b"), Sample.str("c")),
                compile("words(A B C),lower").evaluateAll(context));
        assertEquals(List.of(Sample.str("A"), Sample.str("B")), compile("words(A B)").evaluateAll(context));
    }

    @Test
    void valuesThatFailAConverterAreDropped() throws SampleCompileException {
        // "x" has no second field: dropped from the list; alone it leaves no value.
        assertEquals(List.of(Sample.str("2"), Sample.str("4")), compile("words(1:2 x 3:4),field(2,:)").evaluateAll(context));
        assertEquals(Optional.of(Sample.str("4")), compile("words(1:2 x 3:4),field(2,:)").evaluate(context));
        assertEquals(Optional.empty(), compile("words(3:4 x),field(2,:)").evaluate(context));
    }

    @Test
    void valuesThatFailACastAreDropped() throws SampleCompileException {
        // STR to an address: "nope" is no address.
        assertEquals(List.of(Sample.addressOf(new byte[] {10, 0, 0, 0})),
                compile("words(10.1.2.3 nope),ipmask(8)").evaluateAll(context));
        assertEquals(Optional.empty(), compile("words(10.1.2.3 nope),ipmask(8)").evaluate(context));
        // STR to SINT: an empty string does not cast.
        assertEquals(Optional.empty(), compile("str(),add(1)").evaluate(context));
    }

    @Test
    void convertersChainWithCastsBetweenThem() throws SampleCompileException {
        // SINT → STR for field ("12345" cut at "3" is "12"), STR → SINT for add (267), SINT → BIN for hex.
        assertEquals(Optional.of(Sample.str("000000000000010B")),
                compile("int(12345),field(1,3),add(255),hex").evaluate(context));
    }

    @Test
    void anEmptyFetchGivesNothing() throws SampleCompileException {
        assertEquals(Optional.empty(), compile("env(NOPE),lower").evaluate(context));
        assertEquals(List.of(), compile("env(NOPE),lower").evaluateAll(context));
    }

    @Test
    void namesTheProxiesItsArgumentsReferTo() throws SampleCompileException {
        assertEquals(List.of(new SampleExpression.ProxyReference(ArgType.BACKEND, "app", "nbsrv", false, 1)),
                compile("nbsrv(app),add(1)").proxyReferences());
        assertEquals(List.of(new SampleExpression.ProxyReference(ArgType.BACKEND, null, "be_conn", false, 1)),
                compile("be_conn").proxyReferences());
        assertEquals(List.of(new SampleExpression.ProxyReference(ArgType.SERVER, "app/s1", "srv_conn", false, 1)),
                compile("srv_conn(app/s1)").proxyReferences());
        assertEquals(List.of(), compile("str(a),lower").proxyReferences());
    }
}
