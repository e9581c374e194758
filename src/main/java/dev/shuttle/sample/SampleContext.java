package dev.shuttle.sample;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.proxyproto.ProxyHeader;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything a fetch may read, and a rule may change, about the stream being processed: the
 * connection's addresses, the proxies and server, the HTTP messages, the variables. One per
 * client connection, updated by the stream code as the exchange advances; owned by that
 * connection's thread (only the {@code proc} variables are shared).
 */
public final class SampleContext {
    private final ProxyView frontend;
    private final VariableStore processVariables;
    private final Map<VariableStore.Scope, VariableStore> variables = new EnumMap<>(VariableStore.Scope.class);
    private Phase phase = Phase.CONNECTION;
    private boolean responseSeen;
    private InetSocketAddress source;
    private InetSocketAddress destination;
    /** A UNIX or abstract socket {@code set-dst} named ({@code unix@...}, {@code abns@...}), or null. */
    private String destinationSocket;
    private final InetSocketAddress connectionSource;
    private final InetSocketAddress connectionDestination;
    private final String listenerName;
    private BackendView backend;
    private ServerView server;
    private RequestHead request;
    private ResponseHead response;
    private byte[] requestBody;
    private boolean firstRequest = true;
    private long requestCount;
    /** The HTTP/2 stream this context serves, as its multiplexer reports it; null on HTTP/1 and TCP connections. */
    private FrontStream frontStream;
    private BackStream backStream;
    private final List<String> requestCaptures = new ArrayList<>();
    private final List<String> responseCaptures = new ArrayList<>();
    private String uniqueId;
    private LogFormat uniqueIdFormat;
    private LogFacts logFacts;
    private int replyStatus;
    private boolean tlsListener;
    private StepLogger stepLogger;
    private String logOrigin;
    private ProcessInfo process;
    private final StreamSettings settings = new StreamSettings();
    private RequestBodyLoader requestBodyLoader;
    /** The response body, when buffered ({@code http-response wait-for-body}); null otherwise. */
    private byte[] responseBody;
    /** Reads the response body into {@link #responseBody()}; set by the HTTP exchange for its response rules. */
    private BodyLoader responseBodyLoader;
    /** The fields of the 103 Early Hints response being built ({@code early-hint}); null when none is. */
    private HeaderList earlyHints;
    /** Sends a 103 to the client; set by the HTTP exchange. */
    private EarlyHintSender earlyHintSender;
    /** The client connection's TLS, once its handshake succeeded; null for a plain connection. */
    private TlsConnection frontTls;
    /** Why the client connection failed, if it did ({@code fc_err}); null when it did not. */
    private ConnectionError frontError;
    /** The OpenSSL error behind a failed client handshake ({@code ssl_fc_err}), and its reason; 0 for none. */
    private int frontSslError;
    private String frontSslErrorText = "";
    /** The server connection's TLS for the current exchange, if it has any. */
    private TlsConnection backTls;
    /** Whether a {@code tcp-request connection expect-proxy layer4} rule asked for a PROXY header. */
    private boolean expectProxyHeader;
    /** The PROXY header the client connection started with ({@code fc_rcvd_proxy}, {@code fc_pp_*}); null for none. */
    private ProxyHeader receivedProxyHeader;
    /** The client's bytes being inspected by {@code tcp-request content} rules (TCP mode); null otherwise. */
    private ContentBuffer requestContent;
    /** The server's bytes being inspected by {@code tcp-response content} rules; null otherwise. */
    private ContentBuffer responseContent;
    /** Whether a fetch said, since the flag was last taken, that its answer may change as more data comes. */
    private boolean answerMayChange;
    /** Where the last final rule that matched was written ({@code last_rule_file}, {@code last_rule_line}); null before. */
    private String lastRuleFile;
    private int lastRuleLine;
    /** Where the rule whose action runs now was written ("file:line"): the entity a wait belongs to; null before. */
    private String runningRule;
    /** What the stream waited on when an error or a timeout hit ({@code waiting_entity}); null when nothing. */
    private String waitingEntity;
    /** The termination events of the connection and of its current exchange ({@code term_events}). */
    private final StreamTerminationEvents terminationEvents = new StreamTerminationEvents();
    private final RewriteFailures rewriteFailures = new RewriteFailures();
    /** An applet (the stats page, a {@code use-service}) answers this exchange ({@code when(toapplet)}). */
    private boolean appletServed;
    /** The listening socket that accepted the connection ({@code so_id}, {@code dst_conn}), or null. */
    private SocketView socket;
    /** Whether the current exchange has tried a server connection ({@code bc_err} answers only then). */
    private boolean backConnectionTried;
    /** Why the current exchange's server connection failed ({@code bc_err}); null when it did not. */
    private ConnectionError backError;

    /**
     * @param source           the client's address ({@code src}); null for a UNIX socket client
     * @param destination      the address the client reached ({@code dst}); null for a UNIX socket
     * @param listenerName     the bind's {@code name}, for {@code so_name}
     * @param process          the process the stream runs in
     * @param processVariables the {@code proc} variables, shared by the whole process
     */
    public SampleContext(ProxyView frontend, InetSocketAddress source, InetSocketAddress destination,
                         String listenerName, ProcessInfo process, VariableStore processVariables) {
        this.frontend = frontend;
        this.source = source;
        this.destination = destination;
        this.connectionSource = source;
        this.connectionDestination = destination;
        this.listenerName = listenerName;
        this.process = process;
        this.processVariables = processVariables;
    }

    /**
     * A context in a process of its own ({@link ProcessInfo#forThisProcess} without proxies), for
     * tests and tools that give it their process later, if at all.
     */
    public SampleContext(ProxyView frontend, InetSocketAddress source, InetSocketAddress destination,
                         String listenerName, VariableStore processVariables) {
        this(frontend, source, destination, listenerName, ProcessInfo.forThisProcess(ProcessInfo.Proxies.NONE, 1),
                processVariables);
    }

    /**
     * The context of one stream of a multiplexed connection (HTTP/2), made from the connection's own:
     * it starts with what the connection settled (addresses after a PROXY header, TLS, the errors,
     * the listener) and has its own request, response, captures and {@code txn}/{@code req}/{@code
     * res} variables, so that the connection's streams run side by side on threads of their own.
     * The {@code sess} variables are the connection's, shared by all its streams as in HAProxy (where
     * a session's streams see one {@code sess} scope): the first stream makes that store safe for
     * concurrent use. Called on the connection's thread, before the stream's own starts.
     */
    public SampleContext forStream() {
        SampleContext stream = new SampleContext(frontend, source, destination, connectionSource,
                connectionDestination, listenerName, process, processVariables);
        stream.destinationSocket = destinationSocket;
        stream.tlsListener = tlsListener;
        stream.stepLogger = stepLogger;
        stream.uniqueIdFormat = uniqueIdFormat;
        stream.frontTls(frontTls);
        stream.frontError = frontError;
        stream.frontSslError = frontSslError;
        stream.frontSslErrorText = frontSslErrorText;
        stream.expectProxyHeader = expectProxyHeader;
        stream.receivedProxyHeader = receivedProxyHeader;
        stream.socket = socket;
        VariableStore session = variables.get(VariableStore.Scope.SESS);
        if (session == null || !session.isShared()) {
            session = session == null ? VariableStore.shared() : session.sharedCopy();
            variables.put(VariableStore.Scope.SESS, session);
        }
        stream.variables.put(VariableStore.Scope.SESS, session);
        return stream;
    }

    private SampleContext(ProxyView frontend, InetSocketAddress source, InetSocketAddress destination,
                          InetSocketAddress connectionSource, InetSocketAddress connectionDestination,
                          String listenerName, ProcessInfo process, VariableStore processVariables) {
        this.frontend = frontend;
        this.source = source;
        this.destination = destination;
        this.connectionSource = connectionSource;
        this.connectionDestination = connectionDestination;
        this.listenerName = listenerName;
        this.process = process;
        this.processVariables = processVariables;
    }

    /** The client connection's TLS ({@code ssl_fc*}, {@code ssl_c*}, {@code ssl_f*}), if it is a TLS connection. */
    public Optional<TlsConnection> frontTls() {
        return Optional.ofNullable(frontTls);
    }

    public void frontTls(TlsConnection tls) {
        frontTls = tls;
        if (tls != null && tls.beneath() != null) {
            terminationEvents.overTls(tls.beneath());
        } else {
            terminationEvents.overTls(tls != null);
        }
    }

    /** Why the client connection failed ({@code fc_err}), if it did. */
    public Optional<ConnectionError> frontError() {
        return Optional.ofNullable(frontError);
    }

    /** Records a failed client connection: the error, and the OpenSSL error code and reason behind it (0, "" for none). */
    public void frontError(ConnectionError error, int sslError, String sslErrorText) {
        frontError = error;
        frontSslError = sslError;
        frontSslErrorText = sslErrorText;
    }

    /** The termination events logs of the connection and its current exchange ({@code term_events}). */
    public StreamTerminationEvents terminationEvents() {
        return terminationEvents;
    }

    /**
     * The current exchange has a server connection (or tried one): {@code error} is why its
     * connect failed, null when it did not. A retry's new connection replaces the previous one.
     */
    public void backConnection(ConnectionError error) {
        backConnectionTried = true;
        backError = error;
    }

    /**
     * The server connection failed after it was made (a reset, a broken pipe); its first error is
     * kept, as HAProxy keeps a connection's first {@code err_code}. Null (no error code) is ignored.
     */
    public void backFailed(ConnectionError error) {
        if (backConnectionTried && backError == null) {
            backError = error;
        }
    }

    /** Whether the current exchange has tried a server connection (else {@code bc_err} finds nothing). */
    public boolean backConnectionTried() {
        return backConnectionTried;
    }

    /** Why the current exchange's server connection failed ({@code bc_err}), if it did. */
    public Optional<ConnectionError> backError() {
        return Optional.ofNullable(backError);
    }

    /** {@code tcp-request connection expect-proxy layer4}: the connection reads a PROXY header after these rules. */
    public void expectProxyHeader() {
        expectProxyHeader = true;
    }

    public boolean proxyHeaderExpected() {
        return expectProxyHeader;
    }

    /** The PROXY header the client connection started with, if it did. */
    public Optional<ProxyHeader> receivedProxyHeader() {
        return Optional.ofNullable(receivedProxyHeader);
    }

    /**
     * The connection started with {@code header}: its addresses, when it names a client, are
     * {@code src} and {@code dst} from now on; {@code fc_src} and {@code fc_dst} stay the socket's.
     */
    public void receivedProxyHeader(ProxyHeader header, InetSocketAddress newSource, InetSocketAddress newDestination) {
        receivedProxyHeader = header;
        if (newSource != null) {
            source = newSource;
            destination = newDestination;
        }
    }

    /**
     * Evaluates with the HTTP request out of sight, as HAProxy 3.5 evaluates a server's {@code
     * set-proxy-v2-tlv-fmt} when it connects: the stream's variables and the connection's fetches
     * answer, the request's headers, line and body do not (checked live: {@code %[req.hdr(host)]}
     * and {@code %[path]} render empty there, {@code %[var(txn.x)]} and {@code %ci} do not).
     */
    public <T> T withoutHttpRequest(Supplier<T> evaluation) {
        RequestHead heldRequest = request;
        ReceivedRequestLine heldLine = receivedRequestLine;
        byte[] heldBody = requestBody;
        request = null;
        receivedRequestLine = null;
        requestBody = null;
        try {
            return evaluation.get();
        } finally {
            request = heldRequest;
            receivedRequestLine = heldLine;
            requestBody = heldBody;
        }
    }

    /** {@code ssl_fc_err}: the OpenSSL error of the client handshake, 0 when none. */
    public int frontSslError() {
        return frontSslError;
    }

    public String frontSslErrorText() {
        return frontSslErrorText;
    }

    /** The TLS of the server connection the current exchange uses ({@code ssl_bc*}, {@code ssl_s*}). */
    public Optional<TlsConnection> backTls() {
        return Optional.ofNullable(backTls);
    }

    public void backTls(TlsConnection tls) {
        backTls = tls;
        terminationEvents.backOverTls(tls == null ? null : tls.beneath());
    }

    /** The client's bytes under inspection ({@code req.len}, {@code req.payload}...), in TCP mode only. */
    public Optional<ContentBuffer> requestContent() {
        return Optional.ofNullable(requestContent);
    }

    /** Starts (or, with null, ends) the inspection of the client's bytes. */
    public void requestContent(ContentBuffer content) {
        requestContent = content;
    }

    /** The server's bytes under inspection ({@code res.len}, {@code res.payload}...). */
    public Optional<ContentBuffer> responseContent() {
        return Optional.ofNullable(responseContent);
    }

    public void responseContent(ContentBuffer content) {
        responseContent = content;
    }

    /**
     * Called by a fetch whose answer (or lack of one) may change once more data arrives
     * (HAProxy's {@code SMP_F_MAY_CHANGE}): a condition that fails with it may pass later, so its
     * rule waits for data instead of being skipped.
     */
    public void answerMayChange() {
        answerMayChange = true;
    }

    /** Whether a fetch called {@link #answerMayChange()} since the last call; clears the flag. */
    public boolean takeAnswerMayChange() {
        boolean was = answerMayChange;
        answerMayChange = false;
        return was;
    }

    /** Records the last final rule that matched (one that stopped its rule set). */
    public void lastRule(String file, int line) {
        lastRuleFile = file;
        lastRuleLine = line;
    }

    /** Notes the rule whose action is about to run, so that a wait it starts can name it. */
    public void runningRule(String file, int line) {
        runningRule = file + ":" + line;
    }

    /**
     * Notes what the stream waits on ({@code http-buffer-request}, a rule's "file:line"), or null
     * once the wait is over: what is left when the stream ends is the {@code waiting_entity}
     * (configuration.txt §7.3.2), as 3.5's stream.c keeps it.
     */
    public void waitingEntity(String entity) {
        waitingEntity = entity;
    }

    /** {@code waiting_entity}: what the stream waited on when an error or a timeout interrupted it. */
    public Optional<String> waitingEntity() {
        return Optional.ofNullable(waitingEntity);
    }

    /** {@code last_rule_file}: the file of the last final rule that matched, if one did. */
    public Optional<String> lastRuleFile() {
        return Optional.ofNullable(lastRuleFile);
    }

    /** {@code last_rule_line}: its line. */
    public int lastRuleLine() {
        return lastRuleLine;
    }

    /** The process this stream runs in: process-wide fetches and proxies by name. */
    public ProcessInfo process() {
        return process;
    }

    /** Replaces the process information (tests that build their own process after the context). */
    public void process(ProcessInfo info) {
        process = info;
    }

    public Phase phase() {
        return phase;
    }

    public void phase(Phase newPhase) {
        phase = newPhase;
    }

    public ProxyView frontend() {
        return frontend;
    }

    /** The client address as rules see it ({@code src}); {@code set-src} changes it. */
    public Optional<InetSocketAddress> source() {
        return Optional.ofNullable(source);
    }

    public void source(InetSocketAddress newSource) {
        source = newSource;
    }

    /**
     * A socket destination that is not an IP one, as {@code set-dst} named it ({@code unix@<path>},
     * {@code abns@<name>}, {@code abnsz@<name>}: a Shuttle extension for transparent servers); then
     * {@link #destination()} is empty, as {@code dst} is for a UNIX socket.
     */
    public Optional<String> destinationSocket() {
        return Optional.ofNullable(destinationSocket);
    }

    public void destinationSocket(String name) {
        destination = null;
        destinationSocket = name;
    }

    /** The destination as rules see it ({@code dst}); {@code set-dst} changes it. */
    public Optional<InetSocketAddress> destination() {
        return Optional.ofNullable(destination);
    }

    public void destination(InetSocketAddress newDestination) {
        destination = newDestination;
        destinationSocket = null;
    }

    /** The connection's real client address ({@code fc_src}), whatever rules did to {@code src}. */
    public Optional<InetSocketAddress> connectionSource() {
        return Optional.ofNullable(connectionSource);
    }

    public Optional<InetSocketAddress> connectionDestination() {
        return Optional.ofNullable(connectionDestination);
    }

    /**
     * The client as rules left it ({@code %ci}), else the connection's; null for a UNIX socket
     * client. No Optional: every log line asks.
     */
    InetSocketAddress logClientAddress() {
        return source != null ? source : connectionSource;
    }

    /** The address the client reached as rules left it ({@code %fi}), else the connection's; null when none. */
    InetSocketAddress logFrontendAddress() {
        return destination != null ? destination : connectionDestination;
    }

    public String listenerName() {
        return listenerName;
    }

    public Optional<BackendView> backend() {
        return Optional.ofNullable(backend);
    }

    public void backend(BackendView chosen) {
        backend = chosen;
    }

    public Optional<ServerView> server() {
        return Optional.ofNullable(server);
    }

    public void server(ServerView chosen) {
        server = chosen;
    }

    public Optional<RequestHead> request() {
        return Optional.ofNullable(request);
    }

    public Optional<ResponseHead> response() {
        return Optional.ofNullable(response);
    }

    public void response(ResponseHead head) {
        response = head;
        responseSeen = true;
        variables.remove(VariableStore.Scope.RES);
    }

    /** The request body, when buffered ({@code option http-buffer-request}, {@code wait-for-body}). */
    public Optional<byte[]> requestBody() {
        return Optional.ofNullable(requestBody);
    }

    public void requestBody(byte[] body) {
        requestBody = body;
    }

    /** {@code http_first_req}: true for the connection's first request. */
    /** The client connection's multiplexer's view of this stream (HTTP/2), if it has one. */
    public Optional<FrontStream> frontStream() {
        return Optional.ofNullable(frontStream);
    }

    /** The server stream of the exchange, once it has one. */
    public Optional<BackStream> backStream() {
        return Optional.ofNullable(backStream);
    }

    public void backStream(BackStream stream) {
        backStream = stream;
    }

    public void frontStream(FrontStream stream) {
        frontStream = stream;
    }

    /** How many requests this context has begun: an HTTP/1 connection's stream number ({@code fs.id}). */
    public long requestCount() {
        return requestCount;
    }

    public boolean isFirstRequest() {
        return firstRequest;
    }

    /** Starts a new HTTP exchange on this connection: new request, fresh txn/req/res variables. */
    /** The request line as it arrived, before any rule rewrote it. */
    public record ReceivedRequestLine(String method, String target, HttpVersion version) {}

    private ReceivedRequestLine receivedRequestLine;

    /**
     * The method, target and version the request came with: {@code method} and the
     * {@code capture.req.*} fetches read these, not what {@code set-method}/{@code set-uri} made of
     * them (as haproxy 2.6 does).
     */
    public Optional<ReceivedRequestLine> receivedRequestLine() {
        return Optional.ofNullable(receivedRequestLine);
    }

    public void beginExchange(RequestHead head) {
        receivedRequestLine = head == null ? null : new ReceivedRequestLine(head.method(), head.target(), head.version());
        firstRequest = requestCount == 0;
        requestCount++;
        request = head;
        response = null;
        requestBody = null;
        requestCaptures.clear();
        responseCaptures.clear();
        uniqueId = null;
        replyStatus = 0;
        backend = null;
        server = null;
        lastRuleFile = null;
        lastRuleLine = 0;
        runningRule = null;
        waitingEntity = null;
        backConnectionTried = false;
        backError = null;
        backStream = null;
        terminationEvents.beginStream();
        rewriteFailures.reset();
        appletServed = false;
        settings.reset();
        responseSeen = false;
        variables.remove(VariableStore.Scope.TXN);
        variables.remove(VariableStore.Scope.REQ);
        variables.remove(VariableStore.Scope.RES);
    }

    /**
     * Ends the current HTTP exchange: what belongs to it is let go, so that an idle keep-alive
     * connection holds nothing but its session state.
     */
    public void endExchange() {
        backTls = null;
        logFacts = null;
        // The exchange's step logger holds the exchange (its log record, its client stream): the
        // next exchange sets its own before any step.
        stepLogger = null;
        request = null;
        receivedRequestLine = null;
        response = null;
        requestBody = null;
        requestBodyLoader = null;
        earlyHints = null;
        earlyHintSender = null;
        responseBody = null;
        responseBodyLoader = null;
        backend = null;
        server = null;
        responseSeen = false;
        variables.remove(VariableStore.Scope.TXN);
        variables.remove(VariableStore.Scope.REQ);
        variables.remove(VariableStore.Scope.RES);
    }

    /** The listening socket that accepted the connection; empty outside one (checks, the CLI). */
    public Optional<SocketView> socket() {
        return Optional.ofNullable(socket);
    }

    public void socket(SocketView accepting) {
        socket = accepting;
    }

    /** An applet (the stats page, a {@code use-service}) answers this exchange. */
    public void servedByApplet() {
        appletServed = true;
    }

    public boolean isServedByApplet() {
        return appletServed;
    }

    /** The exchange's failed rewrites ({@code http-request strict-mode}). */
    public RewriteFailures rewriteFailures() {
        return rewriteFailures;
    }

    /** A rule could not rewrite the message: counted with the backend and server chosen so far. */
    public void rewriteFailed() {
        rewriteFailures.failed(backend != null, server != null);
    }

    /**
     * What the {@code capture request header} declarations caught, by declaration order
     * ({@code capture.req.hdr(0)} is the first), null where the header was absent. Filled by the
     * capture actions; emptied at each new exchange.
     */
    public List<String> requestCaptures() {
        return requestCaptures;
    }

    /** The same for {@code capture response header} ({@code capture.res.hdr(idx)}). */
    public List<String> responseCaptures() {
        return responseCaptures;
    }

    /**
     * The exchange's {@code unique-id}: generated from the frontend's {@code unique-id-format} the
     * first time something asks for it (a rule, {@code unique-id-header}, the log's {@code %ID}),
     * then the same for the rest of the exchange; empty when the frontend has no format.
     */
    public Optional<String> uniqueId() {
        if (uniqueId == null && uniqueIdFormat != null) {
            uniqueId = ""; // a format that names %ID itself sees it empty, as in HAProxy
            uniqueId = uniqueIdFormat.render(this);
        }
        return Optional.ofNullable(uniqueId);
    }

    /** The frontend's {@code unique-id-format}, which {@link #uniqueId()} renders. */
    public void uniqueIdFormat(LogFormat format) {
        uniqueIdFormat = format;
    }

    /**
     * The status of the reply a rule is making ({@code return}, {@code http-error}): its
     * log-format values see it as {@code %ST}, as in HAProxy; 0 when none.
     */
    public int replyStatus() {
        return replyStatus;
    }

    public void replyStatus(int status) {
        replyStatus = status;
    }

    /**
     * Where a {@code do-log} rule sends its line: the connection's logger until a stream exists,
     * then the stream's.
     */
    @FunctionalInterface
    public interface StepLogger {
        /**
         * Logs the stream (or the connection) now, at the step named {@code step} ({@code tcp-req-conn},
         * {@code http-req}...), with the log profile named {@code profile} on every target if present.
         */
        void log(String step, Optional<String> profile);
    }

    /** Logs at {@code step} ({@code do-log}); nothing without a logger. */
    public void logStep(String step, Optional<String> profile) {
        if (stepLogger != null) {
            stepLogger.log(step, profile);
        }
    }

    public void stepLogger(StepLogger logger) {
        stepLogger = logger;
    }

    /** The step of the log line being made ({@code %OG}), while one is made at a step of its own. */
    public Optional<String> logOrigin() {
        return Optional.ofNullable(logOrigin);
    }

    public void logOrigin(String origin) {
        logOrigin = origin;
    }

    /** Whether the connection came through a TLS listener ({@code bind ... ssl}), handshake done or not ({@code %ft}'s {@code ~}). */
    public boolean tlsListener() {
        return tlsListener;
    }

    public void tlsListener(boolean tls) {
        tlsListener = tls;
    }

    /** The current stream's facts for log-format aliases (timers, counters), while it runs. */
    public Optional<LogFacts> logFacts() {
        return Optional.ofNullable(logFacts);
    }

    public void logFacts(LogFacts facts) {
        logFacts = facts;
    }

    public void uniqueId(String id) {
        uniqueId = id;
    }

    /** The store of a scope, or empty when that scope does not exist at this point (e.g. {@code res} before a response). */
    public Optional<VariableStore> variables(VariableStore.Scope scope) {
        if (scope == VariableStore.Scope.PROC) {
            return Optional.of(processVariables);
        }
        if (scope == VariableStore.Scope.RES && !responseSeen) {
            return Optional.empty();
        }
        // Stores are made on first use: most streams set no variable at all.
        return Optional.of(variables.computeIfAbsent(scope, unused -> VariableStore.local()));
    }

    /**
     * What rules changed about this stream alone ({@code set-timeout}, {@code set-log-level},
     * {@code set-priority-*}): reset at each new exchange.
     */
    public StreamSettings settings() {
        return settings;
    }

    /** Reads the request body into {@link #requestBody()} ({@code wait-for-body}); set by the HTTP exchange. */
    @FunctionalInterface
    public interface RequestBodyLoader {
        /** Waits up to {@code timeoutMillis} for the body, or for its first {@code atLeast} bytes when positive. */
        BodyWait load(long timeoutMillis, long atLeast);
    }

    /** How a wait for the request body ended. */
    public enum BodyWait {
        /** The body (or as much as was asked, or as much as fits) is there, or there is none to wait for. */
        RECEIVED,
        /** The time ran out first. */
        TIMED_OUT,
        /** The client closed or broke its connection first. */
        CLIENT_ABORTED
    }

    /** Reads a message body into memory, waiting up to a time or for a number of bytes. */
    @FunctionalInterface
    public interface BodyLoader {
        void load(long timeoutMillis, long atLeast);
    }

    /** The response body, when {@code http-response wait-for-body} buffered it. */
    public Optional<byte[]> responseBody() {
        return Optional.ofNullable(responseBody);
    }

    public void responseBody(byte[] body) {
        responseBody = body;
    }

    public void responseBodyLoader(BodyLoader loader) {
        responseBodyLoader = loader;
    }

    /** {@code http-response wait-for-body}: buffers the response body unless it already is (or cannot be). */
    public void loadResponseBody(long timeoutMillis, long atLeast) {
        if (responseBody == null && responseBodyLoader != null) {
            responseBodyLoader.load(timeoutMillis, atLeast);
        }
    }

    /** Sends the fields of a {@code 103 Early Hints} response to the client. */
    @FunctionalInterface
    public interface EarlyHintSender {
        void send(HeaderList fields);
    }

    public void earlyHintSender(EarlyHintSender sender) {
        earlyHintSender = sender;
    }

    /** The fields of the 103 being built by {@code early-hint} rules. */
    public HeaderList earlyHints() {
        if (earlyHints == null) {
            earlyHints = new HeaderList();
        }
        return earlyHints;
    }

    /** Sends the 103 built so far (when an exchange can send one) and starts a new one. */
    public void sendEarlyHints() {
        if (earlyHints != null && earlyHintSender != null) {
            earlyHintSender.send(earlyHints);
        }
        earlyHints = null;
    }

    public void requestBodyLoader(RequestBodyLoader loader) {
        requestBodyLoader = loader;
    }

    /**
     * {@code http-request wait-for-body}: buffers the request body unless it already is (or cannot
     * be here). A client that aborts leaves the running rule as the {@code waiting_entity}; a wait
     * that ends by the rule's own time does not (3.5 resumes the rule, which clears it).
     */
    public BodyWait loadRequestBody(long timeoutMillis, long atLeast) {
        if (requestBody != null || requestBodyLoader == null) {
            return BodyWait.RECEIVED;
        }
        BodyWait outcome = requestBodyLoader.load(timeoutMillis, atLeast);
        if (outcome == BodyWait.CLIENT_ABORTED) {
            waitingEntity = runningRule;
        }
        return outcome;
    }
}
