package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.BindConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.TimeoutKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad configurations: each gives an alert naming file and line in HAProxy's words (checked against
 * haproxy 2.6 where it has the same rule) and makes loading fail; accepted oddities only warn.
 */
class ConfigLoaderErrorsTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    /** Loads {@code text} and checks that it fails with {@code expected} as its first alert. */
    private Loaded assertFirstAlert(String text, int line, String expected) {
        Loaded loaded = fixture.load(text);
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        // 3.5 writes a server line's place without "parsing" (ProxyLineParser.SERVER_KEYWORDS).
        assertEquals(loaded.placeOf(text, line) + expected, loaded.alerts().getFirst());
        return loaded;
    }

    @ParameterizedTest
    @ValueSource(strings = {"global", "defaults", "frontend fe", "backend be", "listen li"})
    void unknownKeywordInEachSection(String header) {
        String section = header.split(" ")[0];
        Loaded loaded = assertFirstAlert(header + "\n    bogus 1\n", 2,
                "unknown keyword 'bogus' in '" + section + "' section");
        assertEquals("config : Error(s) found in configuration file : " + loaded.file(), loaded.alerts().getLast());
    }

    @Test
    void keywordOutOfSection() {
        Loaded loaded = fixture.load("\n# a comment\nmaxconn 10\n");
        // 3.5 writes no space before the colon after this place.
        assertEquals("config : parsing [" + loaded.file() + ":3]: unknown keyword 'maxconn' out of section.",
                loaded.alerts().getFirst());
    }

    @Test
    void aTimeoutStartingWithoutADigitNamesTheCharacterAs35Does() {
        assertFirstAlert("backend be\n    timeout server abc\n", 2, "unexpected character 'a' in 'timeout server'");
    }

    @Test
    void readingGoesOnAfterAnErrorSoEveryMistakeIsShown() {
        Loaded loaded = fixture.load("global\n    bogus\n    nbthread 0\nfrontend fe\n    bind 127.0.0.1:1\n    other\n");
        assertEquals(List.of(
                loaded.at(2) + "unknown keyword 'bogus' in 'global' section",
                loaded.at(3) + "'nbthread' value must be between 1 and 1024 (was 0)",
                loaded.at(6) + "unknown keyword 'other' in 'frontend' section",
                "config : Error(s) found in configuration file : " + loaded.file()), loaded.alerts());
    }

    @Test
    void badTimeoutValue() {
        assertFirstAlert("defaults\n    timeout client 1x\n", 2, "unexpected character 'x' in 'timeout client'");
    }

    @Test
    void timeoutWithoutValue() {
        assertFirstAlert("defaults\n    timeout client\n", 2, "'timeout client' expects an integer value (in milliseconds)");
    }

    @Test
    void unknownTimeoutKind() {
        assertFirstAlert("defaults\n    timeout bogus 1s\n", 2, "'timeout' supports 'client', 'server', 'connect', "
                + "'check', 'queue', 'handshake', 'http-keep-alive', 'http-request', 'tunnel', 'tarpit', 'client-fin' "
                + "and 'server-fin' (got 'bogus')");
    }

    @Test
    void timeoutLongerThanTheTimerCanHold() {
        assertFirstAlert("defaults\n    timeout client 25d\n", 2, "timer overflow in argument '25d' to 'timeout client' "
                + "(maximum value is 2147483647 ms or ~24.8 days)");
    }

    @Test
    void timeoutOverflowingALongIsAnAlertNotACrash() {
        assertFirstAlert("defaults\n    timeout client 10000000000000d\n", 2, "timer overflow in argument "
                + "'10000000000000d' to 'timeout client' (maximum value is 2147483647 ms or ~24.8 days)");
    }

    @Test
    void timeoutThatAProxyCannotUseIsIgnoredWithAWarning() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1\n    timeout server 5s\n");
        assertEquals(List.of(loaded.at(7) + "'timeout server' will be ignored because frontend 'fe' has no backend "
                + "capability"), loaded.warnings());
        assertEquals(1_000, loaded.proxy("fe").timeouts().get(TimeoutKind.SERVER), "the inherited value stays");
    }

    @ParameterizedTest
    @CsvSource({"ftp, unknown proxy mode 'ftp'.", "health, proxy mode 'health' is not supported by Shuttle."})
    void badMode(String mode, String message) {
        assertFirstAlert("defaults\n    mode " + mode + "\n", 2, message);
    }

    @Test
    void httpFrontendCannotUseATcpBackend() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                frontend fe
                    mode http
                    bind 127.0.0.1:1
                    default_backend be
                backend be
                    server s 127.0.0.1:2
                """);
        String file = loaded.file().toString();
        assertTrue(loaded.alerts().contains("config : http frontend 'fe' (" + file + ":5) tries to use incompatible "
                + "tcp backend 'be' (" + file + ":9) as its default backend (see 'mode')."), loaded.alerts().toString());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void unknownDefaultBackend() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1\n    default_backend nope\n");
        assertEquals(List.of("config : Proxy 'fe': unable to find required default_backend: 'nope'."), loaded.alerts());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void unknownUseBackend() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1\n    use_backend nope\n");
        assertEquals(List.of("config : Proxy 'fe': unable to find required use_backend: 'nope'."), loaded.alerts());
    }

    @Test
    void aFrontendCannotBeADefaultBackend() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1\n    default_backend other\n"
                + "frontend other\n    bind 127.0.0.1:2\n");
        assertEquals(List.of("config : Proxy 'fe': unable to find required default_backend: 'other'."), loaded.alerts());
    }

    @Test
    void serverInAFrontendIsAnAlert() {
        // 3.5 names the place twice: its server parser's own, then the capability check's "parsing [...]".
        assertFirstAlert("frontend fe\n    server s 127.0.0.1:1\n", 2,
                "parsing [" + directory.resolve("test.cfg") + ":2] : " + "'server' not allowed because frontend 'fe' has no backend capability.");
    }

    @Test
    void bindInABackendIsOnlyAWarning() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    bind 127.0.0.1:1\n    server s 127.0.0.1:2\n");
        assertEquals(List.of(loaded.at(6) + "'bind' ignored because backend 'be' has no frontend capability."),
                loaded.warnings());
        assertEquals(List.of(), loaded.proxy("be").binds());
    }

    @Test
    void frontendWithoutBindIsWarnedAbout() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n");
        assertEquals(List.of("config : frontend 'fe' has no 'bind' directive. Please declare it as a backend if this "
                + "was intended."), loaded.warnings());
        assertTrue(loaded.configuration().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"accept-netscaler-cip", "transparent"})
    void bindOptionsOfMissingFeaturesAreRefused(String option) {
        assertFirstAlert("frontend fe\n    bind 127.0.0.1:8443 " + option + " x\n", 2,
                "'bind 127.0.0.1:8443' in section 'frontend': '" + option + "' is not supported by Shuttle yet.");
    }

    @Test
    void protoChoosesTheMultiplexerOfABind() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    mode http\n    bind 127.0.0.1:1 proto h2\n"
                + "    bind 127.0.0.1:2 proto h1\n    bind 127.0.0.1:3\n");
        assertEquals("h2", loaded.proxy("fe").binds().get(0).muxProtocol());
        assertEquals("h1", loaded.proxy("fe").binds().get(1).muxProtocol());
        assertEquals("", loaded.proxy("fe").binds().get(2).muxProtocol());
    }

    @Test
    void protoRefusesWhatNoFrontendMultiplexerSpeaks() {
        assertFirstAlert("frontend fe\n    bind 127.0.0.1:8443 proto h9\n", 2,
                "'bind 127.0.0.1:8443' in section 'frontend' : 'proto' :  unknown MUX protocol 'h9'");
        assertFirstAlert("frontend fe\n    bind 127.0.0.1:8443 proto fcgi\n", 2,
                "'bind 127.0.0.1:8443' in section 'frontend': 'proto' : MUX protocol 'fcgi' is not supported on a "
                        + "bind line by Shuttle.");
    }

    @Test
    void aBindOptionWithoutItsValueIsRefusedIn35sWords() {
        assertFirstAlert("frontend fe\n    bind 127.0.0.1:8443 backlog\n", 2,
                "'bind 127.0.0.1:8443' in section 'frontend' : 'backlog' : missing value");
        assertFirstAlert("frontend fe\n    bind 127.0.0.1:8443 mss\n", 2,
                "'bind 127.0.0.1:8443' in section 'frontend' : 'mss' : missing MSS value");
        assertFirstAlert("frontend fe\n    bind 127.0.0.1:8443 name\n", 2,
                "'bind 127.0.0.1:8443' in section 'frontend' : 'name' : missing name");
    }

    @Test
    void bindMaxconnAndBacklogAreReadAsAtolReadsThem() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1 maxconn x backlog 12abc\n"
                + "    bind 127.0.0.1:2 thread\n");
        assertEquals(0, loaded.proxy("fe").binds().get(0).maxconn());
        assertEquals(12, loaded.proxy("fe").binds().get(0).socketOptions().backlog());
        assertEquals(2, loaded.proxy("fe").binds().size());
    }

    @Test
    void proxyCountsAreReadAsAtolReadsThem() {
        Loaded loaded = fixture.load(TIMEOUTS + "listen li\n    bind 127.0.0.1:1\n    maxconn x\n    retries 2x\n"
                + "    fullconn -4\n    server s1 127.0.0.1:2\n");
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        assertEquals(0, loaded.proxy("li").maxconn(), "maxconn x is 0: the default");
        assertEquals(2, loaded.proxy("li").retries());
        assertTrue(loaded.proxy("li").fullconn() > 0, "fullconn -4 is 0: computed from the frontends");
    }

    @Test
    void optionHttplogTakesClfAloneIn35sWords() {
        assertFirstAlert("frontend fe\n    option httplog foo\n", 2, "keyword 'httplog' only supports option 'clf'.");
        assertFirstAlert("frontend fe\n    option httplog clf foo\n", 2,
                "'option httplog' cannot handle unexpected argument 'foo'.");
    }

    @Test
    void acceptProxyIsABindFlag() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1 accept-proxy\n    bind 127.0.0.1:2\n");
        assertTrue(loaded.proxy("fe").binds().get(0).acceptProxy());
        assertTrue(!loaded.proxy("fe").binds().get(1).acceptProxy());
    }

    @Test
    void expectProxyTakesLayer4Only() {
        assertTrue(fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1\n"
                + "    tcp-request connection expect-proxy layer4 if { src 10.0.0.0/8 }\n").configuration().isPresent());
        assertTrue(fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1\n"
                + "    tcp-request connection expect-proxy layer7\n").configuration().isEmpty());
        assertTrue(fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1\n"
                + "    tcp-request session expect-proxy layer4\n").configuration().isEmpty());
    }

    @Test
    void unknownBindOption() {
        assertFirstAlert("frontend fe\n    bind 127.0.0.1:1 bogus\n", 2,
                "'bind 127.0.0.1:1' in section 'frontend': unknown keyword 'bogus'.");
    }

    @Test
    void bindTuningOptionsAreAcceptedWithANotice() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:1 name web maxconn 5 defer-accept thread 1\n");
        assertEquals(2, loaded.notices().size(), loaded.notices().toString());
        BindConfig bind = loaded.proxy("fe").binds().getFirst();
        assertEquals("web", bind.name());
        assertEquals(5, bind.maxconn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"namespace x", "tfo"})
    void serverOptionsOfMissingFeaturesAreRefused(String option) {
        String keyword = option.split(" ")[0];
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 " + option + "\n", 2,
                "'server be/s1' : '" + keyword + "' is not supported by Shuttle yet.");
    }

    @Test
    void serverProtoNamesAMuxAsHaproxyDoes() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    mode http\n    server s1 127.0.0.1:1 proto h2\n"
                + "    server s2 127.0.0.1:2 proto h1\n");
        assertEquals(dev.shuttle.config.ServerProtocol.HTTP2,
                loaded.proxy("be").servers().get(0).pooling().protocol());
        assertEquals(dev.shuttle.config.ServerProtocol.HTTP1,
                loaded.proxy("be").servers().get(1).pooling().protocol());
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 proto foo\n", 2,
                "'server be/s1' : 'proto' :  unknown MUX protocol 'foo'.");
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 proto fcgi\n", 2,
                "'server be/s1' : 'proto' : MUX protocol 'fcgi' is not supported by Shuttle (HTTP/1.1 and HTTP/2 only).");
        assertFirstAlert("backend be\n    mode tcp\n    server s1 127.0.0.1:1 proto h2\n", 3,
                "'server be/s1' : MUX protocol 'h2' is not usable in a TCP backend.");
    }

    @Test
    void proxyV2OptionsAndTlvFormatsAreChecked() {
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 send-proxy-v2 proxy-v2-options crc32c,bogus\n", 2,
                "'server be/s1' : 'bogus' : proxy v2 option not implemented.");
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 send-proxy-v2 set-proxy-v2-tlv-fmt(256) x\n", 2,
                "'server be/s1' : 'set-proxy-v2-tlv-fmt(256)' : the TLV type '256' is not a number between 0 and 255.");
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 send-proxy-v2 set-proxy-v2-tlv-fmt(0xE0)\n", 2,
                "'server be/s1' : 'set-proxy-v2-tlv-fmt(0xE0)' expects a log-format string.");
    }

    @Test
    void defaultServerPresetsProxyOptions() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    default-server send-proxy-v2-ssl-cn\n"
                + "    server a 127.0.0.1:1 set-proxy-v2-tlv-fmt(0xE0) %[src]\n    server b 127.0.0.1:2 no-send-proxy-v2\n");
        var a = loaded.proxy("be").servers().get(0).proxySending();
        assertEquals(2, a.version());
        assertTrue(a.sslTlv());
        assertEquals(1, a.tlvs().size());
        assertEquals(0, loaded.proxy("be").servers().get(1).proxySending().version());
    }

    void healthCheckOptionsAreReadIntoTheServersCheckSettings() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend be
                    server a 127.0.0.1:1 check inter 2s rise 3 fall 2 weight 5
                    server b 127.0.0.1:2
                """);
        assertEquals(List.of(), loaded.warnings());
        var check = loaded.proxy("be").servers().getFirst().check();
        assertEquals(true, check.enabled());
        assertEquals(2000, check.interMillis());
        assertEquals(3, check.rise());
        assertEquals(2, check.fall());
        assertEquals(false, loaded.proxy("be").servers().get(1).check().enabled());
        assertEquals(5, loaded.proxy("be").servers().getFirst().weight(), "options after the check ones are still read");
    }

    @Test
    void checkOptionsOfMissingFeaturesAreRefusedWithTheirReason() {
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 check check-proto fcgi\n", 2,
                "'server be/s1' : 'check-proto' : 'fcgi' is not supported by Shuttle yet (its checks speak h1, h2 "
                + "or none).");
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 check check-proto foo\n", 2,
                "'server be/s1' : 'check-proto' :  unknown MUX protocol 'foo'.");
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 check check-reuse-pool 1\n", 2,
                "'server be/s1' : 'check-reuse-pool' is not supported by Shuttle yet (checks open connections of "
                + "their own: they do not reuse the servers' idle connections yet).");
    }

    /** HAProxy 3.5's check.c: an HTTP protocol for a check that is not HTTP, or none for an HTTP check. */
    @Test
    void aCheckProtocolMustFitTheCheck() {
        Loaded tcp = fixture.load(TIMEOUTS + "backend be\n    server s1 127.0.0.1:1 check check-proto h2\n");
        assertTrue(tcp.alerts().contains("config: backend 'be': server 's1' uses an incompatible MUX protocol for the "
                + "selected check type"), tcp.alerts().toString());
        assertTrue(tcp.configuration().isEmpty());
        Loaded http = fixture.load(TIMEOUTS + "backend be\n    option httpchk\n"
                + "    server s1 127.0.0.1:1 check check-proto none\n");
        assertTrue(http.alerts().contains("config: backend 'be': server 's1' uses an incompatible MUX protocol for the "
                + "selected check type"), http.alerts().toString());
        Loaded fine = fixture.load(TIMEOUTS + "backend be\n    mode http\n    option httpchk\n"
                + "    server s1 127.0.0.1:1 check check-proto h2\n    server s2 127.0.0.1:2 check proto h2\n");
        assertTrue(fine.configuration().isPresent(), fine.messages().toString());
        Loaded sequence = fixture.load(TIMEOUTS + "backend be\n    mode http\n    option httpchk\n"
                + "    http-check connect\n    http-check send meth GET\n"
                + "    server s1 127.0.0.1:1 check proto h2\n");
        assertTrue(sequence.alerts().stream().anyMatch(a -> a.contains("server 's1' : HTTP/2 checks")),
                sequence.alerts().toString());
    }

    /** HAProxy 3.5's words for bad observe options, their doubled periods included. */
    @ParameterizedTest
    @CsvSource(delimiter = '^', value = {
            "observe layer9^'server be/s1' : 'observe' expects one of 'none', 'layer4', 'layer7' but got 'layer9'.",
            "observe^'server be/s1' : 'observe' expects <mode> as argument..",
            "on-error foo^'server be/s1' : 'on-error' expects one of 'fastinter', 'fail-check', 'sudden-death' or 'mark-down' but got 'foo'.",
            "on-error^'server be/s1' : 'on-error' expects one of 'fastinter', 'fail-check', 'sudden-death' or 'mark-down' but got ''.",
            "error-limit^'server be/s1' : 'error-limit' expects an integer argument..",
            "error-limit x^'server be/s1' : error-limit has to be > 0..",
            "observe layer7^'server be/s1' : 'layer7' can only be used in http proxies..",
            "on-marked-down kill^'server be/s1' : 'on-marked-down' expects 'shutdown-sessions' but got 'kill'.",
            "on-marked-up^'server be/s1' : 'on-marked-up' expects 'shutdown-backup-sessions' but got ''.",
    })
    void observeOptionsAreCheckedAsHaproxyChecksThem(String option, String alert) {
        assertFirstAlert("backend be\n    server s1 127.0.0.1:1 check " + option + "\n", 2, alert);
    }

    @Test
    void checkSendProxyIsReadIntoTheCheckSettings() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    server a 127.0.0.1:1 check check-send-proxy\n"
                + "    server b 127.0.0.1:2 check\n");
        assertTrue(loaded.proxy("be").servers().get(0).check().sendProxy());
        assertEquals(false, loaded.proxy("be").servers().get(1).check().sendProxy());
    }

    @Test
    void serverWeightOutOf0To256IsRefusedIn35sWords() {
        // 3.5's texts (seen live), its two full stops included; a default-server line names no server.
        assertFirstAlert("backend be\n    server s 127.0.0.1:1 weight 257\n", 2,
                "'server be/s' : weight of server s is not within 0 and 256 (257)..");
        assertFirstAlert("backend be\n    server t 127.0.0.1:1 weight -1\n", 2,
                "'server be/t' : weight of server t is not within 0 and 256 (-1)..");
        assertFirstAlert("backend be\n    default-server weight 300\n    server v 127.0.0.1:1\n", 2,
                "weight of server (null) is not within 0 and 256 (300)..");
    }

    @Test
    void aServerWeightIsReadAsAtolReadsIt() {
        Loaded loaded = fixture.load("backend be\n    server u 127.0.0.1:1 weight abc\n    server w 127.0.0.1:1 weight 12x\n");
        assertEquals(List.of(), loaded.alerts(), "3.5 takes them: atol() reads 0 and 12");
        assertEquals(0, loaded.proxy("be").servers().get(0).weight());
        assertEquals(12, loaded.proxy("be").servers().get(1).weight());
    }

    @Test
    void duplicateServerName() {
        Loaded loaded = fixture.load("backend be\n    server s 127.0.0.1:1\n    server s 127.0.0.1:2\n");
        assertEquals(loaded.serverAt(3) + "'server be/s' : another server named 's' was already defined at line 2, please "
                + "use a distinct name.", loaded.alerts().getFirst());
    }

    @Test
    void unknownOptionAndNegatedKeyword() {
        Loaded loaded = fixture.load("backend be\n    option bogus\n    no retries 3\n");
        assertEquals(List.of(loaded.at(2) + "unknown option 'bogus'.",
                loaded.at(3) + "'no retries' is not supported; only options may be negated.",
                "config : Error(s) found in configuration file : " + loaded.file()), loaded.alerts());
    }

    @Test
    void proxyWithoutNameAndBadCharacters() {
        Loaded loaded = fixture.load("frontend\nbackend be/1\n");
        assertEquals(List.of(loaded.at(1) + "'frontend' expects <name> as an argument.",
                loaded.at(2) + "character '/' is not permitted in 'backend' name 'be/1'.",
                "config : Error(s) found in configuration file : " + loaded.file()), loaded.alerts());
    }

    @Test
    void linesAfterARefusedHeaderAreNotAttributedToThePreviousSection() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend be
                    server s 127.0.0.1:1
                frontend fe from nope
                    bind 127.0.0.1:1
                """);
        assertEquals(List.of(), loaded.warnings(), "no \"'bind' ignored because backend 'be'...\" warning");
    }

    @Test
    void maxrewriteMustStaySmallerThanHalfTheBuffer() {
        Loaded loaded = fixture.load("global\n    tune.bufsize 16384\n    tune.maxrewrite 8192\n" + TIMEOUTS);
        assertEquals(List.of("config : tune.maxrewrite (8192) must be smaller than half of tune.bufsize (16384)."),
                loaded.alerts());
        assertTrue(loaded.configuration().isEmpty());
        Loaded fine = fixture.load("global\n    tune.bufsize 16k\n    tune.maxrewrite 8191\n" + TIMEOUTS);
        assertEquals(16384, fine.config().global().bufferSize());
        assertEquals(8191, fine.config().global().maxRewrite());
    }

    @Test
    void missingTimeoutsWarningNamesEachProxy() {
        Loaded loaded = fixture.load("""
                frontend fe
                    bind 127.0.0.1:1
                    timeout client 1s
                backend be
                    timeout connect 1s
                    server s 127.0.0.1:1
                listen li
                    bind 127.0.0.1:2
                """);
        String advice = ".\n   | While not properly invalid, you will certainly encounter various problems\n"
                + "   | with such a configuration. To fix this, please ensure that all following\n"
                + "   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.";
        assertEquals(List.of("config : missing timeouts for backend 'be'" + advice,
                "config : missing timeouts for proxy 'li'" + advice), loaded.warnings());
        assertTrue(loaded.configuration().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resolvers", "peers", "userlist", "cache"})
    void unsupportedSectionsAreRefusedAndTheirLinesSkipped(String section) {
        Loaded loaded = fixture.load(section + " mine\n    nameserver dns1 10.0.0.1:53\n    whatever\n");
        assertEquals(List.of(loaded.at(1) + "'" + section + "' sections are not supported by Shuttle; the section is "
                + "skipped.", "config : Error(s) found in configuration file : " + loaded.file()), loaded.alerts());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "user root | 'user' is not supported by Shuttle: a JVM cannot drop privileges or chroot itself; start it "
                    + "as the intended user instead.",
            "chroot /var/empty | 'chroot' is not supported by Shuttle: a JVM cannot drop privileges or chroot itself; "
                    + "start it as the intended user instead.",
            "master-worker | 'master-worker' is not supported by Shuttle yet (master-worker mode comes with reloads).",
            "maxconn lots | cannot parse 'maxconn' value 'lots', an integer is expected.",
            "daemon yes | 'daemon' cannot handle unexpected argument 'yes'.",
            "nbthread x | 'nbthread' passed a missing or unparsable integer value in 'x'",
            "tune.bufsize 512 | 'tune.bufsize' expects a size of at least 1024 bytes (got 512)."})
    void refusedGlobalSettings(String line, String message) {
        assertFirstAlert("global\n    " + line + "\n", 2, message);
    }

    @Test
    void globalSettingsWithoutEffectGetANotice() {
        Loaded loaded = fixture.load("global\n    nbthread 2\n    cpu-map auto:1/1-2 0-1\n" + TIMEOUTS);
        assertEquals(List.of(loaded.at(3) + "'cpu-map' is accepted for compatibility but has no effect in Shuttle."),
                loaded.notices());
        assertEquals(2, loaded.config().global().nbthread());
    }

    /** 3.5 takes both, with or without "no" (strict-limits is on by default there). */
    @Test
    void negatableGlobalSettingsWithoutEffectGetANoticeInBothForms() {
        Loaded loaded = fixture.load("global\n    no strict-limits\n    numa-cpu-mapping\n    strict-limits\n"
                + "    no numa-cpu-mapping\n" + TIMEOUTS);
        assertEquals(List.of(
                loaded.at(2) + "'strict-limits' is accepted for compatibility but has no effect in Shuttle.",
                loaded.at(3) + "'numa-cpu-mapping' is accepted for compatibility but has no effect in Shuttle.",
                loaded.at(4) + "'strict-limits' is accepted for compatibility but has no effect in Shuttle.",
                loaded.at(5) + "'numa-cpu-mapping' is accepted for compatibility but has no effect in Shuttle."),
                loaded.notices());
        assertEquals(List.of(), loaded.alerts());
    }
}
