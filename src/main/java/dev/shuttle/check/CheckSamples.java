package dev.shuttle.check;

import dev.shuttle.backend.Backend;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.server.Server;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The sample context a check's log-format strings are made in ({@code tcp-check send-lf},
 * {@code http-check send uri-lf|body-lf|hdr}): as in HAProxy, a check has no stream and no client;
 * its proxy is the backend, and its server the one checked ({@code be_name}, {@code srv_name},
 * {@code %b}, {@code %s} answer, a request's fetches find nothing). Fetches are evaluated as at the
 * end of a stream (what needs a request or a response finds nothing).
 */
final class CheckSamples {
    private CheckSamples() {}

    static SampleContext of(Backend backend, Server server) {
        SampleContext context = new SampleContext(backend.config(), null, null, "", VariableStore.local());
        context.backend(backend);
        context.server(server);
        context.phase(Phase.LOG);
        context.logFacts(new CheckFacts(backend, server, System.currentTimeMillis()));
        return context;
    }

    /** What a check's aliases print: the backend and server names, nothing of a stream ({@code %OG} is unspec). */
    private record CheckFacts(Backend backend, Server server, long acceptEpochMillis) implements LogFacts {
        @Override
        public long handshakeMillis() {
            return 0;
        }

        @Override
        public long idleMillis() {
            return -1;
        }

        @Override
        public long requestMillis() {
            return -1;
        }

        @Override
        public long queueMillis() {
            return -1;
        }

        @Override
        public long connectMillis() {
            return -1;
        }

        @Override
        public long dataMillis() {
            return -1;
        }

        @Override
        public long closeMillis() {
            return 0;
        }

        @Override
        public boolean complete() {
            return true;
        }

        @Override
        public int status() {
            return 0;
        }

        @Override
        public long bytesFromClient() {
            return 0;
        }

        @Override
        public long bytesToClient() {
            return 0;
        }

        @Override
        public String terminationState() {
            return "--";
        }

        @Override
        public int retries() {
            return 0;
        }

        @Override
        public boolean redispatched() {
            return false;
        }

        @Override
        public Optional<String> requestLine() {
            return Optional.empty();
        }

        @Override
        public List<String> requestCaptures() {
            return List.of();
        }

        @Override
        public List<String> responseCaptures() {
            return List.of();
        }

        @Override
        public long serverQueue() {
            return 0;
        }

        @Override
        public long backendQueue() {
            return 0;
        }

        @Override
        public Optional<InetSocketAddress> serverAddress() {
            return Optional.empty();
        }

        @Override
        public Optional<InetSocketAddress> backendSource() {
            return Optional.empty();
        }

        @Override
        public String serverName() {
            return server.name();
        }

        @Override
        public String backendName() {
            return backend.name();
        }

        @Override
        public long frontendConnections() {
            return 0;
        }

        @Override
        public long backendConnections() {
            return backend.currentConnections();
        }

        @Override
        public long serverConnections() {
            return server.currentConnections();
        }

        @Override
        public long streamNumber() {
            return 0;
        }

        @Override
        public long logCounter() {
            return 0;
        }

        @Override
        public String origin() {
            return "unspec";
        }
    }
}
