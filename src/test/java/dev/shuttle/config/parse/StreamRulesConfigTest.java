package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.StreamSettings;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading and running the stream actions and keywords: captures, set-timeout, set-log-level,
 * set-src/dst, priorities, nice, use-server, monitor, normalize-uri, return errorfiles, and
 * inspect-delay's warning. Messages follow haproxy 2.6's where it has the keyword.
 */
class StreamRulesConfigTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Loaded load(String proxyLines) {
        return fixture.load(ConfigFixture.TIMEOUTS + "    mode http\nlisten fe\n    bind 127.0.0.1:18080\n" + proxyLines
                + "    server s1 127.0.0.1:1\n    server s2 127.0.0.1:2\n");
    }

    private static SampleContext run(ProxyConfig proxy, RuleKind kind, String target, String... headers) {
        SampleContext context = new SampleContext(proxy, new InetSocketAddress("192.0.2.7", 40000),
                new InetSocketAddress("192.0.2.1", 80), "", VariableStore.shared());
        HeaderList list = new HeaderList();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(headers[i], headers[i + 1]);
        }
        context.beginExchange(new RequestHead("GET", target, HttpVersion.HTTP_1_1, list));
        proxy.rules().captures().capture(true, list, context.requestCaptures());
        context.phase(kind.phase());
        lastVerdict = proxy.rules().of(kind).evaluate(context);
        return context;
    }

    private static Verdict lastVerdict;

    @Test
    void captureSlotsAreNumberedInDeclarationOrder() {
        Loaded loaded = load("""
                    capture request header Host len 4
                    declare capture request len 8
                    http-request capture req.hdr(x-a) len 3
                    http-request capture str(filled) id 1
                    capture response header Server len 5
                    declare capture response len 2
                    http-response capture res.hdr(x) id 1
                """);
        Captures captures = loaded.proxy("fe").rules().captures();
        assertEquals(List.of(new Captures.Slot("Host", 4), new Captures.Slot(null, 8), new Captures.Slot(null, 3)),
                captures.request());
        assertEquals(List.of(new Captures.Slot("Server", 5), new Captures.Slot(null, 2)), captures.response());
        SampleContext context = run(loaded.proxy("fe"), RuleKind.HTTP_REQUEST, "/", "host", "first.example",
                "Host", "last.example", "x-a", "abcdef");
        assertEquals(List.of("last", "filled", "abc"), context.requestCaptures());
    }

    @Test
    void aCaptureIdThatIsNeverDeclaredIsAnError() {
        Loaded loaded = load("    http-request capture req.hdr(x) id 3\n");
        assertTrue(loaded.alerts().contains("config : Proxy 'fe': unable to find capture id '3' referenced by "
                + "http-request capture rule."), loaded.alerts().toString());
    }

    @Test
    void streamSettingsAreSetByRulesAndResetPerExchange() {
        Loaded loaded = load("""
                    http-request set-timeout server 2s
                    http-request set-timeout tunnel int(1500)
                    http-request set-timeout client 3s
                    http-request set-log-level err
                    http-request set-log-level silent if { path /quiet }
                    http-request set-priority-class int(5000)
                    http-request set-priority-offset int(-10)
                """);
        ProxyConfig proxy = loaded.proxy("fe");
        StreamSettings settings = run(proxy, RuleKind.HTTP_REQUEST, "/").settings();
        assertEquals(2000, settings.serverTimeout().getAsLong());
        assertEquals(1500, settings.tunnelTimeout().getAsLong());
        assertEquals(3000, settings.clientTimeout().getAsLong());
        assertEquals(3, settings.logLevel().orElseThrow());
        assertEquals(2047, settings.priorityClass());
        assertEquals(-10, settings.priorityOffset());
        assertEquals(StreamSettings.SILENT, run(proxy, RuleKind.HTTP_REQUEST, "/quiet").settings().logLevel().orElseThrow());
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.contains("set-priority")), loaded.warnings().toString());
    }

    @Test
    void setTimeoutNeedsTheRightSide() {
        Loaded loaded = fixture.load(ConfigFixture.TIMEOUTS + "frontend fe\n    mode http\n    bind 127.0.0.1:18080\n"
                + "    http-request set-timeout server 1s\n");
        assertTrue(loaded.alerts().getFirst().endsWith("'set-timeout server' : frontend 'fe' has no backend capability."),
                loaded.alerts().toString());
    }

    @Test
    void addressesChangeWhatSrcAndDstReport() {
        Loaded loaded = load("""
                    http-request set-src hdr(x-real-ip)
                    http-request set-dst-port int(8080)
                """);
        SampleContext context = run(loaded.proxy("fe"), RuleKind.HTTP_REQUEST, "/", "x-real-ip", "2001:db8::1");
        assertEquals(new InetSocketAddress("2001:db8::1", 40000), context.source().orElseThrow());
        assertEquals(new InetSocketAddress("192.0.2.1", 8080), context.destination().orElseThrow());
        assertEquals(new InetSocketAddress("192.0.2.7", 40000), context.connectionSource().orElseThrow());
    }

    @Test
    void strictNormalizationAnswers400() {
        Loaded loaded = load("    http-request normalize-uri percent-to-uppercase strict\n");
        SampleContext context = run(loaded.proxy("fe"), RuleKind.HTTP_REQUEST, "/%6f");
        assertEquals("/%6F", context.request().orElseThrow().target());
        run(loaded.proxy("fe"), RuleKind.HTTP_REQUEST, "/%zz");
        assertEquals(400, ((Verdict.Respond) lastVerdict).status());
    }

    @Test
    void badActionArgumentsAreRefused() {
        assertTrue(load("    http-request normalize-uri path-merge-slashes full\n").alerts().getFirst()
                .contains("unexpected argument 'full'"));
        assertTrue(load("    http-request normalize-uri bogus\n").alerts().getFirst()
                .contains("unknown normalizer 'bogus'"));
        assertTrue(load("    http-request set-log-level loud\n").alerts().getFirst().contains("unknown level 'loud'"));
        assertTrue(load("    http-request wait-for-body at-least 1k\n").alerts().getFirst()
                .contains("'time' is mandatory"));
    }

    @Test
    void useServerAndMonitorAreKept() {
        Loaded loaded = load("""
                    monitor-uri /alive
                    monitor fail if { nbsrv(fe) lt 1 }
                    use-server s2 if { path /two }
                """);
        ProxyConfig proxy = loaded.proxy("fe");
        assertEquals("/alive", proxy.rules().monitor().orElseThrow().uri());
        assertEquals(1, proxy.rules().monitor().orElseThrow().failConditions().size());
        assertEquals(1, proxy.rules().serverRules().size());
        assertTrue(load("    use-server nope if TRUE\n").alerts().contains("config : proxy 'fe' : unable to find "
                + "server 'nope' referenced in a 'use-server' rule."));
    }

    @Test
    void errorfilesRepliesAreCheckedAgainstTheSections() throws Exception {
        Path file = fixture.write("403.http", "HTTP/1.0 403 Forbidden\r\ncontent-length: 2\r\n\r\nno");
        String sections = "http-errors errs\n    errorfile 403 " + file + "\n";
        Loaded loaded = fixture.load(sections + ConfigFixture.TIMEOUTS + "frontend fe\n    mode http\n    bind 127.0.0.1:18080\n"
                + "    http-request return status 404 errorfiles errs\n");
        assertEquals(List.of("config : Proxy 'fe': status '404' referenced by an http reply not declared in http-errors "
                + "section 'errs'."), loaded.warnings());
        Loaded unknown = fixture.load(sections + ConfigFixture.TIMEOUTS + "frontend fe\n    mode http\n    bind 127.0.0.1:18080\n"
                + "    http-request deny errorfiles nope\n");
        assertTrue(unknown.alerts().contains("config : Proxy 'fe': unknown http-errors section 'nope' referenced by an "
                + "http reply ."), unknown.alerts().toString());
    }

    @Test
    void requestInspectDelayIsAcceptedAndOnlyTheResponseOneWarns() {
        Loaded loaded = fixture.load(ConfigFixture.TIMEOUTS + "listen fe\n    bind 127.0.0.1:18080\n    tcp-request inspect-delay 5s\n"
                + "    tcp-request content reject if { req.len lt 4 }\n    server s1 127.0.0.1:1\n");
        assertEquals(List.of(), loaded.warnings());
        Loaded response = fixture.load(ConfigFixture.TIMEOUTS + "listen fe\n    bind 127.0.0.1:18080\n"
                + "    tcp-response inspect-delay 5s\n    server s1 127.0.0.1:1\n");
        assertTrue(response.warnings().getFirst().contains("'tcp-response inspect-delay' has no effect in Shuttle"),
                response.warnings().toString());
    }
}
