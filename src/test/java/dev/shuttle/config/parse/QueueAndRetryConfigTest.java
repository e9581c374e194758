package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.RetryOn;
import dev.shuttle.config.RetryPolicy;
import dev.shuttle.config.ServerQueueing;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code minconn}, {@code maxqueue}, {@code fullconn}, {@code retry-on} and {@code option redispatch
 * [<interval>]} (configuration.txt §4.2, §5.2); the alerts are HAProxy 3.5's words, checked with
 * {@code haproxy -c}.
 */
class QueueAndRetryConfigTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private ProxyConfig backend(String text) {
        Loaded loaded = fixture.load(TIMEOUTS + text);
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        return loaded.proxy("be");
    }

    @Test
    void serverQueueingOptionsAreReadAndInherited() {
        ProxyConfig be = backend("""
                backend be
                    default-server maxqueue 7
                    server a 127.0.0.1:1 minconn 2 maxconn 9
                    server b 127.0.0.1:1 maxqueue 0
                """);
        assertEquals(new ServerQueueing(2, 7), be.servers().get(0).queueing());
        assertEquals(new ServerQueueing(0, 0), be.servers().get(1).queueing());
    }

    @Test
    void fullconnIsTenPercentOfTheRoutingFrontendsMaxconnsUnlessGiven() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend f1
                    bind 127.0.0.1:1
                    maxconn 1000
                    default_backend be
                    use_backend be if { path /x }
                frontend f2
                    bind 127.0.0.1:1
                    maxconn 201
                    use_backend be if { path /y }
                    use_backend other
                frontend f3
                    bind 127.0.0.1:1
                    default_backend fixed
                backend be
                    server a 127.0.0.1:1
                backend other
                    server a 127.0.0.1:1
                backend fixed
                    fullconn 33
                    server a 127.0.0.1:1
                backend lonely
                    server a 127.0.0.1:1
                listen li
                    bind 127.0.0.1:1
                    maxconn 50
                    server a 127.0.0.1:1
                """);
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        assertEquals(121, loaded.proxy("be").fullconn());     // (1000 + 201 + 9) / 10
        assertEquals(21, loaded.proxy("other").fullconn());   // (201 + 9) / 10
        assertEquals(33, loaded.proxy("fixed").fullconn());
        assertEquals(1, loaded.proxy("lonely").fullconn());   // no frontend: at least 1
        assertEquals(5, loaded.proxy("li").fullconn());       // a listen section counts itself
    }

    @Test
    void retryOnDefaultsToConnectionFailuresAndReplacesThemWhenGiven() {
        assertEquals(Set.of(RetryOn.CONN_FAILURE), backend("backend be\n    server a 127.0.0.1:1\n")
                .retryPolicy().retryOn());
        assertEquals(Set.of(), backend("backend be\n    retry-on none\n    server a 127.0.0.1:1\n")
                .retryPolicy().retryOn());
        assertEquals(EnumSet.of(RetryOn.STATUS_404, RetryOn.EMPTY_RESPONSE),
                backend("backend be\n    retry-on 404 empty-response\n    server a 127.0.0.1:1\n").retryPolicy().retryOn());
        Set<RetryOn> all = backend("defaults\n    retry-on all-retryable-errors 401\nbackend be\n    server a 127.0.0.1:1\n")
                .retryPolicy().retryOn();
        assertTrue(all.containsAll(RetryOn.ALL_RETRYABLE_ERRORS) && all.contains(RetryOn.STATUS_401));
        assertFalse(all.contains(RetryOn.STATUS_501) || all.contains(RetryOn.STATUS_404));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "retry-on|'retry-on' needs at least one keyword to specify when to retry",
        "retry-on none 404|'retry-on' 'none' keyword only usable alone",
        "retry-on 404 none|'retry-on' 'none' keyword only usable alone",
        "retry-on all|'retry-on': unknown keyword 'all'",
        "retry-on 404 bogus|'retry-on': unknown keyword 'bogus'"})
    void badRetryOnLinesAreRefusedInHaproxysWords(String line, String alert) {
        Loaded loaded = fixture.load("backend be\n    " + line + "\n    server a 127.0.0.1:1\n");
        assertTrue(loaded.configuration().isEmpty());
        assertEquals(loaded.at(2) + alert, loaded.alerts().getFirst());
    }

    @Test
    void retryOnInAFrontendIsRefused() {
        Loaded loaded = fixture.load("frontend fe\n    bind 127.0.0.1:1\n    retry-on 404\n");
        assertEquals(loaded.at(3) + "'retry-on' only available in backend or listen section", loaded.alerts().getFirst());
    }

    @ParameterizedTest
    @CsvSource({"'option redispatch',-1,true", "'option redispatch 2',2,true", "'option redispatch -2',-2,true",
        "'option redispatch 0',0,false", "'no option redispatch',0,false", "'option redispatch x',0,false"})
    void redispatchTakesAnInterval(String line, int interval, boolean on) {
        ProxyConfig be = backend("defaults\n    option redispatch\nbackend be\n    " + line + "\n    server a 127.0.0.1:1\n");
        assertEquals(interval, be.retryPolicy().redispatchInterval());
        assertEquals(on, be.isOptionSet("redispatch"));
    }

    @Test
    void theRedispatchIntervalPicksTheRetriesThatMove() {
        // retries 3: -1 the last one, -2 the second (3 + 1 - 2 = 2), 1 every one, 2 every other one
        assertEquals(List.of(false, false, true), moves(-1, 3));
        assertEquals(List.of(false, true, false), moves(-2, 3));
        assertEquals(List.of(true, true, true), moves(1, 3));
        assertEquals(List.of(false, true, false), moves(2, 3));
        assertEquals(List.of(false, false, false), moves(0, 3));
        assertEquals(List.of(false, false, false), moves(-4, 3)); // a period of 0: never
    }

    private static List<Boolean> moves(int interval, int retries) {
        RetryPolicy policy = new RetryPolicy(Set.of(), interval);
        return java.util.stream.IntStream.rangeClosed(1, retries).mapToObj(r -> policy.redispatchesOn(r, retries)).toList();
    }
}
