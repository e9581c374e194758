package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The byte counts, {@code bc_reused}, {@code server_status} ({@link StreamLogFetches}) and the
 * debugging fetches {@code dump_all_vars}, {@code last_entity}, {@code waiting_entity}, {@code tgroup}, {@code wait_end}
 * ({@link DebugFetches}), with the manual's examples (configuration.txt §7.3.2, §7.3.6).
 */
class StreamFactsFetchesTest {
    private final SampleRegistry registry = new SampleRegistry();
    private final SampleContext context = new CompiledExpressionFixture.World().context();

    StreamFactsFetchesTest() {
        StreamLogFetches.register(registry);
        DebugFetches.register(registry);
    }

    private String text(String expression) throws SampleCompileException {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toText).orElse("<none>");
    }

    /** {@link LogFormatTest.Facts#normal()} (77 bytes in, 1234 out) with the given answers for the new methods. */
    private static LogFacts facts(Map<String, Object> answers) {
        LogFacts normal = LogFormatTest.Facts.normal();
        return (LogFacts) Proxy.newProxyInstance(LogFacts.class.getClassLoader(), new Class<?>[] {LogFacts.class},
                (proxy, method, args) -> answers.containsKey(method.getName()) ? answers.get(method.getName())
                        : method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                        : method.invoke(normal, args));
    }

    private void exchange() {
        context.beginExchange(new RequestHead("GET", "/", HttpVersion.HTTP_1_1, new HeaderList()));
    }

    @Test
    void byteCountsEachWay() throws SampleCompileException {
        exchange();
        context.logFacts(facts(Map.of("bytesToServer", 98L, "bytesSentToClient", 173L)));
        assertEquals("77", text("bytes_in"), "bytes_in is req.bytes_in");
        assertEquals("77", text("req.bytes_in"));
        assertEquals("1234", text("bytes_out"), "bytes_out is res.bytes_in");
        assertEquals("98", text("req.bytes_out"));
        assertEquals("173", text("res.bytes_out"));
    }

    @Test
    void bytesToServerDefaultsToWhatCameInOnceConnected() {
        LogFacts facts = LogFormatTest.Facts.normal();
        assertEquals(77, facts.bytesToServer());
        assertEquals(0, facts(Map.of("connectMillis", -1L)).bytesToServer(), "never connected");
    }

    @Test
    void serverStatusAndReuse() throws SampleCompileException {
        assertEquals("<none>", text("server_status"), "outside a stream");
        exchange();
        context.phase(Phase.HTTP_RESPONSE);
        context.logFacts(facts(Map.of("serverStatus", 503, "serverConnectionReused", true)));
        assertEquals("503", text("server_status"));
        assertEquals("1", text("bc_reused"));
        context.logFacts(facts(Map.of()));
        assertEquals("0", text("server_status"), "an HTTP exchange without a server response: 0, as 3.5");
        assertEquals("0", text("bc_reused"));
    }

    @Test
    void dumpAllVarsFollowsTheManual() throws Exception {
        exchange();
        VariableStore txn = context.variables(VariableStore.Scope.TXN).orElseThrow();
        txn.set("name", Sample.str("John \"Doe\""));
        txn.set("data", Sample.bin("Hello".getBytes()));
        txn.set("count", Sample.sint(42));
        txn.set("active", Sample.bool(true));
        txn.set("client", Sample.address(InetAddress.getByName("192.168.1.1")));
        txn.set("user_id", Sample.str("a\\b\r\n"));
        context.variables(VariableStore.Scope.REQ).orElseThrow().set("method", Sample.method("GET"));
        assertEquals("txn.active=true, txn.client=192.168.1.1, txn.count=42, txn.data=48656C6C6F, "
                + "txn.name=\"John \\\"Doe\\\"\", txn.user_id=\"a\\\\b\\r\\n\"", text("dump_all_vars(txn)"));
        assertEquals(text("dump_all_vars(txn)"), text("dump_all_vars"), "the stream's txn scope by default");
        assertEquals("txn.user_id=\"a\\\\b\\r\\n\"", text("dump_all_vars(txn,user)"));
        assertEquals("txn.client=192.168.1.1; txn.count=42", text("dump_all_vars(txn,\"c\",'; ')"));
        assertEquals("txn.data=48656C6C6F", text("dump_all_vars(txn,da)"));
        assertEquals("req.method=\"GET\"", text("dump_all_vars(req)"));
        assertTrue(text("dump_all_vars(,count)").equals("txn.count=42"), "an empty scope is every scope");
        assertEquals("", text("dump_all_vars(res)"));
    }

    @Test
    void dumpAllVarsRefusesAnUnknownScope() {
        SampleCompileException refused = org.junit.jupiter.api.Assertions.assertThrows(SampleCompileException.class,
                () -> SampleCompiler.compile("dump_all_vars(foo)", registry, CompileScope.STANDALONE));
        assertTrue(refused.getMessage().contains("invalid scope 'foo', must be one of: sess, txn, req, res, proc"),
                refused.getMessage());
    }

    @Test
    void lastEntityTgroupAndWaitEnd() throws SampleCompileException {
        exchange();
        assertEquals("<none>", text("last_entity"));
        context.lastRule("/etc/haproxy/haproxy.cfg", 15);
        assertEquals("/etc/haproxy/haproxy.cfg:15", text("last_entity"));
        assertEquals("0", text("tgroup"));
        assertEquals("1", text("wait_end"), "no content being inspected: nothing to wait for");
    }

    @Test
    void waitingEntityNamesTheRuleWhoseWaitTheClientAborted() throws SampleCompileException {
        exchange();
        assertEquals("<none>", text("waiting_entity"), "nothing waited");
        context.runningRule("/etc/haproxy/haproxy.cfg", 22);
        context.requestBodyLoader((timeout, atLeast) -> SampleContext.BodyWait.TIMED_OUT);
        assertEquals(SampleContext.BodyWait.TIMED_OUT, context.loadRequestBody(3000, 0));
        assertEquals("<none>", text("waiting_entity"), "a wait ended by the rule's own time leaves nothing");
        context.requestBodyLoader((timeout, atLeast) -> SampleContext.BodyWait.CLIENT_ABORTED);
        assertEquals(SampleContext.BodyWait.CLIENT_ABORTED, context.loadRequestBody(3000, 0));
        assertEquals("/etc/haproxy/haproxy.cfg:22", text("waiting_entity"));
        exchange();
        assertEquals("<none>", text("waiting_entity"), "a new exchange waits on nothing");
        context.waitingEntity("http-buffer-request");
        assertEquals("http-buffer-request", text("waiting_entity"));
    }
}
