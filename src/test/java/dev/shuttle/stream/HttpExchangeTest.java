package dev.shuttle.stream;

import static dev.shuttle.stream.ExchangeFixture.get;
import static dev.shuttle.stream.ExchangeFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.http.RequestHead;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.RequestArrival;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How exchanges end that never reach a server: what the client gets, whether its connection
 * persists, and the one log record each leaves (or none).
 */
class HttpExchangeTest {
    @TempDir
    Path directory;

    private final ExchangeFixture.RecordingObserver observer = new ExchangeFixture.RecordingObserver();
    private ExchangeFixture.RecordingClient client;

    private static final String CONFIG = """
            frontend fe
                mode http
                bind :8080
                default_backend be
                %s
            backend be
                mode http
                server s1 127.0.0.1:1
            """;

    private boolean run(String frontendLines, RequestArrival arrival, boolean first) throws Exception {
        ExchangeFixture.World world = ExchangeFixture.world(directory, CONFIG.formatted(frontendLines));
        client = new ExchangeFixture.RecordingClient(arrival, first);
        try (ServerLinks servers = new ServerLinks(new ExchangeFixture.RecordingChild(), (socket, backend) -> {
            throw new AssertionError("no server connection in these tests");
        })) {
            return new HttpExchange(ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild()),
                    client, servers, world.routing(), observer).run();
        }
    }

    private ExchangeRecord onlyRecord() {
        assertEquals(1, observer.exchanges.size(), "one log record");
        return observer.exchanges.getFirst();
    }

    @Test
    void aClientThatLeavesBetweenRequestsEndsSilently() throws Exception {
        assertFalse(run("", new RequestArrival.Absent(false, false), false));
        assertFalse(run("", new RequestArrival.Absent(true, false), false));
        assertTrue(observer.exchanges.isEmpty());
        assertTrue(client.sent.isEmpty());
    }

    @Test
    void aFirstConnectionWithoutAByteIsLoggedUnlessProbesAreIgnored() throws Exception {
        assertFalse(run("", new RequestArrival.Absent(false, false), true));
        assertEquals("CR", onlyRecord().terminationState().code());
        assertEquals("<BADREQ>", onlyRecord().requestLine());
        observer.exchanges.clear();
        assertFalse(run("option http-ignore-probes", new RequestArrival.Absent(false, false), true));
        assertTrue(observer.exchanges.isEmpty());
    }

    @Test
    void aLateRequestGetsA408() throws Exception {
        assertFalse(run("", new RequestArrival.Absent(true, true), false));
        assertEquals(List.of("error 408"), client.sent);
        ExchangeRecord record = onlyRecord();
        assertEquals(408, record.status());
        assertEquals("cR", record.terminationState().code());
        // %B counts what came from a server (res.bytes_in): 0 for the proxy's own page, as in HAProxy 3.5.
        assertEquals(0, record.bytesToClient());
    }

    @Test
    void anIdleFirstConnectionIsAProbeOnlyWhenProbesAreIgnored() throws Exception {
        assertFalse(run("option http-ignore-probes", new RequestArrival.Absent(true, false), true));
        assertTrue(client.sent.isEmpty());
        assertFalse(run("", new RequestArrival.Absent(true, false), true));
        assertEquals(List.of("error 408"), client.sent);
    }

    @Test
    void aRequestCutShortIsLoggedAsAClientAbort() throws Exception {
        assertFalse(run("", new RequestArrival.Absent(false, true), false));
        assertEquals("CR", onlyRecord().terminationState().code());
        // HAProxy 3.5 logs such a request as a 400, though nothing is sent to a client that left.
        assertEquals(400, onlyRecord().status());
    }

    @Test
    void aMalformedRequestGetsTheConnectionLevelPage() throws Exception {
        assertFalse(run("", new RequestArrival.Malformed(400), true));
        assertEquals(List.of("error 400"), client.sent);
        assertEquals(400, onlyRecord().status());
        assertEquals("PR", onlyRecord().terminationState().code());
    }

    @Test
    void aDeniedRequestWithoutABodyKeepsTheConnection() throws Exception {
        RequestHead head = get("/");
        assertTrue(run("http-request deny", new RequestArrival.Received(request(head)), true));
        assertEquals(List.of("reply 403 keep-alive"), client.sent);
        ExchangeRecord record = onlyRecord();
        assertEquals(403, record.status());
        assertEquals("PR", record.terminationState().code());
        assertEquals("GET / HTTP/1.1", record.requestLine());
    }

    @Test
    void aDenyWithABodyLeftUnreadClosesTheConnection() throws Exception {
        RequestHead head = get("/");
        IncomingRequest withBody = new IncomingRequest(head, head.requestLine(), true, false, false, false);
        assertFalse(run("http-request deny", new RequestArrival.Received(withBody), true));
        assertEquals(List.of("reply 403 close"), client.sent);
    }

    @Test
    void aClientAskingToCloseGetsItsReplyAndTheClose() throws Exception {
        RequestHead head = get("/");
        IncomingRequest closing = new IncomingRequest(head, head.requestLine(), false, true, false, false);
        assertFalse(run("http-request return status 200", new RequestArrival.Received(closing), true));
        assertEquals(List.of("reply 200 close"), client.sent);
    }

    @Test
    void afterResponseRulesSeeTheProxysOwnReplies() throws Exception {
        assertTrue(run("http-request deny\n    http-after-response set-status 418",
                new RequestArrival.Received(request(get("/"))), true));
        assertEquals(List.of("rewritten reply 418 keep-alive"), client.sent);
    }

    @Test
    void aTarpitIsLoggedAsSuch() throws Exception {
        IncomingRequest closing = new IncomingRequest(get("/"), "GET / HTTP/1.1", false, true, false, false);
        assertFalse(run("timeout tarpit 10ms\n    http-request tarpit", new RequestArrival.Received(closing), true));
        assertEquals("PT", onlyRecord().terminationState().code());
        assertEquals(500, onlyRecord().status());
    }

    @Test
    void aRejectClosesWithoutAWord() throws Exception {
        assertFalse(run("http-request reject", new RequestArrival.Received(request(get("/"))), true));
        assertTrue(client.sent.isEmpty());
        assertEquals("PR", onlyRecord().terminationState().code());
        assertEquals(-1, onlyRecord().status());
    }
}
