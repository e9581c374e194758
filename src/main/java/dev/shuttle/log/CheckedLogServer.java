package dev.shuttle.log;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.CheckReport;
import dev.shuttle.server.OperationalState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * A server of a {@code mode log} backend declared with {@code check}: where its check connects
 * (the server's address, or {@code addr} and {@code port}: configuration.txt §5.2), and where the
 * check's verdicts go ({@link #healthChanged}): its backend, which stops or resumes sending it
 * lines, and the process's console for HAProxy's state-change message. The check itself lives in
 * the {@code check} package; the process wires the two.
 */
public final class CheckedLogServer {
    private final LogBackend backend;
    private final LogBackendConfig.Server server;
    private final Consumer<String> warnings;
    private final Consumer<String> alerts;

    CheckedLogServer(LogBackend backend, LogBackendConfig.Server server, Consumer<String> warnings,
                     Consumer<String> alerts) {
        this.backend = backend;
        this.server = server;
        this.warnings = warnings;
        this.alerts = alerts;
    }

    /** "backend/server", the server by its name now. */
    public String qualifiedName() {
        return backend.name() + "/" + backend.currentName(server.name());
    }

    /** Its log backend's proxy id: its place among the process's first checks. */
    public int proxyId() {
        return backend.id();
    }

    public ServerCheckSettings settings() {
        return server.check();
    }

    /**
     * The address the next check connects to over TCP, read before each round: the server's own
     * now ({@code set server addr} moves it), with the check's {@code addr} and {@code port} when
     * given (at start, or by {@code set server check-addr|check-port}).
     */
    public InetSocketAddress checkTarget() {
        InetSocketAddress own = backend.address(server.name());
        CheckControl.Target check = backend.checkControl(server.name()).healthTarget();
        try {
            InetAddress host = check.address().isPresent() ? InetAddress.getByName(check.address().get())
                    : own.getAddress();
            return new InetSocketAddress(host, check.port() > 0 ? check.port() : own.getPort());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a check's address is an IP literal (checked when set)", e);
        }
    }

    /** Whether checks are sent now: {@code disable health} stops them until {@code enable health}. */
    public boolean checkEnabled() {
        return backend.checkControl(server.name()).healthEnabled();
    }

    /**
     * How {@code set server ... health} sets the check's counter: {@code force} puts the check in
     * the state given and returns its counter.
     */
    public void countersSetBy(ToIntFunction<OperationalState> force) {
        backend.countersOf(server.name(), force);
    }

    /**
     * A check completed: its result, which the stats show.
     *
     * @param failedWhileUp the check failed and lowered the health of a server still up
     */
    public void checked(CheckReport report, boolean failedWhileUp) {
        backend.checkReported(server.name(), report, failedWhileUp);
    }

    /**
     * The check found the server up or down: its backend follows, and a change is reported as 3.5
     * prints it: a warning, then an alert when the backend has no server in service left.
     */
    public void healthChanged(boolean up, String reason) {
        backend.healthChanged(server.name(), up, reason).ifPresent(change -> {
            warnings.accept(change.message());
            if (change.noServerLeft()) {
                alerts.accept("backend '" + backend.name() + "' has no server available!");
            }
        });
    }
}
