package dev.shuttle.stats;

import java.util.Optional;

/**
 * Every field of {@code show info}, in HAProxy 3.5's order (management.txt §9.3, "show info";
 * tags and types as §9.2 gives them): its name, the metric name a Prometheus exporter builds from
 * it, how its value is encoded and tagged, and what it means. The ordinal is its position in the
 * typed and JSON outputs.
 */
public enum InfoField {
    NAME("Name", null, FieldType.STR, "POSV",
            "Product name"),
    VERSION("Version", null, FieldType.STR, "POSV",
            "Product version"),
    RELEASE_DATE("Release_date", null, FieldType.STR, "POSV",
            "Date the product's source was last updated"),
    NBTHREAD("Nbthread", "nbthread", FieldType.U32, "CGSV",
            "Threads the process runs"),
    NBPROC("Nbproc", "nbproc", FieldType.U32, "CGSV",
            "Processes started (always 1)"),
    PROCESS_NUM("Process_num", "relative_process_id", FieldType.U32, "KGPV",
            "This process's relative number (1)"),
    PID("Pid", null, FieldType.U32, "SGPV",
            "Operating-system process id"),
    UPTIME("Uptime", null, FieldType.STR, "MDPV",
            "Time since the process started, as days, hours, minutes and seconds"),
    UPTIME_SEC("Uptime_sec", "uptime_seconds", FieldType.U32, "MDPV",
            "Time since the process started, in seconds"),
    MEMMAX_MB("Memmax_MB", null, FieldType.U32, "CLPV",
            "Memory limit in megabytes (0: none)"),
    POOLALLOC_MB("PoolAlloc_MB", null, FieldType.U32, "MGPV",
            "Memory held by buffer pools, in megabytes"),
    POOLUSED_MB("PoolUsed_MB", null, FieldType.U32, "MGPV",
            "Memory of the pools in use, in megabytes"),
    POOLFAILED("PoolFailed", "pool_failures_total", FieldType.U32, "MCPV",
            "Pool allocations that failed"),
    ULIMIT_N("Ulimit-n", "max_fds", FieldType.U32, "CLPV",
            "Limit on open file descriptors"),
    MAXSOCK("Maxsock", "max_sockets", FieldType.U32, "CLPV",
            "Sockets the process may hold at most"),
    MAXCONN("Maxconn", "max_connections", FieldType.U32, "CLPV",
            "Concurrent connections allowed at most (maxconn)"),
    HARD_MAXCONN("Hard_maxconn", "hard_max_connections", FieldType.U32, "CLPV",
            "The connection limit maxconn may be raised to at run time"),
    CURRCONNS("CurrConns", "current_connections", FieldType.U32, "MGPV",
            "Connections open now"),
    CUMCONNS("CumConns", "connections_total", FieldType.U32, "MCPV",
            "Connections accepted since start"),
    CUMREQ("CumReq", "requests_total", FieldType.U32, "MCPV",
            "HTTP requests received since start"),
    MAXSSLCONNS("MaxSslConns", "max_ssl_connections", FieldType.U32, "MMPV",
            "Concurrent TLS connections allowed at most"),
    CURRSSLCONNS("CurrSslConns", "current_ssl_connections", FieldType.U32, "MGPV",
            "TLS connections open now"),
    CUMSSLCONNS("CumSslConns", "ssl_connections_total", FieldType.U32, "MCPV",
            "TLS connections established since start"),
    MAXPIPES("Maxpipes", "max_pipes", FieldType.U32, "CLPV",
            "Pipes allowed at most (splicing)"),
    PIPESUSED("PipesUsed", "pipes_used_total", FieldType.U32, "MGPV",
            "Pipes in use"),
    PIPESFREE("PipesFree", "pipes_free_total", FieldType.U32, "MGPV",
            "Pipes allocated and free"),
    CONNRATE("ConnRate", "current_connection_rate", FieldType.U32, "MRPV",
            "Connections accepted over the last second"),
    CONNRATELIMIT("ConnRateLimit", "limit_connection_rate", FieldType.U32, "CLPV",
            "Limit on new connections per second"),
    MAXCONNRATE("MaxConnRate", "max_connection_rate", FieldType.U32, "MMPV",
            "Highest connection rate seen"),
    SESSRATE("SessRate", "current_session_rate", FieldType.U32, "MRPV",
            "Sessions started over the last second"),
    SESSRATELIMIT("SessRateLimit", "limit_session_rate", FieldType.U32, "CLPV",
            "Limit on new sessions per second"),
    MAXSESSRATE("MaxSessRate", "max_session_rate", FieldType.U32, "MRPV",
            "Highest session rate seen"),
    SSLRATE("SslRate", "current_ssl_rate", FieldType.U32, "MRPV",
            "TLS sessions started over the last second"),
    SSLRATELIMIT("SslRateLimit", "limit_ssl_rate", FieldType.U32, "CLPV",
            "Limit on new TLS sessions per second"),
    MAXSSLRATE("MaxSslRate", "max_ssl_rate", FieldType.U32, "MMPV",
            "Highest TLS session rate seen"),
    SSLFRONTENDKEYRATE("SslFrontendKeyRate", "current_frontend_ssl_key_rate", FieldType.U32, "MGPV",
            "Full TLS handshakes with clients over the last second"),
    SSLFRONTENDMAXKEYRATE("SslFrontendMaxKeyRate", "max_frontend_ssl_key_rate", FieldType.U32, "MMPV",
            "Highest such rate seen"),
    SSLFRONTENDSESSIONREUSE_PCT("SslFrontendSessionReuse_pct", "frontend_ssl_reuse", FieldType.U32, "MGPV",
            "Client TLS handshakes that resumed a session, in percent"),
    SSLBACKENDKEYRATE("SslBackendKeyRate", "current_backend_ssl_key_rate", FieldType.U32, "MRPV",
            "Full TLS handshakes with servers over the last second"),
    SSLBACKENDMAXKEYRATE("SslBackendMaxKeyRate", "max_backend_ssl_key_rate", FieldType.U32, "MMPV",
            "Highest such rate seen"),
    SSLCACHELOOKUPS("SslCacheLookups", "ssl_cache_lookups_total", FieldType.U32, "MCPV",
            "Lookups in the TLS session cache"),
    SSLCACHEMISSES("SslCacheMisses", "ssl_cache_misses_total", FieldType.U32, "MCPV",
            "Misses in the TLS session cache"),
    COMPRESSBPSIN("CompressBpsIn", "http_comp_bytes_in_total", FieldType.U32, "MRPV",
            "Bytes per second given to HTTP compression"),
    COMPRESSBPSOUT("CompressBpsOut", "http_comp_bytes_out_total", FieldType.U32, "MRPV",
            "Bytes per second produced by HTTP compression"),
    COMPRESSBPSRATELIM("CompressBpsRateLim", "limit_http_comp", FieldType.U32, "CLPV",
            "Limit on compression input per second"),
    ZLIBMEMUSAGE("ZlibMemUsage", "current_zlib_memory", FieldType.U32, "MGPV",
            "Memory used by compression"),
    MAXZLIBMEMUSAGE("MaxZlibMemUsage", "max_zlib_memory", FieldType.U32, "CLPV",
            "Limit on memory for compression"),
    TASKS("Tasks", "current_tasks", FieldType.U32, "MGPV",
            "Tasks the scheduler holds"),
    RUN_QUEUE("Run_queue", "current_run_queue", FieldType.U32, "MGPV",
            "Tasks ready to run"),
    IDLE_PCT("Idle_pct", "idle_time_percent", FieldType.U32, "MaPV",
            "Share of time the threads were idle, in percent"),
    NODE("node", "node", FieldType.STR, "COSV",
            "This node's name (node)"),
    DESCRIPTION("description", "description", FieldType.STR, "COSV",
            "This node's description (description)"),
    STOPPING("Stopping", "stopping", FieldType.U32, "MGPV",
            "1 while the process stops"),
    JOBS("Jobs", "jobs", FieldType.U32, "MGPV",
            "Active jobs: connections, listeners and others"),
    UNSTOPPABLE_JOBS("Unstoppable Jobs", "unstoppable_jobs", FieldType.U32, "MGPV",
            "Jobs a soft stop waits for"),
    LISTENERS("Listeners", "listeners", FieldType.U32, "MGPV",
            "Listening sockets"),
    ACTIVEPEERS("ActivePeers", "active_peers", FieldType.U32, "MGPV",
            "Peers configured"),
    CONNECTEDPEERS("ConnectedPeers", "connected_peers", FieldType.U32, "MGPV",
            "Peers connected"),
    DROPPEDLOGS("DroppedLogs", "dropped_logs_total", FieldType.U32, "MGPV",
            "Log messages lost"),
    BUSYPOLLING("BusyPolling", "busy_polling_enabled", FieldType.U32, "MGPV",
            "1 when busy polling is enabled"),
    FAILEDRESOLUTIONS("FailedResolutions", "failed_resolutions", FieldType.U32, "MGPV",
            "DNS resolutions that failed"),
    TOTALBYTESOUT("TotalBytesOut", "bytes_out_total", FieldType.U64, "MGPV",
            "Bytes sent since start"),
    TOTALSPLICEDBYTESOUT("TotalSplicedBytesOut", "spliced_bytes_out_total", FieldType.U64, "MGPV",
            "Bytes sent by splicing since start"),
    BYTESOUTRATE("BytesOutRate", "bytes_out_rate", FieldType.U64, "MRPV",
            "Bytes sent over the last second"),
    DEBUGCOMMANDSISSUED("DebugCommandsIssued", null, FieldType.U32, "MGPV",
            "Debug commands run through the CLI"),
    CUMRECVLOGS("CumRecvLogs", "recv_logs_total", FieldType.U32, "MCPV",
            "Log messages received by log-forward sections"),
    BUILD_INFO("Build info", "build_info", FieldType.STR, "POSV",
            "The product's build description"),
    MEMMAX_BYTES("Memmax_bytes", "max_memory_bytes", FieldType.U32, "CLPV",
            "Memory limit in bytes (0: none)"),
    POOLALLOC_BYTES("PoolAlloc_bytes", "pool_allocated_bytes", FieldType.U64, "MGPV",
            "Memory held by buffer pools, in bytes"),
    POOLUSED_BYTES("PoolUsed_bytes", "pool_used_bytes", FieldType.U64, "MGPV",
            "Memory of the pools in use, in bytes"),
    START_TIME_SEC("Start_time_sec", "start_time_seconds", FieldType.U32, "MDPV",
            "When the process started, in seconds since the epoch"),
    TAINTED("Tainted", null, FieldType.STR, "SGPV",
            "Flags of conditions that may make the process unreliable (0: none)"),
    TOTALWARNINGS("TotalWarnings", "total_warnings", FieldType.U32, "MCPV",
            "Warnings emitted since start"),
    MAXCONNREACHED("MaxconnReached", null, FieldType.U32, "MCPV",
            "Times the connection limit was reached"),
    BOOTTIME_MS("BootTime_ms", null, FieldType.U32, "MDPV",
            "How long the process took to start, in milliseconds"),
    NICED_TASKS("Niced_tasks", null, FieldType.U32, "MGPV",
            "Tasks running at a lowered priority"),
    CURRSTREAMS("CurrStreams", null, FieldType.U64, "MGPV",
            "Streams open now"),
    CUMSTREAMS("CumStreams", null, FieldType.U64, "MGPV",
            "Streams since start"),
    BLOCKEDTRAFFICWARNINGS("BlockedTrafficWarnings", null, FieldType.U32, "MGPV",
            "Warnings about traffic held up too long"),
    PATTERNSADDED("PatternsAdded", "patterns_added_total", FieldType.U64, "MGPV",
            "Patterns added to maps and ACLs at run time"),
    PATTERNSFREED("PatternsFreed", "patterns_freed_total", FieldType.U64, "MGPV",
            "Patterns freed from maps and ACLs"),
    NBTHREADGROUPS("NbThreadGroups", "nb_thread_groups", FieldType.U32, "CGSV",
            "Thread groups");

    private final String fieldName;
    private final String metricName;
    private final FieldType type;
    private final FieldTags tags;
    private final String description;

    InfoField(String fieldName, String metricName, FieldType type, String tags, String description) {
        this.fieldName = fieldName;
        this.metricName = metricName;
        this.type = type;
        this.tags = new FieldTags(tags);
        this.description = description;
    }

    /** Its name as {@code show info} prints it ({@code CurrConns}). */
    public String fieldName() {
        return fieldName;
    }

    /** The suffix of its Prometheus metric name, if it has one. */
    public Optional<String> metricName() {
        return Optional.ofNullable(metricName);
    }

    public FieldType type() {
        return type;
    }

    public FieldTags tags() {
        return tags;
    }

    public String description() {
        return description;
    }

    public int position() {
        return ordinal();
    }
}
