package dev.shuttle.stream;

import static dev.shuttle.stream.ExchangeFixture.get;
import static dev.shuttle.stream.ExchangeFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.http.RequestHead;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.RequestArrival;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.session.Session;
import java.io.EOFException;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The termination events and {@code fc_err} an HTTP exchange leaves for its log line, compared
 * with what HAProxy 3.5 logs for {@code %[term_events]} and {@code %[fc_err]} in the same case.
 */
class ClientSideEventsTest {
    @TempDir
    Path directory;

    private static final String CONFIG = """
            frontend fe
                mode http
                bind :8080
                default_backend be
                %s
            backend be
                mode http
                retries 0
                server s1 127.0.0.1:1
            """;

    private SampleContext run(String frontendLines, RequestArrival arrival) throws Exception {
        ExchangeFixture.World world = ExchangeFixture.world(directory, CONFIG.formatted(frontendLines));
        ExchangeFixture.RecordingClient client = new ExchangeFixture.RecordingClient(arrival, true);
        Session session = ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild());
        try (ServerLinks servers = new ServerLinks(new ExchangeFixture.RecordingChild(), (socket, backend) -> {
            throw new AssertionError("no server connection is made in these tests");
        })) {
            new HttpExchange(session, client, servers, world.routing(), new ExchangeFixture.RecordingObserver()).run();
        }
        return session.context();
    }

    @Test
    void aClientThatClosesInItsRequestHeadHasNoStream() throws Exception {
        SampleContext context = run("", new RequestArrival.Absent(false, true));
        assertEquals("{f2,m5,-,-,-,-,-}", context.terminationEvents().describe());
        assertEquals(Optional.empty(), context.frontError());
    }

    @Test
    void aMalformedRequestHeadIsTheClientMuxsProtocolError() throws Exception {
        SampleContext context = run("", new RequestArrival.Malformed(400));
        assertEquals("{,m9,-,-,-,-,-}", context.terminationEvents().describe());
    }

    @Test
    void aRequestHeadNotImplementedIsAnotherMuxError() throws Exception {
        SampleContext context = run("", new RequestArrival.Malformed(501));
        assertEquals("{,mB,-,-,-,-,-}", context.terminationEvents().describe());
    }

    @Test
    void aClientThatResetsInItsRequestHeadIsEreset() throws Exception {
        SampleContext context = run("", new RequestArrival.Absent(false, true, new SocketException("Connection reset")));
        assertEquals("{f3,m6,-,-,-,-,-}", context.terminationEvents().describe());
        assertEquals(Optional.of(ConnectionError.ERESET), context.frontError());
    }

    @Test
    void aRequestHeadThatTimesOutLeavesNoEvent() throws Exception {
        assertEquals("{,,-,-,-,-,-}", run("", new RequestArrival.Absent(true, true)).terminationEvents().describe());
    }

    @Test
    void aRequestARuleAnswersIsIntercepted() throws Exception {
        SampleContext context = run("http-request deny", new RequestArrival.Received(request(get("/"))));
        assertEquals("{,,e1,s8S1s1,,-,-}", context.terminationEvents().describe());
    }

    @Test
    void aServedRequestOnAConnectionThatCloses() throws Exception {
        RequestHead head = get("/ok", "Connection", "close");
        SampleContext context = run("http-request return status 200 if { path /ok }",
                new RequestArrival.Received(new IncomingRequest(head, head.requestLine(), false, true, false, false)));
        // A return rule intercepts, and the connection closes after it as the client asked (as 3.5
        // logs it for a deny with "Connection: close").
        assertEquals("{f1,m1,e1,s8S1s1,,-,-}", context.terminationEvents().describe());
    }

    @Test
    void aRefusedConnectEndsTheServerSideFirst() throws Exception {
        SampleContext context = run("", new RequestArrival.Received(request(get("/"))));
        // As HAProxy 3.5 logs it: the client connection stays open after the 503 (no f1, m1).
        assertEquals("{,,e1,S1s1,,,F7}", context.terminationEvents().describe());
        assertEquals(Optional.of(ConnectionError.EREFUSED), context.backError());
    }

    /** A stream with a server connection, as the exchanges below have when the client leaves. */
    private static SampleContext streamWithServer() {
        SampleContext context = new SampleContext(null, null, null, "", VariableStore.local());
        context.beginExchange(get("/"));
        context.terminationEvents().backConnectionOpened();
        return context;
    }

    @Test
    void aClientThatResetsInItsRequestBodyTruncatesItAsIn35() {
        SampleContext context = streamWithServer();
        ClientSideEvents.requestBodyBroken(context, new SocketException("Connection reset"));
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f3,m6m1,e6e1,s5s1S1,E1,M1,F1}", context.terminationEvents().describe());
        assertEquals(Optional.of(ConnectionError.ERESET), context.frontError());
    }

    @Test
    void aClientThatClosesInItsRequestBodyTruncatesItAsIn35() {
        SampleContext context = streamWithServer();
        ClientSideEvents.requestBodyBroken(context, new EOFException("client closed"));
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f2f1,m5m1,e5e1,s5s1S1,E1,M1,F1}", context.terminationEvents().describe());
        assertEquals(Optional.empty(), context.frontError());
    }

    @Test
    void aClientThatLeavesDuringTheResponseBodyIsAReceiveErrorAsIn35() {
        SampleContext context = streamWithServer();
        ClientSideEvents.responseWriteFailed(context, new SocketException("Connection reset"));
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f3,m1,e1,s3s1S1,E1,M1,F1}", context.terminationEvents().describe(),
                "no shutdown of the client socket after its error");
        assertEquals(Optional.of(ConnectionError.ERESET), context.frontError());
    }

    @Test
    void aTlsClientThatLeavesDuringTheResponseBodyIsAlsoATransportErrorAsIn35() {
        // 3.5, checked live (log difftest term-events-tls-http-reset): {f3x3,m1,e1,s3s1S1,E1,M1,F1}.
        SampleContext context = streamWithServer();
        context.terminationEvents().overTls(true);
        ClientSideEvents.responseWriteFailed(context, new SocketException("Connection reset"));
        ClientSideEvents.exchangeEnded(context, true);
        assertEquals("{f3x3,m1,e1,s3s1S1,E1,M1,F1}", context.terminationEvents().describe());
        assertEquals(Optional.of(ConnectionError.ERESET), context.frontError());
    }
}
