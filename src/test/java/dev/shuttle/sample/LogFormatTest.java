package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.lang.ConfigException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The log-format compiler and renderer (configuration.txt §8.2.6) on a synthetic exchange whose
 * every fact is known: each alias, each flag, the encodings, the three modes, and the parse errors
 * with HAProxy's messages. The expected texts are what HAProxy 3.5 prints for the same facts
 * (checked on the wire by difftest/log_differential.py).
 */
class LogFormatTest {
    private final CompiledExpressionFixture.World world = new CompiledExpressionFixture.World();
    private final SampleRegistry registry = CompiledExpressionFixture.registry();

    /**
     * Accepted 2026-01-02T03:04:05.678Z after a 2 ms handshake and 3 ms idle; request complete at 10 ms,
     * out of the queue at 14, connected at 19, response head at 29, closed at 40.
     */
    record Facts(boolean complete, String state, int retries, boolean redispatched, Optional<String> requestLine,
                 List<String> requestCaptures) implements LogFacts {
        static Facts normal() {
            return new Facts(true, "--", 0, false, Optional.of("GET /a/b?x=1&y=\"2\" HTTP/1.1"),
                    Arrays.asList("host.example", null));
        }

        @Override
        public long acceptEpochMillis() {
            return CompiledExpressionFixture.NOW.toEpochMilli();
        }

        @Override
        public long handshakeMillis() {
            return 2;
        }

        @Override
        public long idleMillis() {
            return 3;
        }

        @Override
        public long requestMillis() {
            return 10;
        }

        @Override
        public long queueMillis() {
            return 14;
        }

        @Override
        public long connectMillis() {
            return 19;
        }

        @Override
        public long dataMillis() {
            return 29;
        }

        @Override
        public long closeMillis() {
            return 40;
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public long bytesFromClient() {
            return 77;
        }

        @Override
        public long bytesToClient() {
            return 1234;
        }

        @Override
        public String terminationState() {
            return state;
        }

        @Override
        public List<String> responseCaptures() {
            return List.of("text/html");
        }

        @Override
        public long serverQueue() {
            return 0;
        }

        @Override
        public long backendQueue() {
            return 1;
        }

        @Override
        public Optional<InetSocketAddress> serverAddress() {
            return Optional.of(new InetSocketAddress("10.0.0.2", 8080));
        }

        @Override
        public Optional<InetSocketAddress> backendSource() {
            return Optional.of(new InetSocketAddress("10.0.0.1", 33000));
        }

        @Override
        public String serverName() {
            return "s1";
        }

        @Override
        public String backendName() {
            return "app";
        }

        @Override
        public long frontendConnections() {
            return 3;
        }

        @Override
        public long backendConnections() {
            return 2;
        }

        @Override
        public long serverConnections() {
            return 1;
        }

        @Override
        public long streamNumber() {
            return 42;
        }

        @Override
        public long logCounter() {
            return 7;
        }
    }

    private LogFormat compile(String format, LogFormat.Mode mode) throws ConfigException {
        return LogFormat.compile(format, text -> {
            try {
                return SampleCompiler.compile(text, registry, CompileScope.STANDALONE);
            } catch (SampleCompileException e) {
                throw new ConfigException(e.getMessage());
            }
        }, mode);
    }

    private String log(String format, LogFacts facts) throws ConfigException {
        StringBuilder out = new StringBuilder();
        SampleContext context = world.context();
        world.process.activeConnections(() -> 5);
        context.phase(Phase.LOG);
        compile(format, LogFormat.Mode.LOG).renderTo(out, context, facts, true);
        return out.toString();
    }

    private String log(String format) throws ConfigException {
        return log(format, Facts.normal());
    }

    @ParameterizedTest(name = "%{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "B|1234", "U|77", "ST|200", "CC|-", "CS|-", "H|proxy-host", "ID|-", "pid|4242",
            "T|02/Jan/2026:03:04:05 +0000", "Ts|1767323045", "ms|678",
            "Th|2", "Ti|3", "TR|5", "Tq|10", "Tw|4", "Tc|5", "Tr|10", "Td|11", "Ta|35", "Tt|40", "Tu|37",
            "ac|5", "fc|3", "bc|2", "sc|1", "sq|0", "bq|1", "rc|0", "rt|42", "lc|7",
            "b|app", "s|s1", "f|fe", "ft|fe", "ci|192.0.2.7", "cp|40000", "fi|198.51.100.1", "fp|443",
            "si|10.0.0.2", "sp|8080", "bi|10.0.0.1", "bp|33000",
            "hr|'{host.example|}'", "hrl|host.example -", "hs|{text/html}", "hsl|text/html",
            "r|GET /a/b?x=1&y=#222#22 HTTP/1.1", "HM|GET", "HP|/a/b", "HPO|/a/b", "HQ|?x=1&y=#222#22",
            "HU|/a/b?x=1&y=#222#22", "HV|HTTP/1.1", "ts|--", "tsc|----", "sslc|-", "sslv|-", "OG|txn_close"})
    void everyAliasRendersItsFact(String alias, String expected) throws ConfigException {
        assertEquals(expected, log("%" + alias));
    }

    @Test
    void localDatesFollowTheProcessZone() throws ConfigException {
        assertTrue(log("%t").matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.678"), log("%t"));
        // %tr is the accept date plus the handshake and the idle time: 5 ms later.
        assertTrue(log("%tr").endsWith(".683"), log("%tr"));
        assertTrue(log("%trl").matches(".* [+-]\\d{4}"), log("%trl"));
        assertEquals("02/Jan/2026:03:04:05 +0000", log("%trg"));
    }

    @Test
    void hexadecimalFlag() throws ConfigException {
        assertEquals("C0000207:9C40 695735A5 1092 002A 2A6", log("%{+X}ci:%{+X}cp %{+X}Ts %{+X}pid %{+X}rt %{+X}ms"));
        assertEquals("0A000002:1F90", log("%{+X}si:%{+X}sp"));
    }

    @Test
    void quotingStringsButNotNumbers() throws ConfigException {
        assertEquals("\"s1\" 200 \"GET /a/b?x=1&y=#222#22 HTTP/1.1\" \"\" \"5\"",
                log("%{+Q}s %{+Q}ST %{+Q}r %{+Q}[var(txn.nope)] %{+Q}[int(5)]"));
        assertEquals("\"host.example\" \"\"", log("%{+Q}hrl"));
    }

    @Test
    void missingValuesPrintADashInLogsOnly() throws ConfigException {
        assertEquals("a=- b=-", log("a=%[var(txn.nope)] b=%CC"));
        SampleContext context = world.context();
        assertEquals("a= b=", compile("a=%[var(txn.nope)] b=%{+Q}[var(txn.nope)]", LogFormat.Mode.HTTP).render(context));
        assertEquals("a= b=\"\"", compile("a=%[var(txn.nope)] b=%{+Q}[var(txn.nope)]", LogFormat.Mode.TEXT)
                .render(context));
    }

    @Test
    void httpValuesEscapeControlBytesAndTextValuesKeepThem() throws ConfigException {
        SampleContext context = world.context();
        assertEquals("a%0Db", compile("%[str(a\rb)]", LogFormat.Mode.HTTP).render(context));
        assertEquals("a\rb", compile("%[str(a\rb)]", LogFormat.Mode.TEXT).render(context));
    }

    @Test
    void escapeFlagForStructuredData() throws ConfigException {
        Facts facts = new Facts(true, "--", 0, false, Optional.empty(), List.of("a]b\\c"));
        // In a capture '"' is already #22; E puts a backslash before ']' and '\'.
        assertEquals("{a\\]b\\\\c}", log("%{+E}hr", facts));
    }

    @Test
    void spacesMergeInLogs() throws ConfigException {
        assertEquals("a b", log("  a   b"));
        assertEquals("fe - app", log("%f %[var(txn.nope)] %b"));
    }

    @Test
    void globalOptionsApplyToTheItemsAfterThem() throws ConfigException {
        assertEquals("192.0.2.7 \"fe\" \"s1\" s1", log("%ci %{+Q}o %f %s %{-Q}s"));
    }

    @Test
    void jsonEncodesNamedItemsAsOneObject() throws ConfigException {
        assertEquals("{\"client\": \"192.0.2.7\", \"status\": 200, \"bytes\": \"1234\", \"none\": \"\", "
                        + "\"hdrs\": [\"host.example\", \"-\"], \"five\": 5, \"yes\": true}",
                log("%{+json}o ignored %(client)ci %(status)ST %(bytes:str)B %(none)[var(txn.nope)] %(hdrs)hrl "
                        + "%(five)[int(5)] %(yes:bool)[int(1)] %f"));
    }

    @Test
    void cborEncodesAMapInHexadecimal() throws ConfigException {
        // {"st": 200} as an indefinite map: BF, text(2) "st", uint8 200, break.
        assertEquals("BF62737418C8FF", log("%{+cbor}o %(st)ST"));
    }

    @Test
    void incompleteTotalsCarryAPlusWithLogasap() throws ConfigException {
        Facts early = new Facts(false, "--", 0, false, Optional.empty(), List.of());
        assertEquals("+40 +1234 <BADREQ>", log("%Tt %B %r", early));
        assertEquals("+2", log("%rc", new Facts(true, "--", 2, true, Optional.empty(), List.of())));
    }

    @Test
    void theDefaultHttpLineHasEveryField() throws ConfigException {
        String line = log("%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc "
                + "%sq/%bq %hr %hs %{+Q}r");
        assertTrue(line.matches("192\\.0\\.2\\.7:40000 \\[[^]]+\\] fe app/s1 5/4/5/10/35 200 1234 - - ---- "
                + "5/3/2/1/0 0/1 \\{host\\.example\\|\\} \\{text/html\\} \"GET /a/b\\?x=1&y=#222#22 HTTP/1\\.1\""), line);
    }

    @Test
    void parseErrorsCarryHaproxysMessages() {
        assertEquals("no such format alias 'zz'. If you wanted to emit the '%' character verbatim, you need to use '%%'",
                assertThrows(ConfigException.class, () -> log("%zz")).getMessage());
        assertEquals("truncated line after '%'", assertThrows(ConfigException.class, () -> log("abc%")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> log("%[str(a)")).getMessage().startsWith("missing ']'"));
        assertTrue(assertThrows(ConfigException.class, () -> log("%1")).getMessage()
                .startsWith("unexpected alias name near '1'"));
        assertEquals("parse argument modifier without alias name near '%{+Q}'",
                assertThrows(ConfigException.class, () -> log("%{+Q} ")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> log("%(a.b)ci")).getMessage()
                .startsWith("invalid character in custom name near '.'"));
        assertTrue(assertThrows(ConfigException.class, () -> log("%(a:float)ci")).getMessage()
                .startsWith("unexpected output type 'float'"));
        assertTrue(assertThrows(ConfigException.class, () -> log("%[nosuchfetch]")).getMessage()
                .startsWith("failed to parse sample expression <nosuchfetch> : "));
    }

    @Test
    void literalPercentAndStrayPercent() throws ConfigException {
        assertEquals("100% sure", log("100%% sure"));
        // A '%' before a character that starts nothing is dropped, as HAProxy does.
        assertEquals("a-b", log("a%-b"));
    }

    @Test
    void httpOnlyAliasesAreReported() throws ConfigException {
        assertEquals(List.of("r", "HM"), compile("%ci %r %HM %B", LogFormat.Mode.LOG).httpOnlyAliases());
    }
}
