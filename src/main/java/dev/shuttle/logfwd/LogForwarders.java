package dev.shuttle.logfwd;

import dev.shuttle.config.LogForwardConfig;
import dev.shuttle.log.LogClock;
import dev.shuttle.log.SyslogSender;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Every {@code log-forward} section of the configuration, bound and started together, stopped together. */
public final class LogForwarders implements AutoCloseable {
    private final List<LogForwarder> forwarders;

    private LogForwarders(List<LogForwarder> forwarders) {
        this.forwarders = forwarders;
    }

    /**
     * Binds every section's sockets, then starts receiving; if one cannot bind, nothing is left
     * open and the exception says which, in HAProxy's words ({@code Starting log-forward NAME:
     * cannot bind socket (Address already in use) [127.0.0.1:514]}).
     */
    public static LogForwarders start(List<LogForwardConfig> configs, SyslogSender sender, LogClock clock)
            throws IOException {
        List<LogForwarder> bound = new ArrayList<>();
        try {
            for (LogForwardConfig config : configs) {
                bound.add(LogForwarder.bind(config, sender, clock));
            }
        } catch (IOException e) {
            bound.forEach(LogForwarder::close);
            throw e;
        }
        bound.forEach(LogForwarder::start);
        return new LogForwarders(bound);
    }

    @Override
    public void close() {
        forwarders.forEach(LogForwarder::close);
    }
}
