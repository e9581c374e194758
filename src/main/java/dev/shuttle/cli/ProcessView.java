package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import java.time.Instant;
import java.util.List;

/** What the runtime API may read of the running process; implemented by the process itself. */
public interface ProcessView {
    long pid();

    Instant startTime();

    /** Connections open now, across every frontend. */
    int currentConnections();

    /** Connections accepted since start. */
    long cumulativeConnections();

    int maxconn();

    int threads();

    int listeners();

    boolean stopping();

    /** Log lines lost because their target could not take them (a standard stream nobody reads). */
    long droppedLogs();

    String nodeName();

    List<Frontend> frontends();

    List<Backend> backends();
}
