package dev.shuttle.log;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.server.CheckReport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

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

    /** "backend/server". */
    public String qualifiedName() {
        return backend.name() + "/" + server.name();
    }

    public ServerCheckSettings settings() {
        return server.check();
    }

    /** The address the check connects to over TCP: the server's, with {@code addr} and {@code port} when given. */
    public InetSocketAddress checkTarget() throws UnknownHostException {
        InetSocketAddress own = server.address();
        ServerCheckSettings check = server.check();
        InetAddress host = check.address().isPresent() ? InetAddress.getByName(check.address().get()) : own.getAddress();
        return new InetSocketAddress(host, check.port() > 0 ? check.port() : own.getPort());
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
