package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.check.CheckOutcome;
import dev.shuttle.check.CheckPreamble;
import dev.shuttle.check.CheckTimeouts;
import dev.shuttle.check.TcpCheckProbe;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol checks, option by option: the exact bytes each sends (HAProxy 3.5's) and how it
 * judges a good and a bad reply, against a loopback server that records what it receives.
 */
class ProtocolCheckKeywordsTest {
    private static final String TIMEOUTS = "defaults\n    timeout connect 1s\n    timeout client 1s\n"
            + "    timeout server 1s\n";
    private static final CheckTimeouts CHECK_TIMEOUTS = new CheckTimeouts(1000, 500);

    @TempDir
    Path directory;
    ConfigFixture fixture;
    ServerSocket listener;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ConfigFixture(directory);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void tearDown() throws IOException {
        listener.close();
    }

    private HealthCheckConfig checks(String option) {
        ConfigFixture.Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    " + option
                + "\n    server a 127.0.0.1:1 check\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        HealthCheckConfig checks = loaded.proxy("be").checks();
        assertEquals(HealthCheckConfig.Kind.TCP_PROTOCOL, checks.kind());
        return checks;
    }

    /** The exchange's result, and the bytes the check sent, in hexadecimal. */
    private record Exchange(String outcome, String sent) {}

    /**
     * Runs {@code option}'s check against a server that plays {@code script}: each step is
     * hexadecimal bytes to send, or {@code <n} to read n bytes; then it closes.
     */
    private Exchange exchange(String option, String... script) throws Exception {
        HealthCheckConfig checks = checks(option);
        CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                for (String step : script) {
                    if (step.startsWith("<")) {
                        received.write(in.readNBytes(Integer.parseInt(step.substring(1))));
                    } else {
                        socket.getOutputStream().write(HexFormat.of().parseHex(step));
                    }
                }
                return HexFormat.of().formatHex(received.toByteArray());
            } catch (IOException e) {
                return "error: " + e;
            }
        });
        CheckOutcome outcome = new TcpCheckProbe(checks.tcpRules(), CheckPreamble.NONE,
                () -> new SampleContext(null, null, null, "", VariableStore.local()), true)
                .run(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), CHECK_TIMEOUTS);
        return new Exchange(outcome.status() + " " + outcome.code() + " " + outcome.info(),
                sent.get(5, TimeUnit.SECONDS));
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void redisSendsPingAsARespArrayAndWantsPong() throws Exception {
        Exchange good = exchange("option redis-check", "<14", hex("+PONG\r\n"));
        assertEquals(hex("*1\r\n$4\r\nPING\r\n"), good.sent());
        assertEquals("L7OK 0 Redis server is ok", good.outcome());
        assertEquals("L7STS 0 -ERR busy", exchange("option redis-check", "<14", hex("-ERR busy\r\n")).outcome());
    }

    @Test
    void smtpGreetsWithHeloThenQuits() throws Exception {
        String greeting = hex("220 mx ready\r\n");
        Exchange good = exchange("option smtpchk EHLO me.example", greeting, "<17",
                hex("250 hi\r\n"), "<6", hex("221 2.0.0 bye\r\n"));
        assertEquals(hex("EHLO me.example\r\nQUIT\r\n"), good.sent());
        assertEquals("L7OK 221 2.0.0 bye", good.outcome());
        Exchange helo = exchange("option smtpchk", greeting, "<16", hex("250 hi\r\n"), "<6", hex("221 bye\r\n"));
        assertEquals(hex("HELO localhost\r\nQUIT\r\n"), helo.sent());
        assertEquals("L7STS 554 go away", exchange("option smtpchk", hex("554 go away\r\n")).outcome());
        assertEquals("L7RSP -1 hello there", exchange("option smtpchk", hex("hello there\r\n")).outcome());
    }

    @Test
    void pgsqlSendsAStartupMessageForItsUser() throws Exception {
        Exchange good = exchange("option pgsql-check user haproxy", "<22", "520000000800000000");
        assertEquals("00000016" + "00030000" + hex("user\0haproxy\0\0"), good.sent());
        assertEquals("L7OK 0 PostgreSQL server is ok", good.outcome());
        assertEquals("L7RSP -1 FATAL", exchange("option pgsql-check user haproxy", "<22",
                "450000001a" + hex("SFATAL\0C28000\0Mno role\0\0")).outcome());
        assertEquals("L7STS 0 PostgreSQL unknown error", exchange("option pgsql-check user haproxy", "<22",
                "520000000c00000008aabbccdd").outcome());
    }

    /** A MySQL 5.7 handshake: protocol 10, version "5.7.44", 8 more bytes. */
    private static final String HANDSHAKE = "100000000a" + hex("5.7.44") + "000102030405060708";

    @Test
    void mysqlJudgesTheHandshakeAndTheAuthenticationReply() throws Exception {
        assertEquals("L7OK 0 ", exchange("option mysql-check", HANDSHAKE).outcome());
        Exchange post41 = exchange("option mysql-check user haproxy", HANDSHAKE, "<50", "0700000200000002000000");
        assertEquals("29000001" + "00820000" + "00800001" + "21" + "00".repeat(23) + hex("haproxy\0") + "00"
                + "0100000001", post41.sent());
        assertEquals("L7OK 0 ", post41.outcome());
        Exchange pre41 = exchange("option mysql-check user haproxy pre-41", HANDSHAKE, "<23", "0700000200000002000000");
        assertEquals("0e000001" + "0080" + "000001" + hex("haproxy\0") + "00" + "0100000001", pre41.sent());
        Exchange post80 = exchange("option mysql-check user haproxy post-80", HANDSHAKE, "<72", "0700000200000002000000");
        assertEquals("3f000001" + "00820800" + "00800001" + "21" + "00".repeat(23) + hex("haproxy\0") + "00"
                + hex("mysql_native_password\0") + "0100000001", post80.sent());
        assertEquals("L7STS 1045 #28000Access denied", exchange("option mysql-check user haproxy", HANDSHAKE, "<50",
                "16000002ff1504" + hex("#28000Access denied")).outcome());
        assertEquals("L7STS 1040 Too many connections", exchange("option mysql-check", "17000000ff1004"
                + hex("Too many connections")).outcome());
        // Steps as 3.5 counts them: connect, send, then the first reply rule (variables are no steps).
        assertEquals("L7RSP -1 TCPCHK got an empty response at step 3",
                exchange("option mysql-check user haproxy").outcome());
        // SMTP's first rule has an on-error format: it wins over the empty-response text, and says nothing (as 3.5).
        assertEquals("L7RSP -1 ", exchange("option smtpchk").outcome());
    }

    @Test
    void ldapSendsAnAnonymousBindAndReadsItsResultCode() throws Exception {
        Exchange good = exchange("option ldap-check", "<14", "300c02010161070a010004000400");
        assertEquals("300c020101600702010304008000", good.sent());
        assertEquals("L7OK 0 ", good.outcome());
        assertEquals("L7STS 49 See RFC: http://tools.ietf.org/html/rfc4511#section-4.1.9",
                exchange("option ldap-check", "<14", "300c02010161070a013104000400").outcome());
        assertEquals("L7RSP -1 Not LDAPv3 protocol",
                exchange("option ldap-check", "<14", "310c02010161070a010004000400").outcome());
        // A four-byte length, as Active Directory writes it.
        assertEquals("L7OK 0 ", exchange("option ldap-check", "<14",
                "30840000000c02010161070a010004000400").outcome());
    }

    /** An AGENT-HELLO: version {@code v}, max-frame-size 16380, empty capabilities. */
    private static String agentHello(String version) {
        return "00000036" + "65" + "00000001" + "0000" + "07" + hex("version") + "0803" + hex(version)
                + "0e" + hex("max-frame-size") + "03fcf006" + "0c" + hex("capabilities") + "0800";
    }

    @Test
    void spopSendsAHaproxyHelloAndReadsTheAgentHello() throws Exception {
        Exchange good = exchange("option spop-check", "<82", agentHello("2.0"));
        assertEquals("0000004e" + "01" + "00000001" + "0000" + "12" + hex("supported-versions") + "0803" + hex("2.0")
                + "0e" + hex("max-frame-size") + "03fcf006" + "0c" + hex("capabilities") + "0800"
                + "0b" + hex("healthcheck") + "11", good.sent());
        assertEquals("L7OK 0 ", good.outcome());
        assertEquals("L7RSP -1 unsupported version", exchange("option spop-check", "<82", agentHello("1.0")).outcome());
        assertEquals("L7RSP -1 invalid frame received", exchange("option spop-check", "<82",
                hex("HTTP/1.1 400 Bad Request\r\n\r\n")).outcome());
        assertEquals("L7RSP -1 version value not found", exchange("option spop-check", "<82",
                "0000000a" + "65" + "00000001" + "0000" + "03" + hex("foo") + "0800").outcome());
    }

    @Test
    void aDefaultsSectionsProtocolCheckIsInheritedAndALaterOptionReplacesIt() {
        ConfigFixture.Loaded loaded = fixture.load(TIMEOUTS + "    option redis-check\nbackend be\n"
                + "    server a 127.0.0.1:1 check\nbackend other\n    option tcp-check\n    server a 127.0.0.1:1 check\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        assertEquals(HealthCheckConfig.Kind.TCP_PROTOCOL, loaded.proxy("be").checks().kind());
        assertEquals(2, loaded.proxy("be").checks().tcpRules().size());
        assertEquals(HealthCheckConfig.Kind.TCP_RULES, loaded.proxy("other").checks().kind());
        assertEquals(0, loaded.proxy("other").checks().tcpRules().size());
    }
}
