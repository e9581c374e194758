package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http-request strict-mode { on | off }} (configuration.txt §4.3): a failed rewrite (here a
 * {@code set-uri} to an absolute URI without an authority) ends the rule set with a 500 under
 * {@code on}, the default, and is let go under {@code off}; each evaluation starts strict. Parse
 * errors are HAProxy 3.5's texts.
 */
class StrictModeConfigTest {
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

    private static SampleContext context(ProxyConfig proxy, String target) {
        SampleContext context = new SampleContext(proxy, new InetSocketAddress("192.0.2.7", 40000),
                new InetSocketAddress("192.0.2.1", 80), "", VariableStore.shared());
        context.beginExchange(new RequestHead("GET", target, HttpVersion.HTTP_1_1, new HeaderList()));
        context.phase(RuleKind.HTTP_REQUEST.phase());
        return context;
    }

    @Test
    void aFailedRewriteIsAnInternalErrorByDefault() {
        ProxyConfig proxy = load("    http-request set-uri http:///x\n    http-request set-header x-after 1\n").proxy("fe");
        SampleContext context = context(proxy, "/");
        Verdict verdict = proxy.rules().of(RuleKind.HTTP_REQUEST).evaluate(context);
        Verdict.Respond reply = assertInstanceOf(Verdict.Respond.class, verdict);
        assertEquals(500, reply.status());
        assertEquals(1, context.rewriteFailures().total());
        assertTrue(context.rewriteFailures().hasEndedExchange());
        assertTrue(context.request().orElseThrow().headers().all("x-after").isEmpty(), "no rule runs after it");
    }

    @Test
    void offLetsTheFailureGoAndTheNextEvaluationIsStrictAgain() {
        ProxyConfig proxy = load("""
                    http-request strict-mode off if { path /lax }
                    http-request set-uri http://user@/x if { path /lax } || { path /strict }
                    http-request set-uri /ok if { path /fine }
                    http-request set-uri "*" if { path /star }
                """).proxy("fe");
        SampleContext lax = context(proxy, "/lax");
        assertEquals(Verdict.CONTINUE, proxy.rules().of(RuleKind.HTTP_REQUEST).evaluate(lax));
        assertEquals("http://user@/x", lax.request().orElseThrow().target(), "the target stays rewritten");
        assertEquals(1, lax.rewriteFailures().total());
        SampleContext strict = context(proxy, "/strict");
        assertInstanceOf(Verdict.Respond.class, proxy.rules().of(RuleKind.HTTP_REQUEST).evaluate(strict));
        for (String target : new String[] {"/fine", "/star"}) {
            SampleContext fine = context(proxy, target);
            assertEquals(Verdict.CONTINUE, proxy.rules().of(RuleKind.HTTP_REQUEST).evaluate(fine));
            assertEquals(0, fine.rewriteFailures().total(), target);
        }
    }

    @Test
    void replaceUriFailsTheSameWayAndAnAuthorityIsEnough() {
        ProxyConfig proxy = load("""
                    http-request replace-uri ^/a$ ?only-a-query if { path /a }
                    http-request replace-uri ^/b$ http://example.com if { path /b }
                """).proxy("fe");
        assertInstanceOf(Verdict.Respond.class, proxy.rules().of(RuleKind.HTTP_REQUEST).evaluate(context(proxy, "/a")));
        SampleContext withAuthority = context(proxy, "/b");
        assertEquals(Verdict.CONTINUE, proxy.rules().of(RuleKind.HTTP_REQUEST).evaluate(withAuthority));
        assertEquals(0, withAuthority.rewriteFailures().total());
    }

    @Test
    void itsArgumentIsOnOrOffInAnyCase() {
        assertTrue(load("    http-request strict-mode OFF\n    http-response strict-mode on\n"
                + "    http-after-response strict-mode off\n").alerts().isEmpty());
        assertTrue(load("    http-request strict-mode\n").alerts().getFirst().contains("expects exactly 1 arguments"),
                "missing");
        assertTrue(load("    http-request strict-mode maybe\n").alerts().getFirst()
                .contains("Unexpected value 'maybe'. Only 'on' and 'off' are supported"));
    }
}
