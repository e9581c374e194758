package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.server.AdminState;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The layer 4, proxy and server fetches over a hand-built frontend, backends and stream. */
class Layer4FetchesTest {
    private final SampleRegistry registry = CompiledExpressionFixture.registry();
    private final CompiledExpressionFixture.World world = new CompiledExpressionFixture.World();
    private final SampleContext context = world.context();

    private String text(String expression) throws SampleCompileException {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toString).orElse("<none>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "src            | ipv4(192.0.2.7)",
        "src_port       | sint(40000)",
        "dst            | ipv4(198.51.100.1)",
        "dst_port       | sint(443)",
        "fc_src         | ipv4(192.0.2.7)",
        "fc_src_port    | sint(40000)",
        "fc_dst         | ipv4(198.51.100.1)",
        "fc_dst_port    | sint(443)",
        "so_name        | str(public)",
        "fe_name        | str(fe)",
        "fe_id          | sint(3)",
        "be_name        | str(fe)",
        "be_id          | sint(3)",
        "srv_name       | <none>",
        "srv_id         | <none>",
        "nbsrv          | <none>",
        "nbsrv(app)     | sint(2)",
        "nbsrv(other)   | sint(1)",
        "nbsrv(nope)    | <none>",
        "be_conn(app)   | sint(0)",
        "connslots(app) | sint(-1)",
        "queue(app)     | sint(0)",
        "avg_queue(app) | sint(0)",
        "queue(nope)    | <none>",
        "srv_queue(app/s1) | sint(0)",
        "srv_queue(app/zz) | <none>",
        "be_sess_rate(app) | sint(0)",
        "srv_sess_rate(app/s1) | sint(0)",
        "fe_conn        | sint(0)",
        "fe_conn(fe)    | sint(0)",
        "srv_conn(app/s1) | sint(0)",
        "srv_conn(app/zz) | <none>",
        "srv_conn(s1)   | <none>",
    })
    void beforeABackendIsChosen(String expression, String expected) throws SampleCompileException {
        assertEquals(expected, text(expression));
    }

    @Test
    void afterTheBackendAndServer() throws SampleCompileException {
        context.phase(Phase.HTTP_RESPONSE); // the server is known once connected
        context.backend(world.app);
        context.server(world.app.server("s3").orElseThrow());
        world.app.server("s1").orElseThrow().connectionOpened();
        world.app.server("s1").orElseThrow().connectionOpened();
        world.frontend.connectionStarted();
        assertEquals("str(app)", text("be_name"));
        assertEquals("sint(5)", text("be_id"));
        assertEquals("str(s3)", text("srv_name"));
        assertEquals("sint(7)", text("srv_id"));
        assertEquals("sint(2)", text("nbsrv"));
        assertEquals("sint(2)", text("be_conn"));
        assertEquals("sint(2)", text("srv_conn(s1)"));
        assertEquals("sint(2)", text("srv_sess_rate(s1)"));
        assertEquals("sint(0)", text("srv_conn(other/o1)"));
        assertEquals("sint(1)", text("fe_conn"));
        world.app.setAdminState(world.app.server("s1").orElseThrow(), AdminState.MAINT);
        assertEquals("sint(1)", text("nbsrv"));
    }

    @Test
    void rulesChangeSrcButNotFcSrc() throws SampleCompileException {
        context.source(new InetSocketAddress("2001:db8::5", 1234));
        context.destination(new InetSocketAddress("10.9.8.7", 80));
        assertEquals("ipv6(2001:db8::5)", text("src"));
        assertEquals("sint(1234)", text("src_port"));
        assertEquals("ipv4(10.9.8.7)", text("dst"));
        assertEquals("ipv4(192.0.2.7)", text("fc_src"));
        assertEquals("ipv4(198.51.100.1)", text("fc_dst"));
    }

    @Test
    void unixSocketClientsHaveNoAddress() throws SampleCompileException {
        SampleContext unix = new SampleContext(world.frontendConfig, null, null, null, world.processVariables);
        unix.process(world.process);
        assertEquals("<none>", SampleCompiler.compile("src", registry, CompileScope.STANDALONE).evaluate(unix)
                .map(Sample::toString).orElse("<none>"));
        assertEquals("<none>", SampleCompiler.compile("so_name", registry, CompileScope.STANDALONE).evaluate(unix)
                .map(Sample::toString).orElse("<none>"));
    }

    @Test
    void srvConnNeedsAServerName() {
        assertEquals("invalid args in fetch method 'srv_conn' : missing server name",
                assertThrows(SampleCompileException.class,
                        () -> SampleCompiler.compile("srv_conn", registry, CompileScope.STANDALONE)).getMessage());
        assertEquals("invalid args in fetch method 'srv_conn' : missing server name",
                assertThrows(SampleCompileException.class,
                        () -> SampleCompiler.compile("srv_conn(app/)", registry, CompileScope.STANDALONE)).getMessage());
    }

    @Test
    void serverFetchesWaitForAServer() throws SampleCompileException {
        assertEquals(EnumSet.of(Phase.RESPONSE_CONTENT, Phase.HTTP_RESPONSE, Phase.HTTP_AFTER_RESPONSE, Phase.LOG),
                SampleCompiler.compile("srv_name", registry, CompileScope.STANDALONE).usableIn());
        assertEquals(EnumSet.allOf(Phase.class),
                SampleCompiler.compile("src", registry, CompileScope.STANDALONE).usableIn());
    }
}
