package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.config.TcpCheckRule.Expect.Match;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.VariableName;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** tcp-check rulesets against loopback servers: steps, matches, timeouts and the words of each failure. */
class TcpCheckProbeTest {
    private static final CheckTimeouts TIMEOUTS = new CheckTimeouts(1000, 300);
    private final List<ServerSocket> listeners = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocket listener : listeners) {
            listener.close();
        }
    }

    /**
     * A server that reads {@code expectBytes} bytes (0: none), answers {@code answer}, then closes
     * the connection or keeps it open for a second.
     */
    private InetSocketAddress serve(int expectBytes, String answer, boolean keepOpen) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listeners.add(listener);
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    InputStream in = socket.getInputStream();
                    in.readNBytes(expectBytes);
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    if (keepOpen) {
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private static String run(InetSocketAddress target, TcpCheckRule... rules) throws InterruptedException {
        CheckOutcome outcome = new TcpCheckProbe(List.of(rules)).run(target, TIMEOUTS);
        return outcome.status() + " " + outcome.code() + " " + outcome.info();
    }

    private static final TcpCheckRule PING = new TcpCheckRule.Send("PING\r\n");

    @Test
    void aMatchedExpectPassesTheRuleset() throws Exception {
        assertEquals("L7OK 0 (tcp-check)", run(serve(6, "+PONG\r\n", true), PING,
                new TcpCheckRule.Expect(Match.STRING, false, "+PONG")));
        assertEquals("L7OK 0 (tcp-check)", run(serve(6, "+OK ready\r\n", false), new TcpCheckRule.Comment("c"), PING,
                new TcpCheckRule.Expect(Match.RSTRING, false, "^\\+OK [a-z]+")));
        assertEquals("L7OK 0 (tcp-check)", run(serve(4, "\u0000\u0001\u0002\u0003", false),
                new TcpCheckRule.Send("PING"), new TcpCheckRule.Expect(Match.BINARY, false, "\u0002\u0003")));
    }

    @Test
    void noRuleIsAConnectCheck() throws Exception {
        assertEquals("L4OK -1 ", run(serve(0, "", false)));
    }

    @Test
    void aMismatchBeforeTheServerClosesIsAnInvalidResponse() throws Exception {
        assertEquals("L7RSP -1 TCPCHK did not match content '+PONG' at step 2", run(serve(6, "-ERR\r\n", false), PING,
                new TcpCheckRule.Expect(Match.STRING, false, "+PONG")));
        assertEquals("L7RSP -1 TCPCHK did not match content (regex) at step 2", run(serve(6, "-ERR\r\n", false), PING,
                new TcpCheckRule.Expect(Match.RSTRING, false, "^\\+")));
        assertEquals("L7RSP -1 TCPCHK did not match content (binary) at step 2", run(serve(6, "-ERR\r\n", false), PING,
                new TcpCheckRule.Expect(Match.BINARY, false, "\n\u000b")));
    }

    @Test
    void aMismatchOnAnOpenConnectionWaitsUntilTheTimeout() throws Exception {
        assertEquals("L7TOUT -1  at step 2 of tcp-check (expect string '+PONG')", run(serve(6, "-ERR\r\n", true), PING,
                new TcpCheckRule.Expect(Match.STRING, false, "+PONG")));
        assertEquals("L7TOUT -1  at step 1 of tcp-check (expect regex)", run(serve(0, "", true),
                new TcpCheckRule.Expect(Match.RSTRING, false, "x")));
    }

    @Test
    void negationFailsOnTheUnwantedContentAndPassesWhenTheServerClosesWithoutIt() throws Exception {
        assertEquals("L7RSP -1 TCPCHK matched unwanted content 'ERR' at step 2", run(serve(6, "-ERR no\r\n", true), PING,
                new TcpCheckRule.Expect(Match.STRING, true, "ERR")));
        assertEquals("L7OK 0 (tcp-check)", run(serve(6, "+OK\r\n", false), PING,
                new TcpCheckRule.Expect(Match.STRING, true, "ERR")));
    }

    @Test
    void connectStepsGoToTheirPortsAndNameTheStepWhenRefused() throws Exception {
        InetSocketAddress first = serve(5, "+OK\r\n", false);
        InetSocketAddress second = serve(0, "hello\r\n", false);
        assertEquals("L7OK 0 (tcp-check)", run(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
                new TcpCheckRule.Connect(first.getPort()), new TcpCheckRule.Send("HELO\n"),
                new TcpCheckRule.Expect(Match.STRING, false, "+OK"), new TcpCheckRule.Connect(second.getPort()),
                new TcpCheckRule.Expect(Match.STRING, false, "hello")));
        assertEquals("L4CON -1 ECONNREFUSED returned by OS (Connection refused) at step 1 of tcp-check (connect port 1)",
                run(first, new TcpCheckRule.Connect(1)));
        assertEquals("L4CON -1 ECONNREFUSED returned by OS (Connection refused) at initial connection step of tcp-check",
                run(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), PING));
    }

    /** An expression over the standard fetches and converters. */
    private static SampleExpression expression(String text) throws SampleCompileException {
        return SampleCompiler.compile(text, StandardRegistry.get(), CompileScope.STANDALONE);
    }

    private static LogFormat format(String text) throws ConfigException {
        return LogFormat.compile(text, source -> {
            try {
                return expression(source);
            } catch (SampleCompileException e) {
                throw new ConfigException(e.getMessage());
            }
        }, LogFormat.Mode.TEXT);
    }

    private static TcpCheckRule.ExpectOptions options(int minRecv, String ok, String error, String onSuccess,
                                                      String onError, String statusCode) throws Exception {
        return new TcpCheckRule.ExpectOptions(minRecv, Optional.ofNullable(ok), Optional.ofNullable(error),
                Optional.empty(), onSuccess == null ? Optional.empty() : Optional.of(format(onSuccess)),
                onError == null ? Optional.empty() : Optional.of(format(onError)),
                statusCode == null ? Optional.empty() : Optional.of(expression(statusCode)), Optional.empty());
    }

    @Test
    void minRecvMakesAMismatchConclusiveWithoutWaitingForTheTimeout() throws Exception {
        TcpCheckRule expect = new TcpCheckRule.Expect(Match.STRING, false, "+OK", Optional.empty(),
                options(4, null, "L7STS", null, "got %[res.payload(0,0),cut_crlf]", "res.payload(1,3)"));
        long start = System.nanoTime();
        assertEquals("L7STS 123 got -123", run(serve(6, "-123\r\n", true), PING, expect));
        assertTrue((System.nanoTime() - start) / 1_000_000 < TIMEOUTS.readMillis(), "did not wait for the timeout");
    }

    @Test
    void theLastExpectRuleGivesTheStatusDescriptionAndCodeOfASuccess() throws Exception {
        TcpCheckRule expect = new TcpCheckRule.Expect(Match.RSTRING, false, "^\\+OK", Optional.empty(),
                options(-1, "L7OKC", null, "ready: %[res.payload(4,0),cut_crlf]", null, "int(204)"));
        assertEquals("L7OKC 204 ready: now", run(serve(6, "+OK now\r\n", false), PING, expect));
    }

    @Test
    void rbinaryMatchesTheHexadecimalDigitsOfTheBytesReceived() throws Exception {
        assertEquals("L7OK 0 (tcp-check)", run(serve(6, "\u0001\u00ab", false), PING,
                new TcpCheckRule.Expect(Match.RBINARY, false, "^01AB$")));
        assertEquals("L7RSP -1 TCPCHK did not match content (binary regex) at step 2", run(serve(6, "\u0002", false),
                PING, new TcpCheckRule.Expect(Match.RBINARY, false, "^01")));
    }

    @Test
    void checkVariablesCarryFromRuleToRuleAndUnsetVarRemovesThem() throws Exception {
        VariableName word = VariableName.parse("check.word");
        TcpCheckRule set = new TcpCheckRule.SetVar(word, List.of(), Optional.of(expression("str(PING)")),
                Optional.empty());
        TcpCheckRule setIfUnset = new TcpCheckRule.SetVar(word, List.of("ifnotset"), Optional.of(expression("str(NO)")),
                Optional.empty());
        TcpCheckRule send = new TcpCheckRule.SendFormat(format("%[var(check.word)]\r\n"), false);
        assertEquals("L7OK 0 (tcp-check)", run(serve(6, "+PONG\r\n", false), set, setIfUnset, send,
                new TcpCheckRule.Expect(Match.STRING, false, "+PONG")));
        // Unset: only the line end (2 bytes) is sent, and a server waiting for 3 never answers.
        assertEquals("L7TOUT -1  at step 4 of tcp-check (expect string '+PONG')", run(serve(3, "+PONG\r\n", true),
                set, new TcpCheckRule.UnsetVar(word), send, new TcpCheckRule.Expect(Match.STRING, false, "+PONG")));
        assertEquals("L7OK 0 (tcp-check)", run(serve(3, "+PONG\r\n", true), set, send,
                new TcpCheckRule.Expect(Match.STRING, false, "+PONG")));
        assertEquals("L7RSP -1 TCPCHK got an empty response at step 2", run(serve(6, "", false), PING,
                new TcpCheckRule.Expect(Match.STRING, false, "+PONG")));
    }

    @Test
    void aRulesetWhoseFirstStepButCommentsIsAConnectMakesNoImplicitOne() throws Exception {
        InetSocketAddress server = serve(0, "hello\r\n", false);
        // The check's own address refuses: only the connect step's port may be reached.
        assertEquals("L7OK 0 (tcp-check)", run(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
                new TcpCheckRule.Comment("greeting"), new TcpCheckRule.Connect(server.getPort()),
                new TcpCheckRule.Expect(Match.STRING, false, "hello")));
    }

    @Test
    void aRulesetEndingWithAConnectIsALayer4Result() throws Exception {
        InetSocketAddress server = serve(0, "", false);
        assertEquals("L4OK -1 (tcp-check)", run(server, PING, new TcpCheckRule.Connect(server.getPort())));
        assertEquals("L4OK -1 ", run(server));
    }
}
