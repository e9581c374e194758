package dev.shuttle.stats;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every column of {@code show stat}, in HAProxy 3.5's order (management.txt §9.1): its CSV name,
 * the metric name a Prometheus exporter builds from it, how its value is encoded and tagged
 * (§9.2), which kinds of rows may carry a value, and what it means.
 *
 * <p>The first {@value #STATIC_FIELDS} columns are the static ones that tools address by position;
 * after them the CSV has a column named {@code -}, then the columns of the HTTP/2, TLS and HTTP/1
 * layers ("extra counters" of the protocol modules), which the typed and JSON outputs number on
 * without a gap. The ordinal of a constant is its {@code pos} in the typed and JSON outputs.
 */
public enum StatField {
    PXNAME("pxname", null, FieldType.STR, "KNSV", null, "LFBS",
            "Name of the proxy (frontend, backend or listen section)"),
    SVNAME("svname", null, FieldType.STR, "KNSV", null, "LFBS",
            "Name of the row within its proxy: FRONTEND, BACKEND, a server's or a listener's name"),
    QCUR("qcur", "current_queue", FieldType.U32, "MGPV", null, "BS",
            "Requests waiting in the queue now (a backend's own queue: requests with no server chosen yet)"),
    QMAX("qmax", "max_queue", FieldType.U32, "MMPV", null, "BS",
            "Most requests seen waiting in the queue at once"),
    SCUR("scur", "current_sessions", FieldType.U32, "MGPV", null, "LFBS",
            "Sessions open now"),
    SMAX("smax", "max_sessions", FieldType.U32, "MMPV", null, "LFBS",
            "Most sessions seen open at once"),
    SLIM("slim", "limit_sessions", FieldType.U32, "CLPV", null, "LFBS",
            "Session limit: maxconn of a frontend, listener or server, fullconn of a backend"),
    STOT("stot", "sessions_total", FieldType.U64, "MCPP", null, "LFBS",
            "Sessions handled since the process started"),
    BIN("bin", "bytes_in_total", FieldType.U64, "MCPP", null, "LFBS",
            "Bytes received from clients (request side) since start"),
    BOUT("bout", "bytes_out_total", FieldType.U64, "MCPP", null, "LFBS",
            "Bytes sent to clients (response side) since start"),
    DREQ("dreq", "requests_denied_total", FieldType.U64, "MCPP", null, "LFB",
            "Requests refused by a deny or tarpit rule"),
    DRESP("dresp", "responses_denied_total", FieldType.U64, "MCPP", null, "LFBS",
            "Responses refused by a rule"),
    EREQ("ereq", "request_errors_total", FieldType.U64, "MCPP", null, "LF",
            "Requests that failed on the client side: malformed, aborted or timed out before complete"),
    ECON("econ", "connection_errors_total", FieldType.U64, "MCPP", null, "BS",
            "Connection attempts to a server that failed"),
    ERESP("eresp", "response_errors_total", FieldType.U64, "MCPP", null, "BS",
            "Responses that failed on the server side: aborted, malformed, or refused while forwarding"),
    WRETR("wretr", "retry_warnings_total", FieldType.U64, "MCPP", null, "BS",
            "Times a connection to a server was tried again"),
    WREDIS("wredis", "redispatch_warnings_total", FieldType.U64, "MCPP", null, "BS",
            "Times a request was sent to another server than the one first chosen"),
    STATUS("status", "status", FieldType.STR, "SGPV", null, "LFBS",
            "State: OPEN/FULL/STOP for frontends and listeners, UP/DOWN/NOLB/DRAIN/MAINT (and transitions) for servers and backends"),
    WEIGHT("weight", "weight", FieldType.U32, "MaPV", null, "BS",
            "Effective weight: of the server, or the sum of the usable servers' for a backend"),
    ACT("act", "active_servers", FieldType.U32, "SGPV", "MGPV", "BS",
            "Active servers usable now (backend), 1 if an active server (server)"),
    BCK("bck", "backup_servers", FieldType.U32, "SGPV", "MGPV", "BS",
            "Backup servers usable now (backend), 1 if a backup server (server)"),
    CHKFAIL("chkfail", "check_failures_total", FieldType.U64, "MCPP", null, "S",
            "Failed health checks while the server was up"),
    CHKDOWN("chkdown", "check_up_down_total", FieldType.U64, "MCPP", null, "BS",
            "Transitions from up to down (a backend counts only its own down transitions)"),
    LASTCHG("lastchg", "check_last_change_seconds", FieldType.U32, "MAPP", null, "BS",
            "Seconds since the last change between up and down"),
    DOWNTIME("downtime", "downtime_seconds_total", FieldType.U32, "MCPV", null, "BS",
            "Seconds spent down in total"),
    QLIMIT("qlimit", "queue_limit", FieldType.U32, "CGSV", null, "S",
            "The server's maxqueue, empty when unlimited"),
    PID("pid", null, FieldType.U32, "KGPV", null, "LFBS",
            "Relative process number, starting at 1"),
    IID("iid", null, FieldType.U32, "KGSV", null, "LFBS",
            "The proxy's numeric id"),
    SID("sid", null, FieldType.U32, "KGSV", null, "LFBS",
            "The server's or listener's numeric id within its proxy, 0 for FRONTEND and BACKEND"),
    THROTTLE("throttle", "current_throttle", FieldType.U32, "MaPV", null, "S",
            "Share of maxconn and weight the server gets during its slowstart ramp, in percent"),
    LBTOT("lbtot", "loadbalanced_total", FieldType.U64, "MCPP", null, "BS",
            "Times the load balancer chose this server (or a server of this backend)"),
    TRACKED("tracked", null, FieldType.STR, "CNSV", null, "S",
            "The backend/server this server follows for its state (track)"),
    TYPE("type", null, FieldType.U32, "CGSV", null, "LFBS",
            "Kind of row: 0 frontend, 1 backend, 2 server, 3 listener"),
    RATE("rate", "current_session_rate", FieldType.U32, "MRPP", null, "FBS",
            "Sessions started over the last second"),
    RATE_LIM("rate_lim", "limit_session_rate", FieldType.U32, "CLPV", null, "F",
            "Limit on new sessions per second (rate-limit sessions)"),
    RATE_MAX("rate_max", "max_session_rate", FieldType.U32, "MMPV", "MGPV", "FBS",
            "Highest session rate seen"),
    CHECK_STATUS("check_status", "check_status", FieldType.STR, "MOPV", null, "S",
            "Outcome of the last health check, as a short code (L4OK, L7STS...)"),
    CHECK_CODE("check_code", "check_code", FieldType.U32, "MOPV", null, "S",
            "Status code the last layer-7 health check received"),
    CHECK_DURATION("check_duration", "check_duration_seconds", FieldType.U64, "MDPV", null, "S",
            "How long the last health check took, in milliseconds"),
    HRSP_1XX("hrsp_1xx", "http_responses_total", FieldType.U64, "MCPP", null, "FBS",
            "HTTP responses with a 1xx status"),
    HRSP_2XX("hrsp_2xx", "http_responses_total", FieldType.U64, "MCPP", null, "FBS",
            "HTTP responses with a 2xx status"),
    HRSP_3XX("hrsp_3xx", "http_responses_total", FieldType.U64, "MCPP", null, "FBS",
            "HTTP responses with a 3xx status"),
    HRSP_4XX("hrsp_4xx", "http_responses_total", FieldType.U64, "MCPP", null, "FBS",
            "HTTP responses with a 4xx status"),
    HRSP_5XX("hrsp_5xx", "http_responses_total", FieldType.U64, "MCPP", null, "FBS",
            "HTTP responses with a 5xx status"),
    HRSP_OTHER("hrsp_other", "http_responses_total", FieldType.U64, "MCPP", null, "FBS",
            "HTTP responses with any other status (or none)"),
    HANAFAIL("hanafail", null, FieldType.U64, "MCPP", null, "S",
            "Errors the server's traffic showed to its observe setting"),
    REQ_RATE("req_rate", null, FieldType.U32, "MRPP", null, "F",
            "HTTP requests over the last second"),
    REQ_RATE_MAX("req_rate_max", "http_requests_rate_max", FieldType.U32, "MMPV", null, "F",
            "Highest HTTP request rate seen"),
    REQ_TOT("req_tot", "http_requests_total", FieldType.U64, "MCPP", null, "FBS",
            "HTTP requests received (frontend) or forwarded (backend, server)"),
    CLI_ABRT("cli_abrt", "client_aborts_total", FieldType.U64, "MCPP", null, "BS",
            "Transfers the client side aborted"),
    SRV_ABRT("srv_abrt", "server_aborts_total", FieldType.U64, "MCPP", null, "BS",
            "Transfers the server side aborted"),
    COMP_IN("comp_in", "http_comp_bytes_in_total", FieldType.U64, "MCPP", null, "FB",
            "Response bytes given to the compressor"),
    COMP_OUT("comp_out", "http_comp_bytes_out_total", FieldType.U64, "MCPP", null, "FB",
            "Response bytes produced by the compressor"),
    COMP_BYP("comp_byp", "http_comp_bytes_bypassed_total", FieldType.U64, "MCPP", null, "FB",
            "Response bytes that skipped the compressor"),
    COMP_RSP("comp_rsp", "http_comp_responses_total", FieldType.U64, "MCPP", null, "FB",
            "Responses compressed"),
    LASTSESS("lastsess", "last_session_seconds", FieldType.S32, "MAPP", null, "BS",
            "Seconds since the last session assigned here, -1 if none"),
    LAST_CHK("last_chk", null, FieldType.STR, "MOPV", null, "S",
            "What the last health check reported, or its error"),
    LAST_AGT("last_agt", null, FieldType.STR, "MOPV", null, "S",
            "What the last agent check reported, or its error"),
    QTIME("qtime", "queue_time_average_seconds", FieldType.U32, "MaPV", null, "BS",
            "Average time in the queue over the last 1024 requests, in milliseconds"),
    CTIME("ctime", "connect_time_average_seconds", FieldType.U32, "MaPV", null, "BS",
            "Average time to connect to a server over the last 1024 requests, in milliseconds"),
    RTIME("rtime", "response_time_average_seconds", FieldType.U32, "MaPV", null, "BS",
            "Average server response time over the last 1024 requests, in milliseconds (0 in TCP)"),
    TTIME("ttime", "total_time_average_seconds", FieldType.U32, "MaPV", null, "BS",
            "Average total session time over the last 1024 requests, in milliseconds"),
    AGENT_STATUS("agent_status", "agent_status", FieldType.STR, "MOPV", null, "S",
            "Outcome of the last agent check, as a short code"),
    AGENT_CODE("agent_code", "agent_code", FieldType.U32, "MOPV", null, "S",
            "Code the last agent check reported"),
    AGENT_DURATION("agent_duration", "agent_duration_seconds", FieldType.U64, "MDPV", null, "S",
            "How long the last agent check took, in milliseconds"),
    CHECK_DESC("check_desc", null, FieldType.STR, "MOPV", null, "S",
            "The health check outcome in words"),
    AGENT_DESC("agent_desc", null, FieldType.STR, "MOPV", null, "S",
            "The agent check outcome in words"),
    CHECK_RISE("check_rise", null, FieldType.U32, "CGSV", null, "S",
            "Consecutive successful checks that bring the server up (rise)"),
    CHECK_FALL("check_fall", null, FieldType.U32, "CGSV", null, "S",
            "Consecutive failed checks that take the server down (fall)"),
    CHECK_HEALTH("check_health", null, FieldType.U32, "CGSV", null, "S",
            "The health counter, from 0 to rise+fall-1"),
    AGENT_RISE("agent_rise", null, FieldType.U32, "CGSV", null, "S",
            "The agent check's rise"),
    AGENT_FALL("agent_fall", null, FieldType.U32, "CGSV", null, "S",
            "The agent check's fall"),
    AGENT_HEALTH("agent_health", null, FieldType.U32, "CGSV", null, "S",
            "The agent check's health counter"),
    ADDR("addr", null, FieldType.STR, "CGSV", null, "LS",
            "Address and port of the server or listener"),
    COOKIE("cookie", null, FieldType.STR, "CNSV", null, "BS",
            "The server's persistence cookie value, or the backend's cookie name"),
    MODE("mode", null, FieldType.STR, "CGSV", null, "LFBS",
            "Proxy mode: tcp or http"),
    ALGO("algo", null, FieldType.STR, "CGSV", null, "B",
            "The backend's balance algorithm"),
    CONN_RATE("conn_rate", null, FieldType.U32, "MRPP", null, "F",
            "Connections accepted over the last second"),
    CONN_RATE_MAX("conn_rate_max", "connections_rate_max", FieldType.U32, "MMPV", null, "F",
            "Highest connection rate seen"),
    CONN_TOT("conn_tot", "connections_total", FieldType.U64, "MCPP", null, "LF",
            "Connections accepted since start"),
    INTERCEPTED("intercepted", "intercepted_requests_total", FieldType.U64, "MCPP", null, "FB",
            "Requests answered by the proxy itself (stats, monitor, redirects and returns)"),
    DCON("dcon", "denied_connections_total", FieldType.U64, "MCPP", null, "LF",
            "Connections refused by tcp-request connection rules"),
    DSES("dses", "denied_sessions_total", FieldType.U64, "MCPP", null, "LF",
            "Sessions refused by tcp-request session rules"),
    WREW("wrew", "failed_header_rewriting_total", FieldType.U64, "MCPP", null, "LFBS",
            "Header rewrites that failed"),
    CONNECT("connect", "connection_attempts_total", FieldType.U64, "MCPP", null, "BS",
            "Connections opened to servers"),
    REUSE("reuse", "connection_reuses_total", FieldType.U64, "MCPP", null, "BS",
            "Idle server connections used again"),
    CACHE_LOOKUPS("cache_lookups", "http_cache_lookups_total", FieldType.U64, "MCPP", null, "FB",
            "Lookups in an HTTP cache"),
    CACHE_HITS("cache_hits", "http_cache_hits_total", FieldType.U64, "MCPP", null, "FB",
            "Responses served from an HTTP cache"),
    SRV_ICUR("srv_icur", "idle_connections_current", FieldType.U32, "MGPV", null, "S",
            "Idle connections ready for reuse now"),
    SRC_ILIM("src_ilim", "idle_connections_limit", FieldType.U32, "CLPV", null, "S",
            "Limit on idle connections kept for reuse (pool-max-conn)"),
    QTIME_MAX("qtime_max", "max_queue_time_seconds", FieldType.U32, "MMPV", null, "BS",
            "Longest time a request waited in the queue, in milliseconds"),
    CTIME_MAX("ctime_max", "max_connect_time_seconds", FieldType.U32, "MMPV", null, "BS",
            "Longest time to connect to a server, in milliseconds"),
    RTIME_MAX("rtime_max", "max_response_time_seconds", FieldType.U32, "MMPV", null, "BS",
            "Longest server response time, in milliseconds"),
    TTIME_MAX("ttime_max", "max_total_time_seconds", FieldType.U32, "MMPV", null, "BS",
            "Longest total session time, in milliseconds"),
    EINT("eint", "internal_errors_total", FieldType.U64, "MCPP", null, "LFBS",
            "Internal errors"),
    IDLE_CONN_CUR("idle_conn_cur", "unsafe_idle_connections_current", FieldType.U32, "MGPV", null, "S",
            "Idle connections not yet proven reusable"),
    SAFE_CONN_CUR("safe_conn_cur", "safe_idle_connections_current", FieldType.U32, "MGPV", null, "S",
            "Idle connections proven reusable"),
    USED_CONN_CUR("used_conn_cur", "used_connections_current", FieldType.U32, "MGPV", null, "S",
            "Server connections in use now"),
    NEED_CONN_EST("need_conn_est", "need_connections_current", FieldType.U32, "MGPV", null, "S",
            "Estimate of the connections the server needs"),
    UWEIGHT("uweight", "uweight", FieldType.U32, "MaPV", null, "BS",
            "Weight set by the user: of the server, or the sum of the servers' for a backend"),
    AGG_SERVER_STATUS("agg_server_status", "agg_server_status", FieldType.U32, "MGPV", null, "B",
            "Servers of the backend by state, as a gauge"),
    AGG_SERVER_CHECK_STATUS("agg_server_check_status", "agg_server_check_status", FieldType.U32, "MGPV", null, "B",
            "Deprecated: servers of the backend by check state"),
    AGG_CHECK_STATUS("agg_check_status", "agg_check_status", FieldType.U32, "MGPV", null, "B",
            "Servers of the backend by check state, as a gauge"),
    SRID("srid", null, FieldType.U32, "MCPV", null, "S",
            "Revision of the server id, which tells a re-added server from the removed one"),
    SESS_OTHER("sess_other", null, FieldType.U64, "MCPV", null, "F",
            "Sessions of another protocol than HTTP"),
    H1SESS("h1sess", null, FieldType.U64, "MCPP", null, "F",
            "HTTP/1 sessions"),
    H2SESS("h2sess", null, FieldType.U64, "MCPP", null, "F",
            "HTTP/2 sessions"),
    H3SESS("h3sess", null, FieldType.U64, "MCPP", null, "F",
            "HTTP/3 sessions"),
    REQ_OTHER("req_other", null, FieldType.U64, "MCPP", null, "F",
            "Requests of another protocol than HTTP"),
    H1REQ("h1req", null, FieldType.U64, "MCPP", null, "F",
            "HTTP/1 requests"),
    H2REQ("h2req", null, FieldType.U64, "MCPP", null, "F",
            "HTTP/2 requests"),
    H3REQ("h3req", null, FieldType.U64, "MCPP", null, "F",
            "HTTP/3 requests"),
    PROTO("proto", null, FieldType.STR, "SGPV", null, "L",
            "The listener's transport protocol"),
    PRIV_IDLE_CUR("priv_idle_cur", "private_idle_connections_current", FieldType.U32, "MGPV", null, "S",
            "Idle connections private to one client session"),
    REQBIN("reqbin", "req_bytes_in_total", FieldType.U64, "MCPP", null, "LFBS",
            "Request bytes received"),
    REQBOUT("reqbout", "req_bytes_out_total", FieldType.U64, "MCPP", null, "LFBS",
            "Request bytes sent"),
    RESBIN("resbin", "res_bytes_in_total", FieldType.U64, "MCPP", null, "LFBS",
            "Response bytes received"),
    RESBOUT("resbout", "res_bytes_out_total", FieldType.U64, "MCPP", null, "LFBS",
            "Response bytes sent"),
    CACHE_HINT_HITS("cache_hint_hits", "http_cache_hint_hits_total", FieldType.U64, "MCPP", null, "FB",
            "Cache hits answered with early hints"),
    H2_HEADERS_RCVD("h2_headers_rcvd", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 HEADERS frames received"),
    H2_DATA_RCVD("h2_data_rcvd", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 DATA frames received"),
    H2_SETTINGS_RCVD("h2_settings_rcvd", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 SETTINGS frames received"),
    H2_RST_STREAM_RCVD("h2_rst_stream_rcvd", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 RST_STREAM frames received"),
    H2_GOAWAY_RCVD("h2_goaway_rcvd", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 GOAWAY frames received"),
    H2_DETECTED_CONN_PROTOCOL_ERRORS("h2_detected_conn_protocol_errors", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 connection-level protocol errors found"),
    H2_DETECTED_STRM_PROTOCOL_ERRORS("h2_detected_strm_protocol_errors", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 stream-level protocol errors found"),
    H2_RST_STREAM_RESP("h2_rst_stream_resp", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 RST_STREAM frames sent because of an error"),
    H2_GOAWAY_RESP("h2_goaway_resp", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 GOAWAY frames sent because of an error"),
    H2_OPEN_CONNECTIONS("h2_open_connections", null, FieldType.U64, "MGPV", null, "FB",
            "HTTP/2 connections open now"),
    H2_BACKEND_OPEN_STREAMS("h2_backend_open_streams", null, FieldType.U64, "MGPV", null, "FB",
            "HTTP/2 streams open now"),
    H2_TOTAL_CONNECTIONS("h2_total_connections", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 connections since start"),
    H2_BACKEND_TOTAL_STREAMS("h2_backend_total_streams", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/2 streams since start"),
    SSL_SESS("ssl_sess", null, FieldType.U64, "MCPV", null, "LFBS",
            "TLS sessions established"),
    SSL_REUSED_SESS("ssl_reused_sess", null, FieldType.U64, "MCPV", null, "LFBS",
            "TLS sessions resumed"),
    SSL_FAILED_HANDSHAKE("ssl_failed_handshake", null, FieldType.U64, "MCPV", null, "LFBS",
            "TLS handshakes that failed"),
    SSL_OCSP_STAPLE("ssl_ocsp_staple", null, FieldType.U64, "MCPV", null, "LFBS",
            "OCSP responses stapled"),
    SSL_FAILED_OCSP_STAPLE("ssl_failed_ocsp_staple", null, FieldType.U64, "MCPV", null, "LFBS",
            "OCSP stapling failures"),
    H1_OPEN_CONNECTIONS("h1_open_connections", null, FieldType.U64, "MGPV", null, "FB",
            "HTTP/1 connections open now"),
    H1_OPEN_STREAMS("h1_open_streams", null, FieldType.U64, "MGPV", null, "FB",
            "HTTP/1 streams open now"),
    H1_TOTAL_CONNECTIONS("h1_total_connections", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/1 connections since start"),
    H1_TOTAL_STREAMS("h1_total_streams", null, FieldType.U64, "MCPV", null, "FB",
            "HTTP/1 streams since start"),
    H1_BYTES_IN("h1_bytes_in", null, FieldType.U64, "MCPV", null, "FB",
            "Bytes received by the HTTP/1 layer"),
    H1_BYTES_OUT("h1_bytes_out", null, FieldType.U64, "MCPV", null, "FB",
            "Bytes sent by the HTTP/1 layer"),
    H1_SPLICED_BYTES_IN("h1_spliced_bytes_in", null, FieldType.U64, "MCPV", null, "FB",
            "Bytes received by the HTTP/1 layer through splicing"),
    H1_SPLICED_BYTES_OUT("h1_spliced_bytes_out", null, FieldType.U64, "MCPV", null, "FB",
            "Bytes sent by the HTTP/1 layer through splicing");

    /** The number of static columns, before the {@code -} separator. */
    public static final int STATIC_FIELDS = 119;

    private final String column;
    private final String metricName;
    private final FieldType type;
    private final FieldTags tags;
    private final FieldTags backendTags;
    private final Set<ObjectType> carriers;
    private final String description;

    StatField(String column, String metricName, FieldType type, String tags, String backendTags, String carriers,
              String description) {
        this.column = column;
        this.metricName = metricName;
        this.type = type;
        this.tags = new FieldTags(tags);
        this.backendTags = backendTags == null ? this.tags : new FieldTags(backendTags);
        this.carriers = EnumSet.noneOf(ObjectType.class);
        for (ObjectType objectType : ObjectType.values()) {
            if (carriers.indexOf(objectType.letter()) >= 0) {
                this.carriers.add(objectType);
            }
        }
        this.description = description;
    }

    /** The CSV header's name for it ({@code scur}). */
    public String column() {
        return column;
    }

    /** The suffix of its Prometheus metric name ({@code current_sessions}), if it has one. */
    public Optional<String> metricName() {
        return Optional.ofNullable(metricName);
    }

    public FieldType type() {
        return type;
    }

    /** Its tags on a row of {@code objectType} (a backend's {@code act}, {@code bck}, {@code rate_max} differ). */
    public FieldTags tags(ObjectType objectType) {
        return objectType == ObjectType.BACKEND ? backendTags : tags;
    }

    /** The kinds of rows that may carry a value for it (§9.1, the letters in brackets). */
    public boolean isCarriedBy(ObjectType objectType) {
        return carriers.contains(objectType);
    }

    /** What it means, as the {@code desc} outputs print it. */
    public String description() {
        return description;
    }

    /** Its position in the typed and JSON outputs. */
    public int position() {
        return ordinal();
    }

    /** Whether it comes after the {@code -} separator (a protocol layer's counter). */
    public boolean isModuleField() {
        return ordinal() >= STATIC_FIELDS;
    }

    /** The field named {@code column} in the CSV header, if any. */
    public static Optional<StatField> byColumn(String column) {
        for (StatField field : values()) {
            if (field.column.equals(column)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
