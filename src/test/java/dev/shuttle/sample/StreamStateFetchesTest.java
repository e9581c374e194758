package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.HttpSettings;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.Timeouts;
import dev.shuttle.http.ErrorResponses;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.rules.ProxyRules;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The timeout, retries, default backend and priority fetches; the expected values follow what
 * HAProxy 3.5 answered in a listen section with client 5s, server 7s, connect 3s (queue and
 * tarpit fall back to connect; the stream's server, connect and queue timeouts are 0 until the
 * backend is assigned).
 */
class StreamStateFetchesTest {
    private final SampleRegistry registry = new SampleRegistry();

    StreamStateFetchesTest() {
        StreamStateFetches.register(registry);
    }

    private static ProxyConfig proxy(String name, ProxyKind kind, Timeouts timeouts, int retries,
                                     Optional<String> defaultBackend) {
        return new ProxyConfig(name, kind, new SourceLocation("test.cfg", 1), 1, ProxyMode.HTTP, "", false, 0,
                List.of(), defaultBackend, BalanceAlgorithm.ROUNDROBIN, List.of(), retries, timeouts, List.of(),
                Map.of(), HttpSettings.defaults(), ErrorResponses.BUILTIN, ProxyRules.NONE);
    }

    private final ProxyConfig frontend = proxy("fe", ProxyKind.LISTEN, new Timeouts(Map.of(TimeoutKind.CLIENT, 5000L,
            TimeoutKind.SERVER, 7000L, TimeoutKind.CONNECT, 3000L)), 3, Optional.empty());
    private final SampleContext context = new SampleContext(frontend, new InetSocketAddress("192.0.2.1", 1), null,
            "", VariableStore.shared());

    private String text(String expression) throws SampleCompileException {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toText).orElse("<none>");
    }

    @Test
    void configuredTimeoutsWithHaproxysFallbacks() throws SampleCompileException {
        context.beginExchange(null);
        assertEquals("5000", text("fe_client_timeout"));
        assertEquals("7000", text("be_server_timeout"));
        assertEquals("3000", text("be_connect_timeout"));
        assertEquals("3000", text("be_queue_timeout"));
        assertEquals("3000", text("be_tarpit_timeout"));
        assertEquals("0", text("be_tunnel_timeout"));
        assertEquals("3000", text("fe_tarpit_timeout"));
        assertEquals("3", text("be_max_retries"));
        assertEquals("3", text("cur_max_retries"));
        assertEquals("<none>", text("fe_defbe"));
    }

    @Test
    void currentTimeoutsFollowSetTimeoutAndTheBackend() throws SampleCompileException {
        context.beginExchange(null);
        assertEquals("5000", text("cur_client_timeout"));
        assertEquals("0", text("cur_server_timeout"));
        assertEquals("0", text("cur_connect_timeout"));
        assertEquals("0", text("cur_queue_timeout"));
        assertEquals("0", text("cur_tunnel_timeout"));
        assertEquals("3000", text("cur_tarpit_timeout"));
        context.settings().clientTimeout(1234);
        context.settings().tunnelTimeout(99);
        assertEquals("1234", text("cur_client_timeout"));
        assertEquals("99", text("cur_tunnel_timeout"));
        ProxyConfig backend = proxy("be", ProxyKind.BACKEND, new Timeouts(Map.of(TimeoutKind.SERVER, 11000L,
                TimeoutKind.CONNECT, 2000L, TimeoutKind.QUEUE, 4000L)), 5, Optional.empty());
        context.backend(new Backend(backend));
        assertEquals("11000", text("cur_server_timeout"));
        assertEquals("2000", text("cur_connect_timeout"));
        assertEquals("4000", text("cur_queue_timeout"));
        assertEquals("5", text("be_max_retries"));
        assertEquals("11000", text("be_server_timeout"));
        context.settings().serverTimeout(500);
        assertEquals("500", text("cur_server_timeout"));
    }

    @Test
    void defaultBackendAndPriority() throws SampleCompileException {
        SampleContext withDefault = new SampleContext(proxy("fe2", ProxyKind.FRONTEND, Timeouts.none(), 3,
                Optional.of("app")), null, null, "", VariableStore.shared());
        assertEquals("str(app)", SampleCompiler.compile("fe_defbe", registry, CompileScope.STANDALONE)
                .evaluate(withDefault).map(Sample::toString).orElseThrow());
        context.beginExchange(null);
        assertEquals("0", text("prio_class"));
        context.settings().priorityClass(-5000);
        context.settings().priorityOffset(42);
        assertEquals("-2047", text("prio_class"));
        assertEquals("42", text("prio_offset"));
    }

    @Test
    void abortsAreAnHttp2ResetOfTheClientsStreamOnly() throws SampleCompileException {
        assertEquals("<none>", text("fs.aborted"), "no stream yet: 3.5's fetch fails");
        context.terminationEvents().beginStream();
        assertEquals("0", text("fs.aborted")); // HTTP/1 or TCP: 3.5's muxes never report one
        assertEquals("0", text("bs.aborted"));
        context.frontStream(new FrontStream() {
            @Override
            public int openStreams() {
                return 1;
            }

            @Override
            public long streamsLimit() {
                return 100;
            }

            @Override
            public int streamId() {
                return 1;
            }

            @Override
            public OptionalLong resetCode() {
                return OptionalLong.of(8); // CANCEL
            }

            @Override
            public int httpMajor() {
                return 2;
            }

            @Override
            public long glitches() {
                return 0;
            }
        });
        assertEquals("1", text("fs.aborted"));
        assertEquals("0", text("bs.aborted"), "no server stream");
    }
}
