package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.CheckConnect;
import dev.shuttle.config.HttpCheckRule;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.lang.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks over TLS ({@code check-ssl}, {@code no-check-ssl}, {@code check-sni}, {@code check-alpn},
 * {@code [no-]check-sni-auto}) and the options of {@code tcp-check connect} / {@code http-check connect}.
 */
class TlsCheckOptionsTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private ServerConfig server(String defaults, String options) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n" + defaults + "    server a 127.0.0.1:443 " + options + "\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        assertEquals(List.of(), loaded.warnings());
        return loaded.proxy("be").servers().getFirst();
    }

    private void assertAlert(String lines, int line, String expected) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n" + lines);
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals(loaded.at(line) + expected, loaded.alerts().getFirst());
    }

    /** configuration.txt "ssl": checks follow the traffic's TLS unless a port or addr sends them elsewhere. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|check verify none|false",
        "|check ssl verify none|true",
        "|check ssl verify none port 80|false",
        "|check ssl verify none addr 127.0.0.2|false",
        "|check ssl verify none port 80 check-ssl|true",
        "|check check-ssl verify none|true",
        "|check ssl no-check-ssl verify none|false",
        "default-server no-check-ssl|check ssl verify none|false",
        "default-server no-check-ssl|check ssl check-ssl verify none|true",
        "default-server check-ssl|check no-check-ssl verify none|false"})
    void whenChecksUseTls(String defaults, String options, boolean tls) {
        String before = defaults == null ? "" : "    " + defaults + "\n";
        assertEquals(tls, server(before, options).checksUseTls());
    }

    /**
     * After {@code set server ... ssl on|off} (3.5's srv_set_ssl()): checks to the server's own address
     * follow its traffic's TLS unless {@code check-ssl} or {@code no-check-ssl} decided them.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "check ssl verify none|false|false",
        "check verify none check-ssl|false|true",
        "check ssl verify none port 80|true|false",
        "check ssl verify none no-check-ssl|true|false",
        "check check-ssl verify none|true|true"})
    void checksFollowTheTrafficsTlsAtRunTime(String options, boolean trafficTls, boolean tls) {
        assertEquals(tls, server("", options).checksUseTls(trafficTls));
    }

    @Test
    void theCheckTlsSettingsAreKeptWithoutWarning() {
        ServerConfig server = server("", "check check-ssl verify none check-sni www.test check-alpn http/1.1,http/1.0 "
                + "no-check-sni-auto");
        assertEquals(Optional.of("www.test"), server.tls().checkSni());
        assertEquals(Optional.of(List.of("http/1.1", "http/1.0")), server.tls().checkAlpn());
        assertFalse(server.tls().checkSniAuto());
        assertTrue(server("    default-server no-check-sni-auto\n", "check check-ssl verify none check-sni-auto")
                .tls().checkSniAuto());
    }

    @Test
    void httpChecksOfferNoProtocolTheyDoNotSpeak() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    option httpchk\n"
                + "    server a 127.0.0.1:443 check check-ssl verify none check-alpn h3,h2,http/1.1\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        assertEquals(Optional.of(List.of("h2", "http/1.1")), loaded.proxy("be").servers().getFirst().tls().checkAlpn());
        assertEquals(List.of("config : 'check-alpn' of 'server be/a' at [" + loaded.at(7)
                .substring("config : parsing [".length(), loaded.at(7).length() - "] : ".length()) + "] offers 'h3', "
                + "which Shuttle's HTTP checks do not speak yet (HTTP/1.1 and HTTP/2): it is not offered."),
                loaded.warnings());
        Loaded connect = fixture.load(TIMEOUTS + "backend be\n    option httpchk\n"
                + "    http-check connect ssl alpn h2,http/1.1\n    http-check send uri /\n"
                + "    server a 127.0.0.1:443 check verify none\n");
        assertEquals(new HttpCheckRule.Connect(new CheckConnect(false, 0, Optional.empty(), 0, false, true,
                Optional.empty(), Optional.of(List.of("http/1.1")), false, false)),
                connect.proxy("be").checks().httpSequence().getFirst());
        assertEquals(List.of(connect.at(7) + "'http-check connect' : 'alpn' offers 'h2', "
                + "which Shuttle's HTTP checks do not speak yet (HTTP/1.1): it is not offered."), connect.warnings());
    }

    @Test
    void aCheckOverTlsNeedsACaFileAsTheTrafficDoes() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    server a 127.0.0.1:443 check check-ssl\n");
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals("config : [" + loaded.at(6).substring("config : parsing [".length()) + "'server be/a' : verify is enabled by default "
                + "but no CA file specified. If you're running on a LAN where you're certain to trust the server's "
                + "certificate, please set an explicit 'verify none' statement on the 'server' line, or use "
                + "'ssl-server-verify none' in the global section to disable server-side verifications by default.",
                loaded.alerts().getFirst());
    }

    @Test
    void everyConnectOptionIsRead() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    option tcp-check\n"
                + "    tcp-check connect addr 127.0.0.2:8443 ssl sni www.test alpn h2,http/1.1 send-proxy linger "
                + "proto none comment \"tls side\"\n"
                + "    tcp-check connect default port 81\n"
                + "    server a 127.0.0.1:443 check verify none\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        assertEquals(List.of(
                new TcpCheckRule.Connect(new CheckConnect(false, 0, Optional.of("127.0.0.2"), 8443, true, true,
                        Optional.of("www.test"), Optional.of(List.of("h2", "http/1.1")), true, false)),
                new TcpCheckRule.Connect(new CheckConnect(true, 81, Optional.empty(), 0, false, false, Optional.empty(),
                        Optional.empty(), false, false))), loaded.proxy("be").checks().tcpRules());
        assertTrue(loaded.proxy("be").checks().connectsWithTls());
    }

    @Test
    void httpCheckConnectTakesTheSameOptionsAndProtoH1() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    option httpchk\n"
                + "    http-check connect ssl sni www.test proto h1 addr ::1\n"
                + "    http-check send uri /\n"
                + "    server a 127.0.0.1:443 check verify none\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        assertEquals(new HttpCheckRule.Connect(new CheckConnect(false, 0, Optional.of("::1"), 0, false, true,
                Optional.of("www.test"), Optional.empty(), false, false)),
                loaded.proxy("be").checks().httpSequence().getFirst());
    }

    @Test
    void aServerAddedAtRuntimeIsNotCheckedWhereTheChecksConnectWithTls() throws Exception {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    option tcp-check\n    tcp-check connect ssl\n"
                + "    server a 127.0.0.1:443 check verify none\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        ConfigException refused = assertThrows(ConfigException.class,
                () -> DynamicServers.parse(loaded.proxy("be"), "d", List.of("127.0.0.1:444", "check")));
        assertEquals("the backend's checks connect with 'ssl', which Shuttle cannot do for a server added at runtime "
                + "yet (TLS contexts to servers are made at startup).", refused.getMessage());
        assertEquals("d", DynamicServers.parse(loaded.proxy("be"), "d", List.of("127.0.0.1:444")).name());
    }

    @Test
    void connectOptionsShuttleCannotHonourAreRefused() {
        assertAlert("    http-check connect proto h2\n", 6, "'http-check connect' : 'proto' : 'h2' is not supported "
                + "by Shuttle yet (its health checks speak HTTP/1.1: 'proto h1').");
        assertAlert("    tcp-check connect proto h1\n", 6,
                "'tcp-check connect' : 'proto' : invalid MUX protocol 'h1' for tcp-check");
        assertAlert("    http-check connect proto none\n", 6,
                "'http-check connect' : 'proto' : invalid MUX protocol 'none' for http-check");
        assertAlert("    tcp-check connect proto nosuch\n", 6,
                "'tcp-check connect' : 'proto' : unknown MUX protocol 'nosuch'.");
        assertAlert("    tcp-check connect addr www.test\n", 6, "'tcp-check connect' : 'addr' expects an IPv4 or IPv6 "
                + "address (host names are not supported by Shuttle for checks), got 'www.test'.");
        assertAlert("    tcp-check connect port var(check.port)\n", 6, "'tcp-check connect' : 'port' : a sample "
                + "expression ('var(check.port)') is not supported by Shuttle yet; give a port number.");
        assertAlert("    tcp-check connect port 0\n", 6, "'tcp-check connect' : invalid port '0'.");
        assertAlert("    tcp-check connect sni\n", 6, "'tcp-check connect' : 'sni' expects a string as argument.");
        assertAlert("    tcp-check connect nosuch\n", 6, "'tcp-check connect' : expects 'comment', 'port', 'addr', "
                + "'send-proxy', 'ssl', 'sni', 'alpn' or 'via-socks4', 'linger', 'default' but got 'nosuch' as "
                + "argument.");
    }
}
