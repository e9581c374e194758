package dev.shuttle.bench.jmh;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.LogFacts;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.ProxyView;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The log line of every request of the benchmark kit's {@code ka50} scenario: {@code option httplog}
 * (and, for comparison, {@code httplog clf} and {@code tcplog}) rendered from the facts of a
 * small keep-alive exchange, as {@code TrafficLogWriter} does it (a fresh line buffer, then the
 * format). Run with {@code -prof gc} for the bytes allocated per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogLineBench {
    /** The formats of configuration.txt §8.2.3, §8.2.3 (clf) and §8.2.2, as the configuration compiles them. */
    @Param({"httplog", "httplog-clf", "tcplog"})
    public String format;

    private LogFormat compiled;
    private SampleContext context;
    private final LogFacts facts = new Exchange();

    @Setup
    public void compile() throws ConfigException {
        String text = switch (format) {
            case "httplog" -> "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc "
                    + "%ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
            case "httplog-clf" -> "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s "
                    + "%TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl";
            case "tcplog" -> "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";
            default -> throw new IllegalArgumentException(format);
        };
        compiled = LogFormat.compile(text, expression -> {
            throw new ConfigException("no sample expressions here");
        }, LogFormat.Mode.LOG);
        context = new SampleContext(new Frontend(), new InetSocketAddress("127.0.0.1", 43512),
                new InetSocketAddress("127.0.0.1", 19401), null, VariableStore.shared());
        context.phase(Phase.LOG);
    }

    @Benchmark
    public StringBuilder render() {
        StringBuilder line = new StringBuilder(256);
        compiled.renderTo(line, context, facts, true);
        return line;
    }

    /** The frontend {@code fe}: only its name is read. */
    private static final class Frontend implements ProxyView {
        @Override
        public String name() {
            return "fe";
        }

        @Override
        public int id() {
            return 2;
        }

        @Override
        public Captures captures() {
            throw new UnsupportedOperationException("no captures in this bench");
        }

        @Override
        public long timeoutMillis(Timeout kind) {
            return 60_000;
        }

        @Override
        public int retries() {
            return 3;
        }

        @Override
        public Optional<String> defaultBackend() {
            return Optional.of("be");
        }
    }

    /** A GET of 64 bytes answered 200 on a reused server connection, the connection's 20th request. */
    private static final class Exchange implements LogFacts {
        private final long accepted = System.currentTimeMillis();
        private final Optional<String> requestLine = Optional.of("GET /small HTTP/1.1");
        private final Optional<InetSocketAddress> server = Optional.of(new InetSocketAddress("127.0.0.1", 19400));

        @Override public long acceptEpochMillis() { return accepted; }
        @Override public long handshakeMillis() { return 0; }
        @Override public long idleMillis() { return 1; }
        @Override public long requestMillis() { return 0; }
        @Override public long queueMillis() { return 0; }
        @Override public long connectMillis() { return 0; }
        @Override public long dataMillis() { return 1; }
        @Override public long closeMillis() { return 1; }
        @Override public boolean complete() { return true; }
        @Override public int status() { return 200; }
        @Override public long bytesFromClient() { return 94; }
        @Override public long bytesToClient() { return 233; }
        @Override public String terminationState() { return "--"; }
        @Override public int retries() { return 0; }
        @Override public boolean redispatched() { return false; }
        @Override public Optional<String> requestLine() { return requestLine; }
        @Override public List<String> requestCaptures() { return List.of(); }
        @Override public List<String> responseCaptures() { return List.of(); }
        @Override public long serverQueue() { return 0; }
        @Override public long backendQueue() { return 0; }
        @Override public Optional<InetSocketAddress> serverAddress() { return server; }
        @Override public Optional<InetSocketAddress> backendSource() { return Optional.empty(); }
        @Override public String serverName() { return "origin"; }
        @Override public String backendName() { return "be"; }
        @Override public long frontendConnections() { return 50; }
        @Override public long backendConnections() { return 50; }
        @Override public long serverConnections() { return 50; }
        @Override public long streamNumber() { return 123_456; }
        @Override public long logCounter() { return 123_456; }
        @Override public String origin() { return "txn_response"; }
    }
}
