package dev.shuttle.stream;

import static dev.shuttle.stream.ExchangeFixture.get;
import static dev.shuttle.stream.ExchangeFixture.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.http.RequestHead;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.RequestArrival;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.session.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each decision the request's analysis can take, from configurations that lead to it. */
class RequestAnalysisTest {
    @TempDir
    Path directory;

    private ExchangeFixture.RecordingClient client;
    private Session session;

    private RequestDecision analyse(String config, IncomingRequest request) throws Exception {
        return analyse(config, request, ClientStream.BufferedBody.STREAMED);
    }

    /** Analyses {@code request} arriving on frontend {@code fe} of {@code config}; a held body is {@code body}. */
    private RequestDecision analyse(String config, IncomingRequest request, ClientStream.BufferedBody body)
            throws Exception {
        ExchangeFixture.World world = ExchangeFixture.world(directory, config);
        client = new ExchangeFixture.RecordingClient(new RequestArrival.Received(request), true);
        client.body = body;
        session = ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild());
        ExchangeLog log = new ExchangeLog(session, client);
        return new RequestAnalysis(session, client, world.routing(), log).analyse(request);
    }

    private static final String ONE_BACKEND = """
            frontend fe
                mode http
                bind :8080
                default_backend be
            backend be
                mode http
                server s1 127.0.0.1:1
            """;

    @Test
    void aRequestForABackendIsForwardedThereWithKeepAlive() throws Exception {
        RequestDecision decision = analyse(ONE_BACKEND, request(get("/")));
        RequestDecision.Forward forward = assertInstanceOf(RequestDecision.Forward.class, decision);
        assertEquals("be", forward.backend().name());
        assertEquals(HttpConnectionMode.KEEP_ALIVE, forward.mode());
        assertFalse(forward.closeServerAfter());
        assertEquals(ServerStream.Announcement.KEEP_ALIVE, forward.announcement());
        assertEquals("be", session.context().backend().orElseThrow().config().name());
    }

    @Test
    void useBackendRulesChooseBeforeTheDefault() throws Exception {
        RequestDecision decision = analyse("""
                frontend fe
                    mode http
                    bind :8080
                    use_backend other if { path_beg /api }
                    default_backend be
                backend be
                    mode http
                    server s1 127.0.0.1:1
                backend other
                    mode http
                    server o1 127.0.0.1:1
                """, request(get("/api/x")));
        assertEquals("other", assertInstanceOf(RequestDecision.Forward.class, decision).backend().name());
    }

    @Test
    void serverCloseModeClosesTheServerConnectionAndSaysSo() throws Exception {
        RequestDecision.Forward forward = assertInstanceOf(RequestDecision.Forward.class,
                analyse(ONE_BACKEND.replace("default_backend be", "default_backend be\n    option http-server-close"),
                        request(get("/"))));
        assertTrue(forward.closeServerAfter());
        assertEquals(ServerStream.Announcement.CLOSE, forward.announcement());
    }

    @Test
    void pretendKeepAliveClosesWithoutSayingSo() throws Exception {
        RequestDecision.Forward forward = assertInstanceOf(RequestDecision.Forward.class,
                analyse(ONE_BACKEND.replace("default_backend be",
                        "default_backend be\n    option http-server-close\n    option http-pretend-keepalive"),
                        request(get("/"))));
        assertTrue(forward.closeServerAfter());
        assertEquals(ServerStream.Announcement.KEEP_ALIVE, forward.announcement());
    }

    @Test
    void anAmbiguouslyFramedBodyClosesTheServerConnectionAndAnnouncesNothing() throws Exception {
        RequestHead head = get("/");
        IncomingRequest ambiguous = new IncomingRequest(head, head.requestLine(), true, false, true, false);
        RequestDecision.Forward forward = assertInstanceOf(RequestDecision.Forward.class, analyse(ONE_BACKEND, ambiguous));
        assertTrue(forward.closeServerAfter());
        assertEquals(ServerStream.Announcement.NOTHING, forward.announcement());
    }

    @Test
    void forwardForIsAddedWithTheSessionsClient() throws Exception {
        IncomingRequest request = request(get("/"));
        analyse(ONE_BACKEND.replace("default_backend be", "default_backend be\n    option forwardfor"), request);
        assertEquals("192.0.2.7", request.head().headers().first("X-Forwarded-For"));
    }

    @Test
    void aMonitorRequestIsAnsweredBeforeAnyRule() throws Exception {
        RequestDecision decision = analyse(ONE_BACKEND.replace("default_backend be",
                "default_backend be\n    monitor-uri /health\n    http-request deny"), request(get("/health")));
        assertEquals(200, assertInstanceOf(RequestDecision.Answer.class, decision).reply().status());
    }

    @Test
    void aDenyRuleAnswersWithItsStatus() throws Exception {
        RequestDecision decision = analyse(ONE_BACKEND.replace("default_backend be",
                "default_backend be\n    http-request deny deny_status 429"), request(get("/")));
        RequestDecision.Answer answer = assertInstanceOf(RequestDecision.Answer.class, decision);
        assertEquals(429, answer.reply().status());
        assertTrue(answer.reply().denied());
        assertFalse(answer.reply().tarpit());
    }

    @Test
    void theBackendsRulesRunAfterTheChoice() throws Exception {
        RequestDecision decision = analyse(ONE_BACKEND.replace("server s1", "http-request return status 204\n    server s1"),
                request(get("/")));
        assertEquals(204, assertInstanceOf(RequestDecision.Answer.class, decision).reply().status());
    }

    @Test
    void aContentRejectRejectsSilently() throws Exception {
        RequestDecision decision = analyse(ONE_BACKEND.replace("default_backend be",
                "default_backend be\n    tcp-request content reject"), request(get("/")));
        assertInstanceOf(RequestDecision.Reject.class, decision);
    }

    @Test
    void anHttpRejectRejectsSilently() throws Exception {
        RequestDecision decision = analyse(ONE_BACKEND.replace("default_backend be",
                "default_backend be\n    http-request reject"), request(get("/")));
        assertInstanceOf(RequestDecision.Reject.class, decision);
    }

    @Test
    void noBackendIsRefusedWith503() throws Exception {
        RequestDecision decision = analyse("""
                frontend fe
                    mode http
                    bind :8080
                """, request(get("/")));
        RequestDecision.Refuse refuse = assertInstanceOf(RequestDecision.Refuse.class, decision);
        assertEquals(503, refuse.status());
        assertEquals("SC", refuse.state().code());
    }

    @Test
    void aBufferedBodyThatDoesNotComeInTimeIsRefusedWith408() throws Exception {
        RequestDecision decision = analyse(ONE_BACKEND.replace("default_backend be",
                        "default_backend be\n    option http-buffer-request"), request(get("/")),
                new ClientStream.BufferedBody(false, "ab".getBytes(StandardCharsets.US_ASCII)));
        RequestDecision.Refuse refuse = assertInstanceOf(RequestDecision.Refuse.class, decision);
        assertEquals(408, refuse.status());
        assertEquals("cR", refuse.state().code());
        assertTrue(session.context().requestBody().isEmpty(), "a body that came only in part is not shown to rules");
    }

    @Test
    void aBufferedBodyIsShownToTheRules() throws Exception {
        byte[] body = "a=1".getBytes(StandardCharsets.US_ASCII);
        RequestDecision decision = analyse(ONE_BACKEND.replace("default_backend be",
                        "default_backend be\n    option http-buffer-request\n"
                                + "    http-request deny deny_status 400 if { req.body -m str a=1 }"),
                request(get("/")), new ClientStream.BufferedBody(true, body));
        assertEquals(400, assertInstanceOf(RequestDecision.Answer.class, decision).reply().status());
        assertArrayEquals(body, session.context().requestBody().orElseThrow());
    }
}
