package dev.shuttle.stream;

import static dev.shuttle.stream.ExchangeFixture.get;
import static dev.shuttle.stream.ExchangeFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.mux.BodySink;
import dev.shuttle.mux.BodySource;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.IncomingResponse;
import dev.shuttle.mux.RequestArrival;
import dev.shuttle.mux.ResponseArrival;
import dev.shuttle.mux.ServerMux;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.mux.StreamRefused;
import dev.shuttle.mux.TunnelEnd;
import dev.shuttle.session.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each result of the server side of an exchange. Connections to the server are real TCP
 * connections to a local listener; what the server answers on them is scripted per connection.
 */
@Timeout(10)
class ServerAttemptTest {
    @TempDir
    Path directory;

    private ServerSocket origin;
    /** The answers of the next server connections, one script per connection, in order. */
    private final Deque<ScriptedServer> scripts = new ArrayDeque<>();
    private final List<ScriptedServer> opened = new ArrayList<>();
    /** The session of the last {@link #attempt}, for what it left in its sample context. */
    private Session lastSession;

    @BeforeEach
    void listen() throws IOException {
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        origin.close();
    }

    private ExchangeFixture.World world(String serverOptions) {
        return world("retries 0", serverOptions);
    }

    private ExchangeFixture.World world(String retries, String serverOptions) {
        return ExchangeFixture.world(directory, """
                frontend fe
                    mode http
                    bind :8080
                    default_backend be
                backend be
                    mode http
                    %s
                    server s1 127.0.0.1:%d %s
                """.formatted(retries, origin.getLocalPort(), serverOptions));
    }

    /** One exchange's attempt on {@code servers}, for a request without a body. */
    private AttemptResult attempt(ExchangeFixture.World world, ServerLinks servers, ExchangeFixture.RecordingClient client)
            throws IOException {
        Session session = ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild());
        lastSession = session;
        session.context().terminationEvents().beginStream(); // as the exchange does once the request head is there
        ExchangeLog log = new ExchangeLog(session, client);
        IncomingRequest request = ((RequestArrival.Received) client.arrival()).request();
        RequestDecision.Forward plan = new RequestDecision.Forward(world.backend("be"), HttpConnectionMode.KEEP_ALIVE,
                false, ServerStream.Announcement.KEEP_ALIVE);
        return new ServerAttempt(session, client, servers, log).run(request, plan);
    }

    private ServerLinks links() {
        return new ServerLinks(new ExchangeFixture.RecordingChild(), (socket, backend) -> {
            ScriptedServer server = scripts.removeFirst();
            opened.add(server);
            return server;
        });
    }

    private static ExchangeFixture.RecordingClient client(boolean first) {
        return new ExchangeFixture.RecordingClient(new RequestArrival.Received(request(get("/"))), first);
    }

    private static ResponseArrival response(int status) {
        return new ResponseArrival.Received(new IncomingResponse(
                new ResponseHead(HttpVersion.HTTP_1_1, status, "", new HeaderList()), null, false, true));
    }

    @Test
    void aResponseComesBackWithItsLinkAndInterimResponsesGoToTheClient() throws Exception {
        scripts.add(new ScriptedServer(response(100), response(200)));
        ExchangeFixture.RecordingClient client = client(true);
        try (ServerLinks servers = links()) {
            AttemptResult.Responded responded = assertInstanceOf(AttemptResult.Responded.class,
                    attempt(world(""), servers, client));
            assertEquals(200, responded.response().head().status());
            assertSame(opened.getFirst(), responded.server());
            assertNull(responded.upload());
            assertEquals(List.of(100), client.interims);
            assertEquals(List.of("GET / HTTP/1.1 KEEP_ALIVE"), opened.getFirst().requests);
        }
    }

    @Test
    void aReusedConnectionThatTheServerClosedIsRetriedOnANewOne() throws Exception {
        ExchangeFixture.World world = world("");
        ScriptedServer reused = new ScriptedServer(response(200), new ResponseArrival.Absent(false, false));
        ScriptedServer fresh = new ScriptedServer(response(201));
        scripts.add(reused);
        scripts.add(fresh);
        try (ServerLinks servers = links()) {
            AttemptResult.Responded first = assertInstanceOf(AttemptResult.Responded.class,
                    attempt(world, servers, client(true)));
            servers.keep(first.link());
            AttemptResult.Responded second = assertInstanceOf(AttemptResult.Responded.class,
                    attempt(world, servers, client(false)));
            assertEquals(201, second.response().head().status());
            assertSame(fresh, second.server());
            assertTrue(reused.closed, "the connection the server closed is closed here too");
        }
    }

    @Test
    void aStreamTheHttp2ServerRefusedIsA502WithoutRetryOn() throws Exception {
        // HAProxy 3.5 (http_ana.c): REFUSED_STREAM, or a GOAWAY below the stream, is a read error:
        // without retry-on empty-response the client gets a 502 (SH), as vtc/h2/h2_server_refused_stream.vtc checks live.
        scripts.add(new ScriptedServer(new ResponseArrival.Absent(false, false,
                new StreamRefused("stream 1 refused by the server"))));
        try (ServerLinks servers = links()) {
            AttemptResult.NoResponse none = assertInstanceOf(AttemptResult.NoResponse.class,
                    attempt(world(""), servers, client(true)));
            assertEquals(502, none.status());
            assertEquals("SH", none.state().code());
            assertEquals(1, opened.size(), "no retry");
        }
    }

    @Test
    void aStreamTheHttp2ServerRefusedIsRetriedUnderRetryOnEmptyResponse() throws Exception {
        // RFC 9113 §8.7: nothing was processed; retry-on empty-response replays it elsewhere.
        ScriptedServer refusing = new ScriptedServer(new ResponseArrival.Absent(false, false,
                new StreamRefused("stream 1 refused by the server")));
        ScriptedServer fresh = new ScriptedServer(response(201));
        scripts.add(refusing);
        scripts.add(fresh);
        ExchangeFixture.World world = world("retries 1\n    retry-on empty-response", "");
        try (ServerLinks servers = links()) {
            AttemptResult.Responded responded = assertInstanceOf(AttemptResult.Responded.class,
                    attempt(world, servers, client(true)));
            assertEquals(201, responded.response().head().status());
            assertSame(fresh, responded.server());
            assertTrue(refusing.closed);
            assertEquals(1, world.backend("be").counters().retries(), "counted in wretr");
        }
    }

    @Test
    void aStreamTheConnectionCouldNotOpenIsTriedOnANewConnectionOnce() throws Exception {
        // Nothing was sent (the shared connection had no stream left): another connection, as
        // HAProxy looks for one; a second such refusal is a 502.
        ScriptedServer full = new ScriptedServer(response(200));
        full.sendFailure = StreamRefused.beforeSending("no stream left");
        ScriptedServer fresh = new ScriptedServer(response(201));
        scripts.add(full);
        scripts.add(fresh);
        try (ServerLinks servers = links()) {
            AttemptResult.Responded responded = assertInstanceOf(AttemptResult.Responded.class,
                    attempt(world(""), servers, client(true)));
            assertSame(fresh, responded.server());
            assertTrue(full.requests.isEmpty());
        }
    }

    @Test
    void noServerConnectionIsRefused() throws Exception {
        ExchangeFixture.World world = world("");
        origin.close(); // nobody listens there any more: the connect is refused
        try (ServerLinks servers = links()) {
            AttemptResult.NoConnection none = assertInstanceOf(AttemptResult.NoConnection.class,
                    attempt(world, servers, client(true)));
            assertEquals("SC", none.state().code());
        }
    }

    @Test
    void aFullServerLeavesTheRequestInTheQueueUntilItsTimeout() throws Exception {
        ExchangeFixture.World world = world("maxconn 1");
        Backend backend = world.backend("be");
        assertTrue(backend.acquire(Set.of(), 0).isPresent(), "another request holds the only slot");
        try (ServerLinks servers = links()) {
            AttemptResult.NoConnection none = assertInstanceOf(AttemptResult.NoConnection.class,
                    attempt(world, servers, client(true)));
            assertEquals("sQ", none.state().code());
        }
    }

    @Test
    void aSilentServerIsA504AndAClosedOneA502() throws Exception {
        assertNoResponse(new ResponseArrival.Absent(true, false), 504, "sH");
        assertNoResponse(new ResponseArrival.Absent(true, true), 504, "sH");
        assertNoResponse(new ResponseArrival.Absent(false, true), 502, "SH");
        assertNoResponse(new ResponseArrival.Absent(false, false), 502, "SH");
    }

    @Test
    void theServerSidesTerminationEventsAndErrorAsHaproxy35ReportsThem() throws Exception {
        assertNoResponse(new ResponseArrival.Absent(true, false), 504, "sH");
        assertEquals("{,,,S7S1,E1,M1,F1}", lastSession.context().terminationEvents().describe());
        assertEquals("", lastSession.context().backError().map(Enum::name).orElse(""));
        assertNoResponse(new ResponseArrival.Absent(false, false), 502, "SH");
        assertEquals("{,,,S5,E5E1,M5M1,F2F1}", lastSession.context().terminationEvents().describe());
        assertNoResponse(new ResponseArrival.Absent(false, false, new java.net.SocketException("Connection reset")),
                502, "SH");
        assertEquals("{,,,S5,E6E1,M6M1,F3}", lastSession.context().terminationEvents().describe());
        assertEquals("ERESET", lastSession.context().backError().orElseThrow().name());
    }

    @Test
    void aFailedSendIsASendErrorOnEachServerSideLayer() throws Exception {
        ScriptedServer broken = new ScriptedServer();
        broken.failSend = true;
        scripts.add(broken);
        try (ServerLinks servers = links()) {
            assertInstanceOf(AttemptResult.NoResponse.class, attempt(world(""), servers, client(true)));
        }
        assertEquals("{,,,S4,E4E1,M4M1,F4}", lastSession.context().terminationEvents().describe());
        assertEquals("EPIPE", lastSession.context().backError().orElseThrow().name());
    }

    @Test
    void anInvalidResponseIsA502() throws Exception {
        assertNoResponse(new ResponseArrival.Malformed(), 502, "PH");
    }

    private void assertNoResponse(ResponseArrival arrival, int status, String state) throws Exception {
        ScriptedServer server = new ScriptedServer(arrival);
        scripts.add(server);
        try (ServerLinks servers = links()) {
            AttemptResult.NoResponse none = assertInstanceOf(AttemptResult.NoResponse.class,
                    attempt(world(""), servers, client(true)));
            assertEquals(status, none.status());
            assertEquals(state, none.state().code());
            assertTrue(server.closed, "a connection without a valid response is not reused");
        }
    }

    @Test
    void aRequestThatCannotBeSentOnANewConnectionIsA502() throws Exception {
        ScriptedServer broken = new ScriptedServer();
        broken.failSend = true;
        scripts.add(broken);
        try (ServerLinks servers = links()) {
            AttemptResult.NoResponse none = assertInstanceOf(AttemptResult.NoResponse.class,
                    attempt(world(""), servers, client(true)));
            assertEquals(502, none.status());
            assertEquals("SH", none.state().code());
            assertTrue(broken.closed);
            assertFalse(scripts.iterator().hasNext(), "a new connection is not retried");
        }
    }

    @Test
    void aClientThatLeavesDuringAnInterimResponseEndsTheAttempt() throws Exception {
        ScriptedServer server = new ScriptedServer(response(100), response(200));
        scripts.add(server);
        ExchangeFixture.RecordingClient client = client(true);
        client.failInterims = true;
        try (ServerLinks servers = links()) {
            assertInstanceOf(AttemptResult.ClientGone.class, attempt(world(""), servers, client));
            assertTrue(server.closed, "the server connection is closed: its response will not be read");
        }
    }

    /** A server connection whose responses are scripted; it records the requests sent on it. */
    private static final class ScriptedServer implements ServerMux, ServerStream {
        private final Deque<ResponseArrival> answers;
        final List<String> requests = new ArrayList<>();
        boolean failSend;
        /** What sending the request head throws, when set. */
        IOException sendFailure;
        boolean closed;

        ScriptedServer(ResponseArrival... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public ServerStream openStream() {
            return this;
        }

        @Override
        public void idle() {
        }

        @Override
        public boolean looksReusable(long waitMillis) {
            return !closed;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void sendRequestHead(RequestHead head, Announcement announcement) throws IOException {
            if (failSend) {
                throw new IOException("Broken pipe");
            }
            if (sendFailure != null) {
                throw sendFailure;
            }
            requests.add(head.requestLine() + " " + announcement);
        }

        @Override
        public BodySink requestBodySink(BodySource body, boolean trailers) {
            throw new UnsupportedOperationException("no body in these tests");
        }

        @Override
        public void flush() {
        }

        @Override
        public ResponseArrival receiveResponse(String method, long timeoutMillis) {
            return answers.removeFirst();
        }

        @Override
        public TunnelEnd tunnelEnd() {
            throw new UnsupportedOperationException("tunnels are tested on the wire");
        }

        @Override
        public void abort() {
            throw new UnsupportedOperationException("no body in these tests: nothing aborts");
        }
    }
}
