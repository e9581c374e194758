package dev.shuttle.listener;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.stats.TrafficCounters;
import dev.shuttle.rules.BackendRule;
import dev.shuttle.sample.FrontendView;
import dev.shuttle.sample.SampleContext;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime side of a proxy with frontend capability: its configuration, its counters, its
 * connection count, and the backend its connections go to.
 */
public final class Frontend implements FrontendView {
    private final ProxyConfig config;
    private final Function<String, Optional<Backend>> backendsByName;
    private final Optional<Backend> defaultBackend;
    private final TrafficCounters counters = new TrafficCounters();
    private final AtomicInteger currentConnections = new AtomicInteger();
    private final ConnectionLimit limit;

    /**
     * @param backendsByName finds a backend by name, for {@code use_backend} rules
     * @param defaultBackend {@code default_backend}, or the proxy itself for a {@code listen}
     */
    public Frontend(ProxyConfig config, Function<String, Optional<Backend>> backendsByName,
                    Optional<Backend> defaultBackend) {
        this.config = config;
        this.backendsByName = backendsByName;
        this.defaultBackend = defaultBackend;
        this.limit = new ConnectionLimit(config.maxconn());
    }

    public ProxyConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** {@code default_backend} (or the proxy itself for a {@code listen}), for settings read before any rule ran. */
    public Optional<Backend> backend() {
        return defaultBackend;
    }

    /**
     * Where this stream goes (configuration.txt, "use_backend"): the first {@code use_backend} rule
     * whose condition holds and whose backend exists, else {@code default_backend}, else none.
     */
    public Optional<Backend> selectBackend(SampleContext context) {
        for (BackendRule rule : config.rules().backendRules()) {
            Optional<Backend> chosen = rule.select(context).flatMap(backendsByName);
            if (chosen.isPresent()) {
                return chosen;
            }
        }
        return defaultBackend;
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** The frontend's own {@code maxconn}: accepting pauses while it is reached. */
    public ConnectionLimit limit() {
        return limit;
    }

    public int currentConnections() {
        return currentConnections.get();
    }

    public void connectionStarted() {
        currentConnections.incrementAndGet();
        counters.sessionStarted();
    }

    public void connectionEnded() {
        currentConnections.decrementAndGet();
    }
}
