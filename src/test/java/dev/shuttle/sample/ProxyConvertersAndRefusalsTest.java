package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** fe_exists and srv_is_up over the fixture's proxies, and the messages of refused fetches and converters. */
class ProxyConvertersAndRefusalsTest {
    private final SampleRegistry registry = CompiledExpressionFixture.registry();
    private final CompiledExpressionFixture.World world = new CompiledExpressionFixture.World();
    private final SampleContext context = world.context();

    ProxyConvertersAndRefusalsTest() {
        ProxyConverters.register(registry);
    }

    private String text(String expression) throws SampleCompileException {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toString).orElse("<none>");
    }

    private String refusal(String expression) {
        return assertThrows(SampleCompileException.class,
                () -> SampleCompiler.compile(expression, SampleRegistry.standard(), CompileScope.STANDALONE)).getMessage();
    }

    @Test
    void feExistsLooksFrontendsUp() throws SampleCompileException {
        assertEquals("bool(1)", text("str(fe),fe_exists"));
        assertEquals("bool(0)", text("str(nope),fe_exists"));
    }

    @Test
    void srvIsUpTakesServerOrBackendSlashServer() throws SampleCompileException {
        assertEquals("bool(1)", text("str(app/s1),srv_is_up"));
        assertEquals("bool(0)", text("str(app/s2),srv_is_up"), "s2 is disabled");
        assertEquals("<none>", text("str(app/zz),srv_is_up"));
        assertEquals("<none>", text("str(s1),srv_is_up"), "no backend chosen yet");
        context.backend(world.app);
        assertEquals("bool(1)", text("str(s3),srv_is_up"));
    }

    @Test
    void refusedNamesSayWhatIsMissing() {
        assertEquals("'table_gpc0' needs stick tables, which Shuttle does not have yet",
                refusal("str(a),table_gpc0(t)"));
        assertEquals("'sc0_conn_cur' needs stick tables, which Shuttle does not have yet", refusal("sc0_conn_cur"));
        assertEquals("'src_conn_rate' needs stick tables, which Shuttle does not have yet", refusal("src_conn_rate"));
        assertEquals("'in_table' needs stick tables, which Shuttle does not have yet", refusal("src,in_table(t)"));
        assertEquals("'fc_rtt' needs the kernel's TCP_INFO, which the JDK cannot read (jdk.net.ExtendedSocketOptions "
                + "has no TCP_INFO), which Shuttle does not have yet", refusal("fc_rtt"));
        assertEquals("'ssl_fc_session_key' needs TLS details that JSSE does not expose, which Shuttle does not have "
                + "yet", refusal("ssl_fc_session_key"));
        assertEquals("'cpu_calls' needs per-stream CPU and latency accounting, which Shuttle does not have yet",
                refusal("cpu_calls"));
        assertEquals("'mqtt_is_valid' is not implemented in Shuttle yet (it needs an MQTT CONNECT/CONNACK parser)",
                refusal("req.payload(0,0),mqtt_is_valid"));
        assertEquals("'http_auth' needs userlist sections, which Shuttle does not have yet", refusal("http_auth(u)"));
        assertEquals("unknown fetch method 'no_such_fetch'", refusal("no_such_fetch"));
        assertEquals("unknown converter 'no_such'", refusal("str(a),no_such"));
    }
}
