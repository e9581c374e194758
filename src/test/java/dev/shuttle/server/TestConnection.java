package dev.shuttle.server;

import java.util.concurrent.atomic.AtomicInteger;

/** A pooled connection without a socket: it counts its closes and answers liveness checks as told. */
final class TestConnection extends PooledConnection {
    final AtomicInteger closes = new AtomicInteger();
    volatile boolean alive = true;

    TestConnection(long hash) {
        super(hash);
    }

    @Override
    public boolean stillUsable(long waitMillis) {
        return alive;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
