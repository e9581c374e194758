package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.CheckConnect;
import dev.shuttle.config.CheckInitState;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.config.HttpCheckRule;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** option httpchk, http-check and the server check options: what loads, what is refused and how. */
class HealthCheckKeywordsTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private HealthCheckConfig checks(String lines) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n" + lines + "    server a 127.0.0.1:1 check\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        return loaded.proxy("be").checks();
    }

    private void assertAlert(String text, int line, String expected) {
        Loaded loaded = fixture.load(text);
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals(loaded.placeOf(text, line) + expected, loaded.alerts().getFirst());
    }

    @Test
    void withoutOptionsChecksAreTcpConnects() {
        assertEquals(HealthCheckConfig.TCP, checks(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "option httpchk|OPTIONS|/|HTTP/1.0|",
        "option httpchk /health|OPTIONS|/health|HTTP/1.0|",
        "option httpchk GET /x|GET|/x|HTTP/1.0|",
        "option httpchk HEAD /y HTTP/1.1|HEAD|/y|HTTP/1.1|",
        "option httpchk GET /z HTTP/1.1 www.example.com|GET|/z|HTTP/1.1|www.example.com"})
    void everyFormOfOptionHttpchk(String line, String method, String uri, String version, String host) {
        HttpCheckRequest request = checks("    " + line + "\n").request();
        assertEquals(new HttpCheckRequest(method, uri, version, Optional.ofNullable(host), List.of(), ""), request);
    }

    @Test
    void httpCheckSendExpectAndFlags() {
        HealthCheckConfig config = checks("""
                    option httpchk
                    http-check send meth GET uri /ready ver HTTP/1.1 hdr Host example.com hdr X-Check 1 body "ping"
                    http-check expect status 200-299
                    http-check expect ! string maintenance
                    http-check expect rstatus ^2
                    http-check disable-on-404
                    http-check send-state
                    http-check comment "the checks"
                """);
        assertEquals(HealthCheckConfig.Kind.HTTP, config.kind());
        assertEquals(new HttpCheckRequest("GET", "/ready", "HTTP/1.1", Optional.empty(),
                List.of(new HttpCheckRequest.Header("Host", "example.com"), new HttpCheckRequest.Header("X-Check", "1")),
                "ping"), config.request());
        assertEquals(List.of(new HttpCheckExpect(HttpCheckExpect.Match.STATUS, false, "200-299"),
                new HttpCheckExpect(HttpCheckExpect.Match.STRING, true, "maintenance"),
                new HttpCheckExpect(HttpCheckExpect.Match.RSTATUS, false, "^2")), config.expects());
        assertTrue(config.disableOn404());
        assertTrue(config.sendState());
    }

    @Test
    void anHttpCheckSequenceKeepsItsRulesInOrderWithEachRequestOverTheOptions() {
        HealthCheckConfig config = checks("""
                    option httpchk GET /default HTTP/1.1
                    http-check comment "two services"
                    http-check connect
                    http-check send uri /one
                    http-check expect status 200
                    http-check connect port 8080 default
                    http-check send meth HEAD hdr X-A b
                    http-check expect string ok
                """);
        HttpCheckRequest one = new HttpCheckRequest("GET", "/one", "HTTP/1.1", Optional.empty(), List.of(), "");
        HttpCheckRequest two = new HttpCheckRequest("HEAD", "/default", "HTTP/1.1", Optional.empty(),
                List.of(new HttpCheckRequest.Header("X-A", "b")), "");
        assertEquals(List.of(new HttpCheckRule.Comment("two services"), new HttpCheckRule.Connect(0),
                new HttpCheckRule.Send(one),
                new HttpCheckRule.Expect(new HttpCheckExpect(HttpCheckExpect.Match.STATUS, false, "200")),
                new HttpCheckRule.Connect(new CheckConnect(true, 8080, Optional.empty(), 0, false, false,
                        Optional.empty(), Optional.empty(), false, false)), new HttpCheckRule.Send(two),
                new HttpCheckRule.Expect(new HttpCheckExpect(HttpCheckExpect.Match.STRING, false, "ok"))),
                config.httpSequence());
    }

    @Test
    void aBackendInheritsItsDefaultsChecks() {
        Loaded loaded = fixture.load(TIMEOUTS.replace("defaults\n", "defaults\n    option httpchk GET /d\n")
                + "backend be\n    server a 127.0.0.1:1 check\n");
        assertEquals("/d", loaded.proxy("be").checks().request().uri(), loaded.messages().toString());
    }

    @Test
    void serverCheckOptions() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend be
                    default-server inter 3s rise 4
                    server a 127.0.0.1:1 check fastinter 500 downinter 10s fall 5 port 8080 addr 127.0.0.2 init-state fully-down
                """);
        var check = loaded.proxy("be").servers().getFirst().check();
        assertEquals(3000, check.interMillis());
        assertEquals(500, check.fastinterMillis());
        assertEquals(10000, check.downinterMillis());
        assertEquals(4, check.rise());
        assertEquals(5, check.fall());
        assertEquals(8080, check.port());
        assertEquals(Optional.of("127.0.0.2"), check.address());
        assertEquals(CheckInitState.FULLY_DOWN, check.initState());
    }

    @Test
    void tcpCheckRules() {
        HealthCheckConfig config = checks("""
                    option tcp-check
                    tcp-check comment "greeting"
                    tcp-check connect port 6379 comment "redis"
                    tcp-check send PING\\r\\n
                    tcp-check send-binary 0001ff comment bytes
                    tcp-check expect ! string -ERR
                    tcp-check expect rstring ^\\+PONG
                    tcp-check expect binary 0a0B
                """);
        assertEquals(HealthCheckConfig.Kind.TCP_RULES, config.kind());
        assertEquals(List.of(new TcpCheckRule.Comment("greeting"), new TcpCheckRule.Connect(6379),
                new TcpCheckRule.Send("PING\r\n"), new TcpCheckRule.Send("\u0000\u0001\u00ff"),
                new TcpCheckRule.Expect(TcpCheckRule.Expect.Match.STRING, true, "-ERR"),
                new TcpCheckRule.Expect(TcpCheckRule.Expect.Match.RSTRING, false, "^\\+PONG"),
                new TcpCheckRule.Expect(TcpCheckRule.Expect.Match.BINARY, false, "\n\u000b")), config.tcpRules());
    }

    @Test
    void tcpCheckRulesWithoutTheOptionAreIgnoredWithHaproxysWarning() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    tcp-check send x\n    server a 127.0.0.1:1 check\n");
        assertEquals(List.of("backend 'be' uses tcp-check rules without 'option tcp-check', so the rules are ignored."),
                loaded.warnings());
    }

    @Test
    void tcpCheckWordsNotBuiltAreRefused() {
        assertAlert(TIMEOUTS + "backend be\n    tcp-check send-lf %zz\n", 6,
                "no such format alias 'zz'. If you wanted to emit the '%' character verbatim, you need to use '%%'");
        assertAlert(TIMEOUTS + "backend be\n    tcp-check expect min-recv x string x\n", 6,
                "'tcp-check expect' : 'min-recv' expects -1 or an integer from 0 to INT_MAX.");
        assertAlert(TIMEOUTS + "backend be\n    tcp-check expect string x ok-status L7STS\n", 6,
                "'tcp-check expect' : 'ok-status' only supports 'L4OK', 'L6OK', 'L7OK' or 'L7OKC' status (got 'L7STS').");
        assertAlert(TIMEOUTS + "backend be\n    tcp-check expect string x rstring y\n", 6,
                "'tcp-check expect' : only one pattern expected.");
        assertAlert(TIMEOUTS + "backend be\n    tcp-check expect ! min-recv 3 string x\n", 6,
                "'tcp-check expect' : [!] not supported with 'min-recv'.");
        assertAlert(TIMEOUTS + "backend be\n    tcp-check set-var(check.x,ifbig) str(a)\n", 6,
                "'tcp-check set-var' : unknown condition 'ifbig' (expects one of ifexists, ifnotexists, ifempty, "
                        + "ifnotempty, ifset, ifnotset, ifgt, iflt).");
        assertAlert(TIMEOUTS + "backend be\n    tcp-check send-binary 0g\n", 6,
                "'tcp-check send-binary' : invalid hexadecimal string '0g'.");
    }

    @Test
    void protocolCheckArgumentsAreCheckedAsHaproxyDoes() {
        assertAlert(TIMEOUTS + "backend be\n    option pgsql-check\n", 6,
                "'option pgsql-check' expects 'user <username>' as argument.");
        assertAlert(TIMEOUTS + "backend be\n    option pgsql-check name x\n", 6,
                "'option pgsql-check' only supports optional values: 'user'.");
        assertAlert(TIMEOUTS + "backend be\n    option mysql-check login x\n", 6,
                "'option mysql-check' only supports optional values: 'user' (got 'login').");
        assertAlert(TIMEOUTS + "backend be\n    option mysql-check user x post-90\n", 6,
                "keyword 'user' only supports 'post-41', 'pre-41' and 'post-80' (got 'post-90').");
        assertAlert(TIMEOUTS + "backend be\n    option redis-check now\n", 6,
                "'option redis-check' cannot handle unexpected argument 'now'.");
        assertAlert(TIMEOUTS + "backend be\n    no option ldap-check\n", 6,
                "negation/default is not supported for option 'ldap-check'.");
    }

    @Test
    void refusedCheckKeywordsNameTheirLine() {
        assertAlert(TIMEOUTS + "backend be\n    http-check set-var(check.x)\n", 6,
                "'http-check set-var' expects a variable name and exactly one sample expression.");
        assertAlert(TIMEOUTS + "backend be\n    http-check unset-var(check.x,ifset)\n", 6,
                "'http-check unset-var' expects exactly one variable name, as 'unset-var(check.name)'.");
        assertAlert(TIMEOUTS + "backend be\n    http-check send uri /a\n    http-check connect\n", 7,
                "'http-check connect' : an http-check ruleset with a 'connect' must start with it (only comments "
                        + "may come before).");
        assertAlert(TIMEOUTS + "backend be\n    http-check send uri /a\n    http-check send uri /b\n", 7,
                "'http-check send' : a second request on the same connection is not supported by Shuttle yet; "
                        + "open a new one with 'http-check connect'.");
        assertAlert(TIMEOUTS + "backend be\n    http-check expect hdr value x\n", 6, "'http-check expect' : 'hdr' "
                + "expects at the name keyword as first argument followed by a pattern.");
        assertAlert(TIMEOUTS + "backend be\n    http-check expect fhdr name x value -m any y\n", 6,
                "'http-check expect' : 'fhdr' : '-m' only supports 'str', 'beg', 'end', 'sub' or 'reg' (got 'any').");
        assertAlert(TIMEOUTS + "backend be\n    http-check expect hdr name-lf -m reg x\n", 6,
                "'http-check expect' : 'hdr': log-format string is not supported with a regex matching method.");
        assertAlert(TIMEOUTS + "backend be\n    http-check expect status 200 error-status L7OK\n", 6,
                "'http-check expect' : 'error-status' only supports 'L4CON', 'L6RSP', 'L7RSP' or 'L7STS' status "
                        + "(got 'L7OK').");
        assertAlert(TIMEOUTS + "backend be\n    http-check expect rstring (\n", 6, "'http-check expect rstring' : "
                + "invalid regex '(' : Unclosed group.");
        assertAlert(TIMEOUTS + "backend be\n    http-check send hdr X %[nosuch]\n", 6,
                "failed to parse sample expression <nosuch> : unknown fetch method 'nosuch'");
    }

    @Test
    void aCheckedServerWithoutAFixedPortNeedsOne() {
        assertAlert(TIMEOUTS + "backend be\n    server a 127.0.0.1 check\n", 6,
                "'server be/a' : a server without a fixed port needs a 'port' for its health checks.");
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    server a 127.0.0.1:443 ssl verify none check port 80\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
    }

    @Test
    void httpCheckRulesWithoutOptionHttpchkAreIgnoredWithHaproxysWarning() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    http-check expect status 200\n"
                + "    server a 127.0.0.1:1 check\nbackend be2\n    http-check disable-on-404\n");
        assertEquals(List.of("backend 'be' uses http-check rules without 'option httpchk', so the rules are ignored."),
                loaded.warnings());
        assertEquals(HealthCheckConfig.Kind.TCP_CONNECT, loaded.proxy("be").checks().kind());
    }

    @Test
    void trackNamesACheckedServerAsHaproxyRequires() {
        String head = TIMEOUTS + "backend be\n    server a 127.0.0.1:1 check\n    server c 127.0.0.1:3\n";
        Loaded good = fixture.load(head + "    server b 127.0.0.1:2 track a\nbackend be2\n    server t 127.0.0.1:4 track be/b\n");
        assertTrue(good.configuration().isPresent(), good.messages().toString());
        assertEquals(Optional.of("be/b"), good.proxy("be2").servers().getFirst().check().track());
        assertAlert(head + "    server b 127.0.0.1:2 track a check\n", 8,
                "'server be/b' : unable to enable checks and tracking at the same time!");
        assertAlert(head + "    server b 127.0.0.1:2 track a init-state down\n", 8,
                "'server be/b' : unable to set init-state and tracking at the same time!");
        for (String[] bad : new String[][] {
            {"zz", "unable to find required server 'zz' for tracking."},
            {"c", "unable to use be/c for tracking as it does not have any check nor agent enabled."},
            {"nob/a", "unable to find required proxy 'nob' for tracking."}}) {
            Loaded loaded = fixture.load(head + "    server b 127.0.0.1:2 track " + bad[0] + "\n");
            assertTrue(loaded.configuration().isEmpty(), loaded.messages().toString());
            assertEquals("[" + loaded.file() + ":8] : 'server be/b' : " + bad[1], loaded.alerts().getFirst());
        }
    }

    @Test
    void serversThatTrackEachOtherInALoopAreRefused() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    server a 127.0.0.1:1 track b\n"
                + "    server b 127.0.0.1:2 track a\n");
        assertTrue(loaded.configuration().isEmpty(), loaded.messages().toString());
        assertEquals("[" + loaded.file() + ":6] : 'server be/a' : unable to track be/b: the servers track each other "
                + "in a loop.", loaded.alerts().getFirst());
    }

    @Test
    void connectRulesTakeViaSocks4() {
        CheckConnect tcp = ((TcpCheckRule.Connect) checks("    option tcp-check\n"
                + "    tcp-check connect port 6379 via-socks4\n").tcpRules().getFirst()).options();
        assertEquals(6379, tcp.port());
        assertTrue(tcp.viaSocks4());
        CheckConnect http = ((HttpCheckRule.Connect) checks("    option httpchk\n    http-check connect via-socks4\n"
                + "    http-check send uri /\n").httpSequence().getFirst()).options();
        assertEquals(0, http.port());
        assertTrue(http.viaSocks4());
        assertFalse(((TcpCheckRule.Connect) checks("    option tcp-check\n    tcp-check connect port 6379\n")
                .tcpRules().getFirst()).options().viaSocks4());
    }

    @Test
    void httpCheckVariablesMakeTheRulesASequenceWithTheImplicitConnectAndRequest() {
        HealthCheckConfig config = checks("    option httpchk GET /a\n    http-check set-var(check.x) str(b)\n"
                + "    http-check expect status 200\n");
        assertEquals(4, config.httpSequence().size(), config.httpSequence().toString());
        assertEquals(new HttpCheckRule.Connect(CheckConnect.IMPLICIT), config.httpSequence().get(0));
        assertTrue(config.httpSequence().get(1) instanceof HttpCheckRule.Send send && send.request().uri().equals("/a"));
        assertTrue(config.httpSequence().get(2) instanceof HttpCheckRule.Variable);
        assertTrue(config.httpSequence().get(3) instanceof HttpCheckRule.Expect);
    }
}
