package dev.shuttle.bench.jmh;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.server.ConnectionHash;
import dev.shuttle.server.Server;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The connection hash every pooled request computes: the full mix of its parameters
 * ({@link ConnectionHash#of}), and a server's lookup, which is precomputed for a fixed port and
 * mixed per request for a server that follows the client's port.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConnectionHashBench {
    private Server fixedPort;
    private Server clientPort;
    private int port = 8080;
    private long target = 3;
    private String host = "192.168.10.20";

    @Setup
    public void makeServers() {
        SourceLocation where = new SourceLocation("bench.cfg", 1);
        fixedPort = new Server(new ServerConfig(where, "fixed",
                new Address.Inet("192.168.10.20", 8080, Address.Family.ANY), 1, 1, 0, false, false), "be");
        clientPort = new Server(new ServerConfig(where, "follows",
                new Address.Inet("192.168.10.20", 0, Address.Family.ANY), 2, 1, 0, false, false), "be");
    }

    @Benchmark
    public long mixParameters() {
        return ConnectionHash.of(target, host, port);
    }

    @Benchmark
    public long serverWithFixedPort() {
        return fixedPort.connectionHash(port);
    }

    @Benchmark
    public long serverFollowingClientPort() {
        return clientPort.connectionHash(port);
    }
}
