package dev.shuttle.config;

import dev.shuttle.sample.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code global} section: process-wide settings. Immutable once loading has finished.
 *
 * @param maxconn          connections the whole process accepts at once
 * @param nbthread         carrier threads for the virtual-thread scheduler; 0 = one per core
 * @param hardStopAfterMillis how long a soft stop may wait for connections to end; 0 = forever
 * @param graceMillis      how long a stopping process keeps accepting before closing its listeners
 * @param bufferSize       {@code tune.bufsize}: the size of one I/O buffer
 * @param maxRewrite       {@code tune.maxrewrite}: room kept free in a buffer for header rewrites
 * @param statsTimeoutMillis idle timeout of a runtime API connection
 * @param tls              the TLS session cache, and the TLS files the configuration named
 * @param processVariables the {@code proc} variables the global section set ({@code set-var}), by name
 * @param checks           {@code spread-checks}, {@code max-spread-checks}, {@code external-check},
 *                         {@code insecure-fork-wanted}
 * @param maxConnectionRate {@code maxconnrate}: connections the process accepts per second; 0 = no limit
 * @param maxSessionRate   {@code maxsessrate}: sessions the process accepts per second; 0 = no limit
 * @param statsFile        {@code stats-file}: the counters to preload at start ({@code dump stats-file}'s format)
 * @param http2            the {@code tune.h2.*} settings of HTTP/2 client connections
 */
public record GlobalConfig(int maxconn, int nbthread, Optional<Path> pidfile, boolean daemon, List<LogTarget> logs,
                           long hardStopAfterMillis, long graceMillis, int bufferSize, int maxRewrite,
                           List<StatsSocketConfig> statsSockets, long statsTimeoutMillis, String nodeName,
                           TlsGlobalSettings tls, Map<String, Sample> processVariables, CheckGlobals checks,
                           int maxConnectionRate, int maxSessionRate, Optional<Path> statsFile,
                           Http2Tunables http2) {
    public GlobalConfig {
        logs = List.copyOf(logs);
        statsSockets = List.copyOf(statsSockets);
        processVariables = Map.copyOf(processVariables);
    }

    /** Without {@code tune.h2.*} settings. */
    public GlobalConfig(int maxconn, int nbthread, Optional<Path> pidfile, boolean daemon, List<LogTarget> logs,
                        long hardStopAfterMillis, long graceMillis, int bufferSize, int maxRewrite,
                        List<StatsSocketConfig> statsSockets, long statsTimeoutMillis, String nodeName,
                        TlsGlobalSettings tls, Map<String, Sample> processVariables, CheckGlobals checks,
                        int maxConnectionRate, int maxSessionRate, Optional<Path> statsFile) {
        this(maxconn, nbthread, pidfile, daemon, logs, hardStopAfterMillis, graceMillis, bufferSize, maxRewrite,
                statsSockets, statsTimeoutMillis, nodeName, tls, processVariables, checks, maxConnectionRate,
                maxSessionRate, statsFile, Http2Tunables.DEFAULTS);
    }

    /** Without health-check globals. */
    public GlobalConfig(int maxconn, int nbthread, Optional<Path> pidfile, boolean daemon, List<LogTarget> logs,
                        long hardStopAfterMillis, long graceMillis, int bufferSize, int maxRewrite,
                        List<StatsSocketConfig> statsSockets, long statsTimeoutMillis, String nodeName,
                        TlsGlobalSettings tls, Map<String, Sample> processVariables,
                        int maxConnectionRate, int maxSessionRate, Optional<Path> statsFile) {
        this(maxconn, nbthread, pidfile, daemon, logs, hardStopAfterMillis, graceMillis, bufferSize, maxRewrite,
                statsSockets, statsTimeoutMillis, nodeName, tls, processVariables, CheckGlobals.DEFAULTS,
                maxConnectionRate, maxSessionRate, statsFile);
    }

    /** Without process-wide rate limits nor a stats file. */
    public GlobalConfig(int maxconn, int nbthread, Optional<Path> pidfile, boolean daemon, List<LogTarget> logs,
                        long hardStopAfterMillis, long graceMillis, int bufferSize, int maxRewrite,
                        List<StatsSocketConfig> statsSockets, long statsTimeoutMillis, String nodeName,
                        TlsGlobalSettings tls, Map<String, Sample> processVariables, CheckGlobals checks) {
        this(maxconn, nbthread, pidfile, daemon, logs, hardStopAfterMillis, graceMillis, bufferSize, maxRewrite,
                statsSockets, statsTimeoutMillis, nodeName, tls, processVariables, checks, 0, 0, Optional.empty());
    }

    /** Without health-check globals, rate limits or a stats file. */
    public GlobalConfig(int maxconn, int nbthread, Optional<Path> pidfile, boolean daemon, List<LogTarget> logs,
                        long hardStopAfterMillis, long graceMillis, int bufferSize, int maxRewrite,
                        List<StatsSocketConfig> statsSockets, long statsTimeoutMillis, String nodeName,
                        TlsGlobalSettings tls, Map<String, Sample> processVariables) {
        this(maxconn, nbthread, pidfile, daemon, logs, hardStopAfterMillis, graceMillis, bufferSize, maxRewrite,
                statsSockets, statsTimeoutMillis, nodeName, tls, processVariables, CheckGlobals.DEFAULTS);
    }

    /** Without TLS. */
    public GlobalConfig(int maxconn, int nbthread, Optional<Path> pidfile, boolean daemon, List<LogTarget> logs,
                        long hardStopAfterMillis, long graceMillis, int bufferSize, int maxRewrite,
                        List<StatsSocketConfig> statsSockets, long statsTimeoutMillis, String nodeName) {
        this(maxconn, nbthread, pidfile, daemon, logs, hardStopAfterMillis, graceMillis, bufferSize, maxRewrite,
                statsSockets, statsTimeoutMillis, nodeName, TlsGlobalSettings.NONE, Map.of());
    }
}
