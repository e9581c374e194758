package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture-req}, {@code capture-res} and {@code when} (configuration.txt §7.3.1) in a
 * proxy's rules, where their slots and ACLs are: the manual's uses, and what 3.5 answers
 * (difftest cases conv-capture and conv-when).
 */
class StreamConvertersConfigTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Loaded load(String proxyLines) {
        return fixture.load(ConfigFixture.TIMEOUTS + "    mode http\nlisten fe\n    bind 127.0.0.1:18080\n" + proxyLines
                + "    server s1 127.0.0.1:1\n");
    }

    private static SampleContext run(ProxyConfig proxy, String target, String... headers) {
        SampleContext context = new SampleContext(proxy, new InetSocketAddress("192.0.2.7", 40000),
                new InetSocketAddress("192.0.2.1", 80), "", VariableStore.shared());
        HeaderList list = new HeaderList();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(headers[i], headers[i + 1]);
        }
        context.beginExchange(new RequestHead("GET", target, HttpVersion.HTTP_1_1, list));
        proxy.rules().captures().capture(true, list, context.requestCaptures());
        context.phase(RuleKind.HTTP_REQUEST.phase());
        proxy.rules().of(RuleKind.HTTP_REQUEST).evaluate(context);
        return context;
    }

    @Test
    void captureReqFillsADeclaredSlotCutToItsLength() {
        ProxyConfig proxy = load("""
                    declare capture request len 4
                    http-request set-var(txn.c) req.hdr(x-a),capture-req(0)
                    http-request set-var(txn.none) req.hdr(x-a),capture-req(1)
                """).proxy("fe");
        SampleContext context = run(proxy, "/", "x-a", "abcdefgh");
        assertEquals(List.of("abcd"), context.requestCaptures());
        VariableStore txn = context.variables(VariableStore.Scope.TXN).orElseThrow();
        assertEquals("abcdefgh", txn.get("c").orElseThrow().asString(), "the input passes on whole");
        assertTrue(txn.get("none").isEmpty(), "no slot 1: nothing, as 3.5");
    }

    @Test
    void whenPassesItsInputOnlyUnderItsCondition() {
        ProxyConfig proxy = load("""
                    acl is_x path /x
                    http-request set-var(txn.n) str(n),when(normal)
                    http-request set-var(txn.e) str(e),when(error)
                    http-request set-var(txn.a) str(a),when(acl,is_x)
                    http-request set-var(txn.na) str(na),when(!acl,is_x)
                    http-request set-var(txn.s) str(s),when(!stopping)
                    http-request set-var(txn.f) str(f),when(forwarded)
                """).proxy("fe");
        VariableStore txn = run(proxy, "/x").variables(VariableStore.Scope.TXN).orElseThrow();
        assertTrue(txn.get("n").isPresent());
        assertTrue(txn.get("e").isEmpty());
        assertTrue(txn.get("a").isPresent());
        assertTrue(txn.get("na").isEmpty());
        assertTrue(txn.get("f").isEmpty(), "no server connection yet");
        assertTrue(txn.get("s").isPresent());
    }

    @Test
    void whenRefusesWhatItDoesNotKnow() {
        assertTrue(load("    http-request set-var(txn.x) str(x),when(sometimes)\n").alerts().getFirst()
                .contains("expects a supported keyword among {error,forwarded,normal,processed,stopping,toapplet,acl} "
                        + "but got 'sometimes'"));
        assertTrue(load("    http-request set-var(txn.x) str(x),when(acl)\n").alerts().getFirst()
                .contains("'acl' selector requires an extra argument with the ACL name"));
        assertTrue(load("    http-request set-var(txn.x) str(x),when(acl,nope)\n").alerts().getFirst()
                .contains("ACL 'nope' not found"));
        assertTrue(load("    http-request set-var(txn.x) str(x),when(toapplet)\n"
                + "    http-request set-var(txn.y) str(x),when(!processed)\n").alerts().isEmpty());
    }
}
