package dev.shuttle.bench.jmh;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.Server;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Server choice and slot accounting: {@link Backend#acquire} (load balancer pick under the
 * backend lock) then {@link Backend#release}, alone and with 4 threads on one backend (the lock
 * every connection of a backend goes through).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BackendBench {
    @Param({"roundrobin", "leastconn", "first"})
    public String balance;

    @Param({"8"})
    public int servers;

    private Backend backend;

    @Setup
    public void makeBackend() {
        backend = new Backend(Configs.load(Configs.write(Configs.backend(balance, servers, 0)))
                .backend("be").orElseThrow());
    }

    @Benchmark
    public Server acquireRelease() throws InterruptedException {
        Server server = backend.acquire(Set.of(), 0).orElseThrow();
        backend.release(server);
        return server;
    }

    @Benchmark
    @Threads(4)
    public Server acquireReleaseContended4() throws InterruptedException {
        Server server = backend.acquire(Set.of(), 0).orElseThrow();
        backend.release(server);
        return server;
    }
}
