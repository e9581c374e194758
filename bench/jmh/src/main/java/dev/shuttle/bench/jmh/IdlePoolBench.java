package dev.shuttle.bench.jmh;

import dev.shuttle.server.IdleConnectionPool;
import dev.shuttle.server.PooledConnection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The pool operations of every keep-alive request: take an idle connection, then put it back
 * ({@link IdleConnectionPool#take}, {@link IdleConnectionPool#putBack}), alone and with 4 threads
 * on one server's pool (its lock is what every request to the server goes through). The pool
 * holds 64 connections so that a take always finds one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdlePoolBench {
    private static final long HASH = 0x5eed;

    /** A connection without a socket: the pool only looks at its hash and state. */
    private static final class BenchConnection extends PooledConnection {
        BenchConnection() {
            super(HASH);
        }

        @Override
        public boolean stillUsable(long waitMillis) {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private IdleConnectionPool pool;

    @Setup(Level.Trial)
    public void fillPool() {
        pool = new IdleConnectionPool(-1);
        for (int i = 0; i < 64; i++) {
            BenchConnection connection = new BenchConnection();
            pool.register(connection);
            pool.putBack(connection, true);
        }
    }

    private PooledConnection takeAndPutBack() {
        PooledConnection connection = pool.take(HASH, IdleConnectionPool.Order.IDLE_THEN_SAFE);
        pool.putBack(connection, true);
        return connection;
    }

    @Benchmark
    @Threads(1)
    public PooledConnection takePut() {
        return takeAndPutBack();
    }

    @Benchmark
    @Threads(4)
    public PooledConnection takePutContended4() {
        return takeAndPutBack();
    }
}
