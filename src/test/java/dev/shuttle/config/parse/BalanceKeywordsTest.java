package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BalanceParameters;
import dev.shuttle.config.HashType;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ServerHashKey;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code balance}, {@code hash-type}, {@code hash-balance-factor} and server {@code hash-key}: what
 * they set, what a {@code defaults} section passes on, and HAProxy 3.5's messages for mistakes
 * (each checked against {@code haproxy -c} with the same line).
 */
class BalanceKeywordsTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private ProxyConfig backend(String lines) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend b\n    mode http\n" + lines + "\n    server s1 127.0.0.1:1\n");
        assertEquals(List.of(), loaded.alerts());
        return loaded.proxy("b");
    }

    /** The alert for one line, which is line 7 of the file. */
    private String alert(String line) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend b\n    mode http\n    " + line + "\n    server s1 127.0.0.1:1\n");
        assertTrue(loaded.configuration().isEmpty(), line);
        String first = loaded.alerts().getFirst();
        assertTrue(first.startsWith(loaded.at(7)), first);
        return first.substring(loaded.at(7).length());
    }

    @Test
    void algorithmsAndTheirArguments() {
        ProxyConfig uri = backend("    balance uri whole len 20 depth 3 path-only");
        assertEquals(BalanceAlgorithm.URI, uri.balance());
        BalanceParameters p = uri.balancing();
        assertEquals(List.of(true, 20, 3, true), List.of(p.uriWhole(), p.uriLength(), p.uriDepth(), p.uriPathOnly()));
        ProxyConfig param = backend("    balance url_param session check_post");
        assertEquals(BalanceAlgorithm.URL_PARAM, param.balance());
        assertEquals("session", param.balancing().name());
        assertTrue(param.balancing().checkPost());
        ProxyConfig header = backend("    balance hdr(Host) use_domain_only");
        assertEquals(List.of("Host", true), List.of(header.balancing().name(), header.balancing().domainOnly()));
        assertEquals(5, backend("    balance random(5)").balancing().draws());
        assertEquals(2, backend("    balance random").balancing().draws());
        assertEquals(BalanceAlgorithm.RANDOM, backend("    balance").balance(), "no algorithm: random, as HAProxy 3.5");
        assertEquals(BalanceAlgorithm.SOURCE, backend("    balance source").balance());
        ProxyConfig hash = backend("    balance hash req.hdr(x),lower");
        assertEquals("req.hdr(x),lower", hash.balancing().expression().orElseThrow().text());
    }

    @Test
    void hashTypeDefaultsAsHaproxy() {
        assertEquals(HashType.DEFAULT, backend("    balance source").balancing().hashType());
        assertEquals(new HashType(true, HashType.Function.SDBM, true),
                backend("    hash-type consistent").balancing().hashType(), "consistent alone adds the avalanche");
        assertEquals(new HashType(true, HashType.Function.CRC32, false),
                backend("    hash-type consistent crc32").balancing().hashType());
        assertEquals(new HashType(false, HashType.Function.WT6, true),
                backend("    hash-type map-based wt6 avalanche").balancing().hashType());
        assertEquals(150, backend("    hash-balance-factor 150").balancing().balanceFactor());
    }

    @Test
    void aDefaultsSectionPassesAlgorithmHashTypeAndFactorOn() {
        Loaded loaded = fixture.load("""
                defaults
                    mode http
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                    balance url_param id
                    hash-type consistent djb2
                    hash-balance-factor 125
                backend b
                    server s1 127.0.0.1:1
                backend c
                    balance hdr(x)
                    server s1 127.0.0.1:1
                """);
        assertEquals(List.of(), loaded.messages());
        ProxyConfig b = loaded.proxy("b");
        assertEquals(BalanceAlgorithm.URL_PARAM, b.balance());
        assertEquals("id", b.balancing().name());
        assertEquals(new HashType(true, HashType.Function.DJB2, false), b.balancing().hashType());
        ProxyConfig c = loaded.proxy("c");
        assertEquals(BalanceAlgorithm.HDR, c.balance());
        assertEquals("x", c.balancing().name());
        assertEquals(125, c.balancing().balanceFactor(), "its own balance line keeps the inherited hash settings");
    }

    @Test
    void aLayer7HashInATcpBackendFallsBackToRoundRobin() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend b
                    balance uri
                    server s1 127.0.0.1:1
                backend c
                    balance source
                    server s1 127.0.0.1:1
                """);
        assertEquals(List.of("Layer 7 hash not possible for backend 'b' (needs 'mode http'). Falling back to round robin."),
                loaded.warnings());
        assertEquals(BalanceAlgorithm.ROUNDROBIN, loaded.proxy("b").balance());
        assertEquals(BalanceAlgorithm.SOURCE, loaded.proxy("c").balance(), "source needs no HTTP");
    }

    @Test
    void checkPostIsAcceptedWithoutWarningTheBodyIsWaitedFor() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend b
                    mode http
                    balance url_param id check_post
                    server s1 127.0.0.1:1
                """);
        assertEquals(List.of(), loaded.alerts());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void serverHashKey() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend b
                    default-server hash-key addr
                    server s1 127.0.0.1:1
                    server s2 127.0.0.1:2 hash-key addr-port
                    server s3 127.0.0.1:3 hash-key id32
                    server s4 127.0.0.1:4 hash-key id
                """);
        assertEquals(List.of(), loaded.alerts());
        assertEquals(List.of(ServerHashKey.ADDR, ServerHashKey.ADDR_PORT, ServerHashKey.ID32, ServerHashKey.ID),
                loaded.proxy("b").servers().stream().map(s -> s.hashKey()).toList());
    }

    @Test
    void mistakesGetHaproxysMessages() {
        assertEquals("balance uri : 'len' expects a positive integer (got '0').", alert("balance uri len 0"));
        assertEquals("balance uri only accepts parameters 'len', 'depth', 'path-only', and 'whole' (got 'foo').",
                alert("balance uri foo"));
        assertEquals("balance random : number of draws must be at least 1.", alert("balance random(0)"));
        assertEquals("balance random : missing closing parenthesis.", alert("balance random(2"));
        assertEquals("balance random : unexpected character 'x' after argument.", alert("balance random(2x)"));
        assertEquals("balance url_param requires an URL parameter name.", alert("balance url_param"));
        assertEquals("balance url_param only accepts 'check_post' modifier (got 'foo').", alert("balance url_param id foo"));
        assertEquals("balance hdr requires an http header field name.", alert("balance hdr()"));
        assertEquals("balance hdr(host) only accepts 'use_domain_only' modifier (got 'x').", alert("balance hdr(host) x"));
        assertEquals("balance hash requires a sample expression.", alert("balance hash"));
        assertEquals("balance hash takes no other argument (got 'foo').", alert("balance hash src foo"));
        assertEquals("balance rdp-cookie : missing cookie name.", alert("balance rdp-cookie("));
        assertEquals("balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', "
                + "'hash', 'hdr(name)', 'rdp-cookie(name)', 'log-hash' and 'sticky' options.", alert("balance foo"));
        assertEquals("'hash-type' only supports 'consistent' and 'map-based'.", alert("hash-type foo"));
        assertEquals("'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.",
                alert("hash-type map-based md5"));
        assertEquals("'hash-type' only supports 'avalanche' as a modifier for hash functions.",
                alert("hash-type consistent sdbm foo"));
        assertEquals("'hash-balance-factor' must be 0 or greater than 100.", alert("hash-balance-factor 50"));
        assertEquals("'hash-balance-factor' expects an integer argument.", alert("hash-balance-factor"));
        assertTrue(alert("balance hash nosuchfetch").startsWith("failed to parse 'balance hash' expression 'nosuchfetch'"));
        assertTrue(alert("balance hash res.hdr(x)").startsWith("error detected while parsing 'balance hash' expression"));
    }
}
