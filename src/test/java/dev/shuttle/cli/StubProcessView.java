package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import java.time.Instant;
import java.util.List;

/** An idle process for the CLI tests (pid 1, started at the epoch, no traffic); a test overrides what it varies. */
class StubProcessView implements ProcessView {
    private final List<Frontend> frontends;
    private final List<Backend> backends;

    StubProcessView() {
        this(List.of(), List.of());
    }

    StubProcessView(List<Frontend> frontends, List<Backend> backends) {
        this.frontends = frontends;
        this.backends = backends;
    }

    @Override
    public long pid() {
        return 1;
    }

    @Override
    public Instant startTime() {
        return Instant.EPOCH;
    }

    @Override
    public int currentConnections() {
        return 0;
    }

    @Override
    public long cumulativeConnections() {
        return 0;
    }

    @Override
    public int maxconn() {
        return 0;
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public int listeners() {
        return 0;
    }

    @Override
    public boolean stopping() {
        return false;
    }

    @Override
    public long droppedLogs() {
        return 0;
    }

    @Override
    public String nodeName() {
        return "node";
    }

    @Override
    public List<Frontend> frontends() {
        return frontends;
    }

    @Override
    public List<Backend> backends() {
        return backends;
    }
}
