package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.mux.BodySink;
import dev.shuttle.mux.BodySource;
import dev.shuttle.mux.ClientStream;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.IncomingResponse;
import dev.shuttle.mux.RequestArrival;
import dev.shuttle.mux.TunnelEnd;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.session.Session;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the exchange's parts are tested with: a configuration loaded from text and its runtime
 * (frontends, backends, routing, as the process builds them), sessions with fixed addresses, and a
 * client stream that records what the exchange sent instead of writing bytes.
 */
final class ExchangeFixture {
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40000);
    static final InetSocketAddress FRONTEND = new InetSocketAddress("198.51.100.1", 8080);

    private ExchangeFixture() {}

    /** The runtime of a configuration, as the process builds it. */
    record World(Map<String, Frontend> frontends, Map<String, Backend> backends, Routing routing) {
        Frontend frontend(String name) {
            return frontends.get(name);
        }

        Backend backend(String name) {
            return backends.get(name);
        }
    }

    /** Loads {@code text} (timeouts of 1 s are prepended in a defaults section) and builds its runtime. */
    static World world(Path directory, String text) {
        Configuration configuration = load(directory, """
                defaults
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                """ + text);
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (ProxyConfig proxy : configuration.proxies()) {
            if (proxy.kind().hasBackendCapability()) {
                backends.put(proxy.name(), new Backend(proxy));
            }
        }
        Map<String, Frontend> frontends = new LinkedHashMap<>();
        Map<Frontend, Backend> defaults = new HashMap<>();
        for (ProxyConfig proxy : configuration.frontends()) {
            Frontend frontend = new Frontend(proxy);
            frontends.put(proxy.name(), frontend);
            Optional<Backend> fallback = proxy.defaultBackend().map(backends::get)
                    .or(() -> Optional.ofNullable(backends.get(proxy.name())));
            fallback.ifPresent(backend -> defaults.put(frontend, backend));
        }
        return new World(frontends, backends, new Routing(name -> Optional.ofNullable(backends.get(name)), defaults));
    }

    private static Configuration load(Path directory, String text) {
        try {
            Path file = directory.resolve("test.cfg");
            Files.writeString(file, text);
            Diagnostics diagnostics = Diagnostics.collecting();
            return new ConfigLoader(KeywordRegistry.standard()).load(List.of(file), Variables.of(Map.of()), diagnostics)
                    .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session of {@code frontend} from {@link #CLIENT} to {@link #FRONTEND}, accepted now. */
    static Session session(Frontend frontend, RecordingChild child) {
        SampleContext context = new SampleContext(frontend.config(), CLIENT, FRONTEND, "", VariableStore.local());
        return new Session(frontend, "", child, System.currentTimeMillis(), System.nanoTime(), CLIENT, FRONTEND,
                context);
    }

    /** {@code GET <target> HTTP/1.1} with a Host, and the given extra fields (name, value, name, value...). */
    static RequestHead get(String target, String... fields) {
        HeaderList headers = new HeaderList();
        headers.add("Host", "example.com");
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(fields[i], fields[i + 1]);
        }
        return new RequestHead("GET", target, HttpVersion.HTTP_1_1, headers);
    }

    /** A request without a body that asks for nothing special. */
    static IncomingRequest request(RequestHead head) {
        return new IncomingRequest(head, head.requestLine(), false, false, false, false);
    }

    /** Records what a supervisor's child was asked to close on a stop. */
    static final class RecordingChild implements Supervisor.Child {
        final List<Closeable> registered = new ArrayList<>();

        @Override
        public void closeOnAbort(Closeable resource) {
            registered.add(resource);
        }

        @Override
        public void forget(Closeable resource) {
            registered.remove(resource);
        }
    }

    /** Collects the records the exchanges report. */
    static final class RecordingObserver implements SessionObserver {
        final List<ExchangeRecord> exchanges = new ArrayList<>();
        final List<SessionRecord> sessions = new ArrayList<>();

        @Override
        public void ended(SessionRecord record) {
            sessions.add(record);
        }

        @Override
        public void exchangeEnded(ExchangeRecord record) {
            exchanges.add(record);
        }
    }

    /**
     * A client stream that records what the exchange sends. Its request body, when asked to be held,
     * is {@link #body}; bodies, tunnels and forwarded responses are not its business (the VTC tests
     * cover them on the wire).
     */
    static final class RecordingClient implements ClientStream {
        final RequestArrival arrival;
        final boolean first;
        /** What {@link #bufferRequestBody} returns. */
        BufferedBody body = BufferedBody.STREAMED;
        final List<Integer> interims = new ArrayList<>();
        /** Whether sending an interim response fails, as to a client that left. */
        boolean failInterims;
        final List<String> sent = new ArrayList<>();
        long bytes;

        RecordingClient(RequestArrival arrival, boolean first) {
            this.arrival = arrival;
            this.first = first;
        }

        @Override
        public RequestArrival arrival() {
            return arrival;
        }

        @Override
        public long startedAtMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long startedNanos() {
            return System.nanoTime();
        }

        @Override
        public boolean firstOfConnection() {
            return first;
        }

        @Override
        public BodySource requestBody() {
            throw new UnsupportedOperationException("no body in these tests");
        }

        @Override
        public BufferedBody bufferRequestBody(long timeoutMillis, long atLeast) {
            return body;
        }

        @Override
        public void sendInterim(ResponseHead head) throws IOException {
            if (failInterims) {
                throw new IOException("Broken pipe");
            }
            interims.add(head.status());
        }

        @Override
        public boolean responseNeedsClose(IncomingResponse response) {
            return false;
        }

        @Override
        public BodySink sendResponseHead(ResponseHead head, IncomingResponse response, boolean close, boolean trailers) {
            throw new UnsupportedOperationException("responses are forwarded on the wire in the VTC tests");
        }

        @Override
        public long sendReply(ErrorResponse message, boolean close) {
            sent.add("reply " + message.status() + (close ? " close" : " keep-alive"));
            bytes += 100;
            return 100;
        }

        @Override
        public long sendReply(ResponseHead head, byte[] body, boolean close) {
            sent.add("rewritten reply " + head.status() + (close ? " close" : " keep-alive"));
            bytes += 100;
            return 100;
        }

        @Override
        public long sendErrorWithoutRequest(int status) {
            sent.add("error " + status);
            bytes += 50;
            return 50;
        }

        @Override
        public TunnelEnd switchToTunnel(ResponseHead head) {
            throw new UnsupportedOperationException("tunnels are tested on the wire");
        }

        @Override
        public long bytesWritten() {
            return bytes;
        }
    }
}
