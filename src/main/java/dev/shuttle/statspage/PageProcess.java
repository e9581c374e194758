package dev.shuttle.statspage;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import java.time.Instant;
import java.util.List;

/** What the statistics page reads of the running process: its header and its proxies. */
public interface PageProcess {
    long pid();

    Instant startTime();

    int currentConnections();

    long cumulativeConnections();

    int maxconn();

    int threads();

    String nodeName();

    List<Frontend> frontends();

    List<Backend> backends();
}
