package dev.shuttle.config.parse;

import dev.shuttle.config.CheckGlobals;
import dev.shuttle.config.GlobalConfig;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.StatsSocketConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code global} section while it is being parsed; {@link ConfigResolver} freezes it into a {@link GlobalConfig}. */
public final class GlobalSection {
    int maxconn;
    /** {@code maxconnrate}, {@code maxsessrate}: 0 when not set (no limit). */
    int maxConnectionRate;
    int maxSessionRate;
    /** {@code stats-file}: null when not set. */
    Path statsFile;
    int nbthread;
    Path pidfile;
    boolean daemon;
    final List<LogTarget> logs = new ArrayList<>();
    /** {@code log-send-hostname}: null when not set. */
    String logSendHostname;
    /** {@code log-tag}: null when not set. */
    String logTag;
    /** The {@code ring} sections, by name, in file order. */
    final Map<String, RingSection> rings = new LinkedHashMap<>();
    /** The {@code log-forward} sections, by name, in file order. */
    final Map<String, LogForwardSection> logForwards = new LinkedHashMap<>();
    long hardStopAfterMillis;
    long graceMillis;
    int bufferSize = 16384;
    int maxRewrite = 1024;
    final List<StatsSocketConfig> statsSockets = new ArrayList<>();
    long statsTimeoutMillis = 10_000;
    String nodeName = "";
    /** {@code server-state-file}, or null. */
    String serverStateFile;
    /** {@code server-state-base}, or null. */
    String serverStateBase;
    /** {@code ssl-default-*}, base directories, session cache, and the TLS files read so far. */
    final TlsGlobalSection tls = new TlsGlobalSection();
    /** {@code set-var} and {@code set-var-fmt}: the {@code proc} variables set while loading. */
    final ProcessVariables processVariables = new ProcessVariables();
    /** {@code spread-checks}: 0 when not set. */
    int spreadChecks;
    /** {@code max-spread-checks}: 0 when not set. */
    long maxSpreadChecksMillis;
    CheckGlobals.ExternalChecks externalCheck = CheckGlobals.ExternalChecks.FORBIDDEN;
    boolean insecureForkWanted;
    /** The {@code tune.h2.*} settings of client connections (see {@link dev.shuttle.config.Http2Tunables}). */
    int h2HeaderTableSize = 4096;
    int h2InitialWindowSize;
    int h2FrontInitialWindowSize;
    int h2MaxConcurrentStreams;
    int h2FrontMaxConcurrentStreams;
    int h2MaxFrameSize;
    int h2FrontMaxTotalStreams;
    int h2FrontGlitchesThreshold;
    boolean h2WebsocketDisabled;
    int h2BackInitialWindowSize;
    int h2BackMaxConcurrentStreams;
    int h2BackGlitchesThreshold;
}
