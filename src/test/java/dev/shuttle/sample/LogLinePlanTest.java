package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shuttle.lang.ConfigException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The precompiled log line ({@link LogLinePlan}) against the general walk over the format's
 * nodes ({@link LogFormat#renderWalking}): on every format below and every exchange, the two must
 * write the same line, byte for byte. The formats are HAProxy's predefined ones (configuration.txt
 * §8.2.2-§8.2.4) and custom ones with each alias, flag and separator case.
 */
class LogLinePlanTest {
    private static final String HTTP_LOG = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc "
            + "%ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
    private static final String HTTP_CLF_LOG = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s "
            + "%TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl";
    private static final String TCP_LOG = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";
    private static final String TCP_CLF_LOG = "%{+Q}o %{-Q}ci - - [%T] \"TCP \" 000 %B \"\" \"\" %cp %ms %ft %b %s "
            + "%Th %Tw %Tc %Tt %U %ts-- %ac %fc %bc %sc %rc %sq %bq \"\" \"\" ";

    private final CompiledExpressionFixture.World world = new CompiledExpressionFixture.World();
    private final SampleRegistry registry = CompiledExpressionFixture.registry();

    /** One exchange's facts, with the values that change how a line is written. */
    record Exchange(boolean complete, String state, int retries, boolean redispatched, Optional<String> requestLine,
                    List<String> requestCaptures, List<String> responseCaptures, Optional<String> cookie,
                    String serverName, String backendName, int status) implements LogFacts {
        @Override public long acceptEpochMillis() { return CompiledExpressionFixture.NOW.toEpochMilli() + 7; }
        @Override public long handshakeMillis() { return 2; }
        @Override public long idleMillis() { return 3; }
        @Override public long requestMillis() { return complete ? 10 : -1; }
        @Override public long queueMillis() { return 14; }
        @Override public long connectMillis() { return 19; }
        @Override public long dataMillis() { return complete ? 29 : -1; }
        @Override public long closeMillis() { return 40; }
        @Override public long bytesFromClient() { return 77; }
        @Override public long bytesToClient() { return 1234; }
        @Override public String terminationState() { return state; }
        @Override public Optional<String> requestCookie() { return cookie; }
        @Override public Optional<String> responseCookie() { return cookie.map(value -> value + "-res"); }
        @Override public long serverQueue() { return 0; }
        @Override public long backendQueue() { return 1; }
        @Override public Optional<InetSocketAddress> serverAddress() {
            return Optional.of(new InetSocketAddress("10.0.0.2", 8080));
        }
        @Override public Optional<InetSocketAddress> backendSource() { return Optional.empty(); }
        @Override public long frontendConnections() { return 3; }
        @Override public long backendConnections() { return 2; }
        @Override public long serverConnections() { return 1; }
        @Override public long streamNumber() { return 42; }
        @Override public long logCounter() { return 7; }
    }

    private static List<LogFacts> exchanges() {
        return List.of(
                LogFormatTest.Facts.normal(),
                new Exchange(true, "--", 0, false, Optional.of("GET /small HTTP/1.1"), List.of(), List.of(),
                        Optional.empty(), "origin", "be", 200),
                new Exchange(false, "SC", 3, true, Optional.empty(), Arrays.asList(null, ""), List.of("a|b", "x\"y"),
                        Optional.of("id=1"), "<NOSRV>", "be", -1),
                new Exchange(true, "cD", 1, false, Optional.of("POST /a#b?\u0001c\u00ff HTTP/1.0"),
                        List.of("host\u0000tail"), Arrays.asList((String) null), Optional.of(""), "", "", 503),
                new Exchange(true, "", 0, false, Optional.of(""), List.of(), List.of(), Optional.of("\u0000x"),
                        "\u0000", "b e", 0));
    }

    private static List<SampleContext> contexts(CompiledExpressionFixture.World world) {
        SampleContext ipv4 = world.context();
        SampleContext ipv6 = world.context();
        ipv6.source(new InetSocketAddress("2001:db8::7", 4000));
        ipv6.destination(new InetSocketAddress("::1", 443));
        SampleContext unix = new SampleContext(world.frontendConfig, null, null, "public", world.processVariables);
        unix.process(world.process);
        SampleContext tls = world.context();
        tls.tlsListener(true);
        return List.of(ipv4, ipv6, unix, tls);
    }

    private LogFormat compile(String format) throws ConfigException {
        return LogFormat.compile(format, text -> {
            try {
                return SampleCompiler.compile(text, registry, CompileScope.STANDALONE);
            } catch (SampleCompileException e) {
                throw new ConfigException(e.getMessage());
            }
        }, LogFormat.Mode.LOG);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            HTTP_LOG, HTTP_CLF_LOG, TCP_LOG, TCP_CLF_LOG,
            HTTP_LOG + " %[src]/%[str(a b)]/%[int(3)] %[str()] %sslv/%sslc",
            "%ci %fi:%fp %bi:%bp %si:%sp %{+Q}ci %{+Q}fi %{+Q}cp %{+X}ci %{+X}cp %{+E}ci",
            "%t %T %Tl %tr %trg %trl %Ts %ms %{+X}Ts %{+X}ms %{+Q}t %{+Q}tr",
            "%H %pid %rt %lc %ID %OG %{+X}pid %{+X}rt",
            "%HM %HP %HPO %HQ %HU %HV %{+Q}HU %r %{+E}r %{+Q,+E}r",
            "%Th/%Ti/%TR/%Tw/%Tc/%Tr/%Td/%Ta/%Tt/%Tu/%Tq %U %B %{+Q}B %{+Q}Ta",
            "%{+Q}ft %{+Q}f %{+Q}b %{+Q}s %{+Q}CC %{+Q}CS %{+Q}ts %{+Q}tsc %{+Q}rc %{+Q}ST",
            "%{-M}b %{-M}s %{-M}CC %{-M}ci %{+E}b %{+E}CC",
            "%hr %hs %hrl %hsl %{+Q}hr %{+Q}hrl %{+E}hs",
            "  lead   %b  %hr  %hs  trail  ",
            "%b%%x%s %hr%hs a%hr b %hr%b",
            "%(name)b %(n:sint)ST %(s:str)B %(b:bool)Tt %(r:raw)b",
            "%{+Q}o %b %{-Q}s %{+E}o %CC",
            "%[str(x)] %[var(txn.none)] %{+Q}[var(txn.none)] %b",
            "%{+json}o %(client)ci %(backend)b %(line)r",
            "%{+cbor}o %(client)ci %(backend)b",
            "%{+json}ci %{+cbor}b %b",
            "plain text only", ""})
    void planWritesWhatTheWalkWrites(String format) throws ConfigException {
        LogFormat compiled = compile(format);
        world.process.activeConnections(() -> 5);
        for (SampleContext context : contexts(world)) {
            context.phase(Phase.LOG);
            for (LogFacts facts : exchanges()) {
                for (boolean httpBackend : new boolean[] {true, false}) {
                    StringBuilder planned = new StringBuilder();
                    compiled.renderTo(planned, context, facts, httpBackend);
                    StringBuilder walked = new StringBuilder();
                    compiled.renderWalking(walked, context, facts, httpBackend);
                    assertEquals(walked.toString(), planned.toString(),
                            () -> "format <" + format + ">, facts " + facts + ", client " + context.source());
                }
            }
        }
    }

    /** The default formats are written by fast steps only; an encoded format has no plan. */
    @Test
    void defaultFormatsNeedNoGeneralStep() throws ConfigException {
        for (String format : List.of(HTTP_LOG, HTTP_CLF_LOG, TCP_LOG, TCP_CLF_LOG)) {
            LogLinePlan plan = compile(format).plan();
            assertNotNull(plan, format);
            assertEquals(0, plan.generalItems(), format);
        }
        assertNull(compile("%{+json}o %(b)b").plan());
        assertEquals(1, compile("%b %[str(x)]").plan().generalItems());
    }

    /** The exact line of the kit's ka50 exchange, as HAProxy 3.5 writes it (the date aside). */
    @Test
    void httplogLineOfASmallExchange() throws ConfigException {
        SampleContext context = world.context();
        world.process.activeConnections(() -> 5);
        context.phase(Phase.LOG);
        StringBuilder line = new StringBuilder();
        compile(HTTP_LOG).renderTo(line, context, exchanges().get(1), true);
        assertEquals("192.0.2.7:40000 [date] fe be/origin 5/4/5/10/35 200 1234 - - ---- "
                + "5/3/2/1/0 0/1 \"GET /small HTTP/1.1\"", line.toString().replaceFirst("\\[[^]]*]", "[date]"));
    }
}
