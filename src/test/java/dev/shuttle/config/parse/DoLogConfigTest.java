package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.LogStep;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code do-log [profile <name>]} in every rule set that takes it (configuration.txt, "do-log"),
 * with HAProxy 3.5's messages (checked live) for a missing or unknown profile.
 */
class DoLogConfigTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Loaded load(String text) {
        return fixture.load(text);
    }

    /** Runs {@code kind}'s rules of {@code proxy} and returns each step (and profile) a do-log asked for. */
    private static List<String> steps(ProxyConfig proxy, RuleKind kind) {
        SampleContext context = new SampleContext(proxy, new InetSocketAddress("192.0.2.7", 40000),
                new InetSocketAddress("192.0.2.1", 80), "", VariableStore.shared());
        List<String> asked = new ArrayList<>();
        context.stepLogger((step, profile) -> asked.add(step + profile.map(name -> "/" + name).orElse("")));
        context.phase(kind.phase());
        proxy.rules().of(kind).evaluate(context);
        return asked;
    }

    @Test
    void everyRuleSetLogsAtItsOwnStep() {
        Loaded loaded = load(ConfigFixture.TIMEOUTS + """
                log-profile p
                    on tcp-req-conn format "conn %ci"
                frontend fe
                    mode tcp
                    bind 127.0.0.1:18080
                    tcp-request connection do-log
                    tcp-request connection do-log profile p
                    tcp-request session do-log profile p
                    tcp-request content do-log
                    default_backend be
                backend be
                    mode tcp
                    tcp-response content do-log
                    server s1 127.0.0.1:1
                """);
        assertEquals(List.of(), loaded.alerts());
        ProxyConfig fe = loaded.proxy("fe");
        assertEquals(List.of("tcp-req-conn", "tcp-req-conn/p"), steps(fe, RuleKind.TCP_REQUEST_CONNECTION));
        assertEquals(List.of("tcp-req-sess/p"), steps(fe, RuleKind.TCP_REQUEST_SESSION));
        assertEquals(List.of("tcp-req-cont"), steps(fe, RuleKind.TCP_REQUEST_CONTENT));
        assertEquals(List.of("tcp-res-cont"), steps(loaded.proxy("be"), RuleKind.TCP_RESPONSE_CONTENT));
        // The profile the rule names is there at run time, with its step's format.
        assertTrue(fe.logging().profiles().get("p").at(LogStep.TCP_REQ_CONN).isPresent());
    }

    @Test
    void httpRuleSetsTakeAProfileToo() {
        Loaded loaded = load(ConfigFixture.TIMEOUTS + """
                log-profile later
                    on http-req drop
                frontend fe
                    mode http
                    bind 127.0.0.1:18080
                    http-request do-log profile later
                    http-response do-log
                    http-after-response do-log profile later
                """);
        assertEquals(List.of(), loaded.alerts());
        ProxyConfig fe = loaded.proxy("fe");
        assertEquals(List.of("http-req/later"), steps(fe, RuleKind.HTTP_REQUEST));
        assertEquals(List.of("http-res"), steps(fe, RuleKind.HTTP_RESPONSE));
        assertEquals(List.of("http-after-res/later"), steps(fe, RuleKind.HTTP_AFTER_RESPONSE));
    }

    @Test
    void aProfileDeclaredAfterTheRuleIsFound() {
        Loaded loaded = load(ConfigFixture.TIMEOUTS + """
                frontend fe
                    mode http
                    bind 127.0.0.1:18080
                    http-request do-log profile after
                log-profile after
                    on http-req format "x"
                """);
        assertEquals(List.of(), loaded.alerts());
        assertEquals(Optional.of("after"), Optional.of(loaded.proxy("fe").logging().profiles().get("after").name()));
    }

    @Test
    void anUnknownOrMissingProfileIsRefusedAsIn35() {
        Loaded unknown = load(ConfigFixture.TIMEOUTS + """
                frontend fe
                    mode http
                    bind 127.0.0.1:18080
                    http-request do-log profile nope
                """);
        assertEquals(List.of("config : Proxy 'fe': do-log action: profile 'nope' is invalid."), unknown.alerts());
        Loaded missing = load(ConfigFixture.TIMEOUTS + """
                frontend fe
                    mode http
                    bind 127.0.0.1:18080
                    tcp-request connection do-log profile
                """);
        assertTrue(missing.alerts().getFirst().startsWith(missing.at(8)), missing.alerts().toString());
        assertTrue(missing.alerts().getFirst().contains("action 'do-log': 'profile' expects argument."),
                missing.alerts().toString());
    }
}
