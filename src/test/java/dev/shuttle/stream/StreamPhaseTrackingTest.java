package dev.shuttle.stream;

import static dev.shuttle.stream.ExchangeFixture.get;
import static dev.shuttle.stream.ExchangeFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.listener.LiveStream;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.mux.BodySink;
import dev.shuttle.mux.BodySource;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.IncomingResponse;
import dev.shuttle.mux.RequestArrival;
import dev.shuttle.mux.ResponseArrival;
import dev.shuttle.mux.ServerMux;
import dev.shuttle.mux.ServerStream;
import dev.shuttle.mux.TunnelEnd;
import dev.shuttle.server.ShutdownCause;
import dev.shuttle.session.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phase a stream's thread writes as it goes ({@code show sess}): what the runtime API would
 * read at each step of one exchange, seen from the server side as the step happens, and the kill
 * of an exchange that uses a server connection ({@code shutdown session}).
 */
@Timeout(10)
class StreamPhaseTrackingTest {
    @TempDir
    Path directory;

    private ServerSocket origin;

    @BeforeEach
    void listen() throws IOException {
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        origin.close();
    }

    /** What the stream looked like from outside at one step. */
    private record Seen(StreamPhase phase, String backend, String server, int requests, String uri) {
        static Seen of(LiveStream stream) {
            return new Seen(stream.phase(), stream.backend(), stream.server(), stream.requests(), stream.uri());
        }
    }

    @Test
    void eachStepOfAnExchangeIsVisibleAsItHappens() throws Exception {
        ExchangeFixture.World world = ExchangeFixture.world(directory, """
                frontend fe
                    mode http
                    bind :8080
                    default_backend be
                backend be
                    mode http
                    retries 0
                    server s1 127.0.0.1:%d
                """.formatted(origin.getLocalPort()));
        Session session = ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild());
        LiveStream live = session.live();
        assertEquals(StreamPhase.SETTING_UP, live.phase());
        assertEquals(0, live.requests());
        List<Seen> seen = new ArrayList<>();
        ObservingServer server = new ObservingServer(live, seen);
        ExchangeFixture.RecordingClient client =
                new ExchangeFixture.RecordingClient(new RequestArrival.Received(request(get("/index"))), true);
        try (ServerLinks servers = new ServerLinks(new ExchangeFixture.RecordingChild(), (socket, backend) -> server)) {
            live.requestStarted("/index");
            seen.add(Seen.of(live));
            IncomingRequest request = ((RequestArrival.Received) client.arrival()).request();
            RequestDecision.Forward plan = new RequestDecision.Forward(world.backend("be"),
                    HttpConnectionMode.KEEP_ALIVE, false, ServerStream.Announcement.KEEP_ALIVE);
            assertInstanceOf(AttemptResult.Responded.class,
                    new ServerAttempt(session, client, servers, new ExchangeLog(session, client)).run(request, plan));
        }
        assertEquals(List.of(
                new Seen(StreamPhase.ANALYSING, null, null, 1, "/index"),
                // the request head leaves once the phase says so: a stuck send shows as waiting too
                new Seen(StreamPhase.WAITING_RESPONSE, "be", "s1", 1, "/index"),
                new Seen(StreamPhase.WAITING_RESPONSE, "be", "s1", 1, "/index")), seen);
    }

    @Test
    void aKillEndsTheExchangeThroughItsServerConnectionWhenItHasOne() throws Exception {
        ExchangeFixture.World world = ExchangeFixture.world(directory, """
                frontend fe
                    mode http
                    bind :8080
                    default_backend be
                backend be
                    mode http
                    retries 0
                    server s1 127.0.0.1:%d
                """.formatted(origin.getLocalPort()));
        Session session = ExchangeFixture.session(world.frontend("fe"), new ExchangeFixture.RecordingChild());
        LiveStream live = session.live();
        ObservingServer server = new ObservingServer(live, new ArrayList<>());
        server.killWhileWaiting = true;
        ExchangeFixture.RecordingClient client =
                new ExchangeFixture.RecordingClient(new RequestArrival.Received(request(get("/"))), true);
        try (ServerLinks servers = new ServerLinks(new ExchangeFixture.RecordingChild(), (socket, backend) -> server)) {
            live.serverSide(servers::killByAdmin);
            assertFalse(servers.killByAdmin(), "no server connection yet: nothing to end through it");
            IncomingRequest request = ((RequestArrival.Received) client.arrival()).request();
            RequestDecision.Forward plan = new RequestDecision.Forward(world.backend("be"),
                    HttpConnectionMode.KEEP_ALIVE, false, ServerStream.Announcement.KEEP_ALIVE);
            new ServerAttempt(session, client, servers, new ExchangeLog(session, client)).run(request, plan);
            assertTrue(live.killed());
            assertTrue(servers.shutdownPending(), "the exchange ends as an administrator's kill");
            assertEquals(ShutdownCause.KILLED, servers.exchangeEnded());
            assertNull(servers.exchangeEnded(), "cleared for the next exchange");
        }
    }

    /** A server connection that records what the stream shows as its request arrives and as it waits. */
    private static final class ObservingServer implements ServerMux, ServerStream {
        private final LiveStream live;
        private final List<Seen> seen;
        boolean killWhileWaiting;
        boolean aborted;

        ObservingServer(LiveStream live, List<Seen> seen) {
            this.live = live;
            this.seen = seen;
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
            return true;
        }

        @Override
        public boolean isClosed() {
            return aborted;
        }

        @Override
        public void close() {
            aborted = true;
        }

        @Override
        public void sendRequestHead(RequestHead head, Announcement announcement) {
            seen.add(Seen.of(live));
        }

        @Override
        public BodySink requestBodySink(BodySource body, boolean trailers) {
            throw new UnsupportedOperationException("no body here");
        }

        @Override
        public void flush() {
        }

        @Override
        public ResponseArrival receiveResponse(String method, long timeoutMillis) {
            seen.add(Seen.of(live));
            if (killWhileWaiting) {
                live.kill();
                return new ResponseArrival.Absent(false, false);
            }
            return new ResponseArrival.Received(new IncomingResponse(
                    new ResponseHead(HttpVersion.HTTP_1_1, 200, "", new HeaderList()), null, false, true));
        }

        @Override
        public TunnelEnd tunnelEnd() {
            throw new UnsupportedOperationException("no tunnel here");
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }
}
