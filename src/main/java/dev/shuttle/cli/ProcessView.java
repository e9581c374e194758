package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.RingConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.tls.CertificateStore;
import dev.shuttle.tls.FrontTls;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /** A TLS listener as {@code show ssl sni} lists it: its frontend, its bind line, its certificates. */
    record TlsListener(String frontend, SourceLocation bind, FrontTls tls) {}

    /** The process's certificates, which {@code set ssl cert} replaces. */
    default CertificateStore certificates() {
        return new CertificateStore(Map.of());
    }

    /** The TLS listeners, one per {@code bind ... ssl} line. */
    default List<TlsListener> tlsListeners() {
        return List.of();
    }

    /** The TLS counters of {@code show info}. */
    default TlsCounters tlsCounters() {
        return new TlsCounters();
    }

    /**
     * Stops a frontend for good ({@code shutdown frontend}): its listeners close, releasing their
     * ports; the connections it accepted go on. False when it was stopped already.
     */
    default boolean shutdownFrontend(Frontend frontend) {
        throw new UnsupportedOperationException("this process view cannot stop a frontend");
    }

    /** The {@code ring} sections, sorted by name, for {@code show events}. */
    default List<RingConfig> rings() {
        return List.of();
    }
}
