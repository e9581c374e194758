package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.Socks4Settings;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.net.Address;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How server connections are made: {@code source}, and the {@code set-bc-*} actions (issue 20). */
class ServerConnectionConfigTest {
    @TempDir
    Path directory;

    private Loaded load(String text) {
        return new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS + text);
    }

    private static ServerConfig server(Loaded loaded, String backend, String name) {
        return loaded.proxy(backend).servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertAlert(Loaded loaded, String text) {
        assertTrue(loaded.alerts().stream().anyMatch(alert -> alert.contains(text)), loaded.alerts().toString());
    }

    @Test
    void aServersSourceOverridesItsBackendsWhereverTheBackendDeclaresIt() {
        Loaded loaded = load("""
                backend be
                    server a 127.0.0.1:80
                    server b 127.0.0.1:81 source 127.0.0.3:0
                    source 127.0.0.2
                backend plain
                    server c 127.0.0.1:80
                """);
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertEquals(Optional.of(new Address.Inet("127.0.0.2", 0, Address.Family.ANY)),
                server(loaded, "be", "a").pooling().source());
        assertEquals(Optional.of(new Address.Inet("127.0.0.3", 0, Address.Family.ANY)),
                server(loaded, "be", "b").pooling().source());
        assertEquals(Optional.empty(), server(loaded, "plain", "c").pooling().source());
    }

    @Test
    void aDefaultsSectionsSourceIsInherited() {
        Loaded loaded = load("""
                defaults
                    source 127.0.0.4:0
                backend be
                    server a 127.0.0.1:80
                """);
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertEquals("127.0.0.4", server(loaded, "be", "a").pooling().source().orElseThrow().host());
    }

    @Test
    void whatTheJdkCannotSetIsRefusedByName() {
        assertAlert(load("backend be\n    source 127.0.0.1 usesrc clientip\n"), "'usesrc' is not supported by Shuttle");
        assertAlert(load("backend be\n    server a 127.0.0.1:80 source 0.0.0.0 usesrc client\n"),
                "'usesrc' is not supported by Shuttle: a transparent source address needs IP_TRANSPARENT");
        assertAlert(load("backend be\n    server a 127.0.0.1:80 usesrc client\n"), "'usesrc' is not supported");
        assertAlert(load("backend be\n    source 127.0.0.1 interface eth0\n"), "SO_BINDTODEVICE");
        assertAlert(load("backend be\n    source 127.0.0.1:1024-2048\n"), "port ranges are not supported");
        assertAlert(load("backend be\n    server a 127.0.0.1:80 source unix@/tmp/x\n"), "expects an IPv4 or IPv6");
        assertAlert(load("backend be\n    mode http\n    http-request set-bc-mark 5\n    server a 127.0.0.1:80\n"),
                "'set-bc-mark' is not supported by Shuttle: the mark is the socket option SO_MARK");
    }

    @Test
    void setBcTosTakesANumberOrAnExpressionInRequestRules() {
        Loaded loaded = load("""
                backend be
                    mode http
                    http-request set-bc-tos 0x20
                    http-request set-bc-tos req.hdr(tos),add(0)
                    tcp-request content set-bc-tos 8
                    server a 127.0.0.1:80
                """);
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertAlert(load("backend be\n    mode http\n    http-response set-bc-tos 1\n    server a 127.0.0.1:80\n"),
                "set-bc-tos");
    }

    @Test
    void idlePoolSharingIsAcceptedWithANoticeAndIdleCloseOnResponseIsAFrontendOption() {
        Loaded loaded = new ConfigFixture(directory).load("global\n    tune.idle-pool.shared off\n"
                + ConfigFixture.TIMEOUTS + "frontend fe\n    mode http\n    bind :8080\n"
                + "    option idle-close-on-response\n");
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertTrue(loaded.notices().stream().anyMatch(notice -> notice.contains("one idle pool that every thread")),
                loaded.notices().toString());
        assertTrue(loaded.proxy("fe").isOptionSet("idle-close-on-response"));
        assertAlert(new ConfigFixture(directory).load("global\n    tune.idle-pool.shared maybe\n"),
                "expects 'full', 'on' or 'off'");
    }

    @Test
    void socks4NamesTheProxyAndCheckViaSocks4SendsTheChecksThroughIt() {
        Loaded loaded = load("""
                defaults
                    default-server check-via-socks4
                backend be
                    server a 127.0.0.1:80 socks4 127.0.0.1:1080
                    server b 127.0.0.1:81 socks4 localhost:1081 check
                    server c 127.0.0.1:82
                """);
        Loaded plain = load("""
                backend be
                    server a 127.0.0.1:80 socks4 127.0.0.1:1080 check
                """);
        assertEquals(new Socks4Settings(Optional.of(new Address.Inet("127.0.0.1", 1080, Address.Family.ANY)), false),
                server(plain, "be", "a").pooling().socks4());
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertTrue(server(loaded, "be", "a").pooling().socks4().checksViaProxy());
        assertEquals(Socks4Settings.NONE.proxy(), server(loaded, "be", "c").pooling().socks4().proxy());
        assertEquals(false, server(loaded, "be", "c").pooling().socks4().checksViaProxy());
    }

    @Test
    void socks4NeedsAnAddressWithAPort() {
        assertAlert(load("backend be\n    server a 127.0.0.1:80 socks4\n"),
                "'server be/a' : 'socks4' expects <addr>:<port> as argument..");
        assertAlert(load("backend be\n    server a 127.0.0.1:80 socks4 127.0.0.1\n"),
                "'server be/a' : 'socks4 127.0.0.1' : missing port specification in '127.0.0.1'.");
    }
}
