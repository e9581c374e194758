package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.BackendTemplates;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.listener.ConnectionLimit;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.ProcessRates;
import dev.shuttle.pattern.PatternReference;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.LogServerControl;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.Server;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.tls.CertificateStore;
import dev.shuttle.tls.FrontTls;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The {@code mode log} backends' state, in proxy id order: their stats rows and state lines. */
    default List<LogBackendStats> logBackends() {
        return List.of();
    }

    /** Where the runtime API changes the {@code mode log} backends' servers (their state and weight). */
    default LogServerControl logServerControl() {
        return LogServerControl.NONE;
    }

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
     * A server was added at runtime ({@code add server}): its health and agent checks start now,
     * and it follows {@code tracked}'s state when it declares {@code track}.
     */
    default void serverAdded(Backend backend, Server server, Optional<Server> tracked) {}

    /**
     * {@code set server <b>/<s> health up|stopping|down}: the server's health counter and state are
     * forced, and the servers tracking it follow. This default, for views without checks, sets the state.
     */
    default void forceHealth(Backend backend, Server server, OperationalState state) {
        backend.setCheckedState(server, state, ", changed from CLI");
    }

    /** {@code set server <b>/<s> agent up|down}: the agent's verdict is forced, and the server's state with it. */
    default void forceAgent(Backend backend, Server server, boolean up) {
        backend.setCheckedState(server, up ? OperationalState.UP : OperationalState.DOWN, ", changed from CLI");
    }

    /** A server was removed at runtime ({@code del server}): what followed it lets it go. */
    default void serverRemoved(Backend backend, Server server) {}

    /**
     * The server {@code add server <backend>/<name> <arguments...>} describes, read as the
     * configuration's server lines are (management.txt §9.3), or the parser's refusal. This
     * default, for views that cannot add servers, refuses every one.
     */
    default ServerConfig dynamicServer(ProxyConfig backend, String name, List<String> arguments)
            throws ConfigException {
        throw new ConfigException("this process cannot add servers at runtime.");
    }

    /** The server keywords {@code add server} accepts, as {@code add server help} lists them. */
    default List<String> dynamicServerKeywords() {
        return List.of();
    }

    /**
     * Stops a frontend for good ({@code shutdown frontend}): its listeners close, releasing their
     * ports; the connections it accepted go on. False when it was stopped already.
     */
    default boolean shutdownFrontend(Frontend frontend) {
        throw new UnsupportedOperationException("this process view cannot stop a frontend");
    }

    /** The pattern references of the ACLs and maps, in id order ({@code show map}, {@code show acl}). */
    default List<PatternReference> patternReferences() {
        return List.of();
    }

    /** The process's {@code maxconn}, which {@code set maxconn global} changes; empty when there is none to change. */
    default Optional<ConnectionLimit> processLimit() {
        return Optional.empty();
    }

    /** The process's {@code maxconnrate} and {@code maxsessrate}, which {@code set rate-limit} changes; empty when there are none to change. */
    default Optional<ProcessRates> processRates() {
        return Optional.empty();
    }

    /** The named defaults sections backends can be built from ({@code add backend}). */
    default BackendTemplates backendTemplates() {
        return BackendTemplates.NONE;
    }

    /** "backend be", "frontend fe" or "proxy li": what already bears {@code name}, if anything. */
    default Optional<String> proxyNamed(String name) {
        return Optional.empty();
    }

    /** The id a new proxy gets: one more than the highest in use. */
    default int nextProxyId() {
        return 1;
    }

    /** Starts a backend built at run time ({@code add backend}); switching may find it at once (once published). */
    default Backend addBackend(ProxyConfig config) {
        throw new UnsupportedOperationException("this process view cannot add backends");
    }

    /** Forgets a backend ({@code del backend}), checked removable by the caller. */
    default void removeBackend(Backend backend) {
        throw new UnsupportedOperationException("this process view cannot remove backends");
    }

    /**
     * Whether the loaded configuration names the backend (a {@code default_backend}, a
     * {@code use_backend} with a fixed name): such a backend cannot be deleted.
     */
    default boolean referencedByConfiguration(Backend backend) {
        return true;
    }

    /** The {@code proc} variables ({@code get var}, {@code set var}); empty when the process has none. */
    default Optional<VariableStore> processVariables() {
        return Optional.empty();
    }

    /** The {@code ring} sections, sorted by name, for {@code show events}. */
    default List<RingConfig> rings() {
        return List.of();
    }
}
