package dev.shuttle.log;

import dev.shuttle.backend.Backend;
import dev.shuttle.bench.jmh.Configs;
import dev.shuttle.config.Configuration;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stream.ExchangeRecord;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The HTTP log line ({@code option httplog}): what a connection's thread pays per request to
 * render it, and to render it and queue it for the stdout writer thread (the write itself happens
 * on that thread, outside the request path). In package {@code dev.shuttle.log} because the line
 * and the writer are package-private there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogLineBench {
    private ExchangeRecord record;
    private StreamLogWriter writer;

    @Setup
    public void makeRecord() throws Exception {
        Configuration configuration = Configs.load(Configs.write("""
                defaults
                    mode http
                    log stdout local0
                    option httplog
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend fe
                    bind 127.0.0.1:18999
                    default_backend be
                backend be
                    server s1 127.0.0.1:9001
                """));
        Backend backend = new Backend(configuration.backend("be").orElseThrow());
        Frontend frontend = new Frontend(configuration.frontends().getFirst(), name -> Optional.of(backend),
                Optional.of(backend));
        record = new ExchangeRecord(frontend, new InetSocketAddress("192.168.10.21", 51234),
                System.currentTimeMillis(), Optional.of(backend), backend.servers().getFirst(), 0, 0, 1, 2, 3, 200,
                1234, "----", 0, false, "GET /index.html?lang=en HTTP/1.1", List.of(), List.of(), Optional.empty());
        writer = new StreamLogWriter(OutputStream.nullOutputStream(), "bench-log-writer");
    }

    @TearDown
    public void close() {
        writer.close();
    }

    @Benchmark
    public CharSequence render() {
        return HttpLogLine.format(record, 12);
    }

    /** Rendering plus the header and the copy into the writer's batch, as for {@code log stdout}. */
    @Benchmark
    public void renderAndQueue() {
        writer.append("<134>Nov 22 00:20:54 shuttle[4242]: ", HttpLogLine.format(record, 12));
    }
}
