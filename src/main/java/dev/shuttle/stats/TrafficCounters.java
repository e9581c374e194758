package dev.shuttle.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of a proxy (frontend or backend side) or server, as {@code show stat} reports them
 * (management.txt §9.1): sessions and their rate, requests, bytes each way, denials, failures,
 * response classes, the times of the last requests, and the maxima. Updated by many connection
 * threads at once, hence adders and lock-free maxima; no counter allocates.
 *
 * <p>Each event is counted where it happens, once per object it concerns (a response is counted
 * by its frontend, its backend and its server).
 */
public final class TrafficCounters {
    private static final long ORIGIN = System.nanoTime();

    private final LongAdder sessions = new LongAdder();
    private final RateCounter sessionRate = new RateCounter();
    private final MaxGauge sessionRateMax = new MaxGauge();
    private final MaxGauge sessionsMax = new MaxGauge();
    private final LongAdder connections = new LongAdder();
    private final RateCounter connectionRate = new RateCounter();
    private final MaxGauge connectionRateMax = new MaxGauge();
    private final LongAdder requests = new LongAdder();
    private final RateCounter requestRate = new RateCounter();
    private final MaxGauge requestRateMax = new MaxGauge();
    private final MaxGauge queueMax = new MaxGauge();
    // hrsp_other, hrsp_1xx ... hrsp_5xx, by the status's hundreds (0 for anything outside 100-599)
    private final LongAdder[] responses = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder(), new LongAdder()};
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder bytesToServer = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder deniedConnections = new LongAdder();
    private final LongAdder deniedSessions = new LongAdder();
    private final LongAdder deniedRequests = new LongAdder();
    private final LongAdder deniedResponses = new LongAdder();
    private final LongAdder requestErrors = new LongAdder();
    private final LongAdder responseErrors = new LongAdder();
    private final LongAdder clientAborts = new LongAdder();
    private final LongAdder serverAborts = new LongAdder();
    private final LongAdder intercepted = new LongAdder();
    private final LongAdder failedRewrites = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder redispatches = new LongAdder();
    private final LongAdder balancedChoices = new LongAdder();
    private final LongAdder connectAttempts = new LongAdder();
    private final LongAdder reuses = new LongAdder();
    // volatile: monotonic milliseconds of the last session assigned (lastsess), 0 for never
    private volatile long lastSessionMillis;
    private final TimeAverage queueTime = new TimeAverage();
    private final TimeAverage connectTime = new TimeAverage();
    private final TimeAverage responseTime = new TimeAverage();
    private final TimeAverage totalTime = new TimeAverage();

    /** A monotonic clock in milliseconds from 1 (0 is the rate counter's "never"). */
    public static long nowMillis() {
        return (System.nanoTime() - ORIGIN) / 1_000_000 + 1;
    }

    // Sessions and connections

    /** A session started here ({@code stot}, {@code rate}, {@code rate_max}, {@code lastsess}). */
    public void sessionStarted() {
        long now = nowMillis();
        sessions.increment();
        sessionRateMax.observe(sessionRate.addAndCount(now));
        lastSessionMillis = now;
    }

    /** {@code current} sessions are open now, which may be a new {@code smax}. */
    public void sessionsOpen(long current) {
        sessionsMax.observe(current);
    }

    /** A connection was accepted ({@code conn_tot}, {@code conn_rate}, {@code conn_rate_max}). */
    public void connectionAccepted() {
        connections.increment();
        connectionRateMax.observe(connectionRate.addAndCount(nowMillis()));
    }

    /** Sessions started in the last second, as HAProxy's {@code be_sess_rate} and {@code srv_sess_rate} read it. */
    public long sessionRate() {
        return sessionRate.perSecond(nowMillis());
    }

    /** The sessions within the last second, as a rate limit reads them ({@link RateCounter#withinLastSecond}). */
    public long sessionsWithinLastSecond() {
        return sessionRate.withinLastSecond(nowMillis());
    }

    public long sessionRateMax() {
        return sessionRateMax.get();
    }

    public long sessions() {
        return sessions.sum();
    }

    public long sessionsMax() {
        return sessionsMax.get();
    }

    public long connections() {
        return connections.sum();
    }

    public long connectionRate() {
        return connectionRate.perSecond(nowMillis());
    }

    public long connectionRateMax() {
        return connectionRateMax.get();
    }

    /** Seconds since the last session assigned here, -1 if none ({@code lastsess}). */
    public long secondsSinceLastSession() {
        long last = lastSessionMillis;
        return last == 0 ? -1 : (nowMillis() - last) / 1000;
    }

    // Requests and responses

    /** An HTTP request was received ({@code req_tot}, {@code req_rate}, {@code req_rate_max}). */
    public void requestReceived() {
        requests.increment();
        requestRateMax.observe(requestRate.addAndCount(nowMillis()));
    }

    public long requests() {
        return requests.sum();
    }

    public long requestRate() {
        return requestRate.perSecond(nowMillis());
    }

    public long requestRateMax() {
        return requestRateMax.get();
    }

    /** An HTTP response with {@code status} was sent ({@code hrsp_1xx} ... {@code hrsp_other}). */
    public void responded(int status) {
        int hundreds = status / 100;
        responses[hundreds >= 1 && hundreds <= 5 ? hundreds : 0].increment();
    }

    /** Responses by class: 1 to 5 for {@code hrsp_1xx} to {@code hrsp_5xx}, 0 for {@code hrsp_other}. */
    public long responses(int statusClass) {
        return responses[statusClass].sum();
    }

    /** {@code count} requests wait in the queue now, which may be a new {@code qmax}. */
    public void queued(long count) {
        queueMax.observe(count);
    }

    public long queueMax() {
        return queueMax.get();
    }

    // Bytes

    /** Bytes received from the client side ({@code bin}). */
    public void addBytesIn(long count) {
        bytesIn.add(count);
    }

    /** Bytes sent to the client side ({@code bout}). */
    public void addBytesOut(long count) {
        bytesOut.add(count);
    }

    /** Request bytes forwarded to a server ({@code reqbout}). */
    public void addBytesToServer(long count) {
        bytesToServer.add(count);
    }

    public long bytesToServer() {
        return bytesToServer.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    // Denials, errors, aborts

    public void connectionFailed() {
        connectionErrors.increment();
    }

    /** Refused by a {@code tcp-request connection} rule ({@code dcon}), or a generated refusal before a session. */
    public void connectionDenied() {
        deniedConnections.increment();
    }

    /** Refused by a {@code tcp-request session} rule ({@code dses}). */
    public void sessionDenied() {
        deniedSessions.increment();
    }

    /** Refused by a deny or tarpit rule ({@code dreq}). */
    public void requestDenied() {
        deniedRequests.increment();
    }

    /** Refused by an {@code http-response} rule ({@code dresp}). */
    public void responseDenied() {
        deniedResponses.increment();
    }

    /** A request that failed on the client side: malformed, aborted, timed out ({@code ereq}). */
    public void requestFailed() {
        requestErrors.increment();
    }

    /** A response that failed on the server side ({@code eresp}). */
    public void responseFailed() {
        responseErrors.increment();
    }

    /** A transfer the client aborted ({@code cli_abrt}). */
    public void clientAborted() {
        clientAborts.increment();
    }

    /** A transfer the server aborted ({@code srv_abrt}; also an {@code eresp}). */
    public void serverAborted() {
        serverAborts.increment();
    }

    /** A request the proxy answered itself ({@code intercepted}). */
    public void requestIntercepted() {
        intercepted.increment();
    }

    /** A header rewrite that failed ({@code wrew}). */
    public void rewriteFailed() {
        failedRewrites.increment();
    }

    /** An internal error ({@code eint}). */
    public void internalError() {
        internalErrors.increment();
    }

    public long connectionErrors() {
        return connectionErrors.sum();
    }

    public long deniedConnections() {
        return deniedConnections.sum();
    }

    public long deniedSessions() {
        return deniedSessions.sum();
    }

    public long deniedRequests() {
        return deniedRequests.sum();
    }

    public long deniedResponses() {
        return deniedResponses.sum();
    }

    public long requestErrors() {
        return requestErrors.sum();
    }

    public long responseErrors() {
        return responseErrors.sum();
    }

    public long clientAborts() {
        return clientAborts.sum();
    }

    public long serverAborts() {
        return serverAborts.sum();
    }

    public long interceptedRequests() {
        return intercepted.sum();
    }

    public long failedRewrites() {
        return failedRewrites.sum();
    }

    public long internalErrors() {
        return internalErrors.sum();
    }

    // Server choice and connections

    public void retried() {
        retries.increment();
    }

    public void redispatched() {
        redispatches.increment();
    }

    /** The load balancer chose this server, or a server of this backend ({@code lbtot}). */
    public void balanced() {
        balancedChoices.increment();
    }

    /** A connection to a server was attempted ({@code connect}). */
    public void connectAttempted() {
        connectAttempts.increment();
    }

    /** An idle server connection was used again ({@code reuse}). */
    public void reused() {
        reuses.increment();
    }

    public long retries() {
        return retries.sum();
    }

    public long redispatches() {
        return redispatches.sum();
    }

    public long balancedChoices() {
        return balancedChoices.sum();
    }

    public long connectAttempts() {
        return connectAttempts.sum();
    }

    public long reuses() {
        return reuses.sum();
    }

    // Times

    /**
     * The times of a finished request or session, in milliseconds, as HAProxy's
     * stream_update_time_stats() splits them: waiting in the queue, connecting, waiting for the
     * response head (the connect time again in TCP), and in total.
     *
     * @param samplesSoFar the count the window is sized by: requests in HTTP, load-balanced sessions in TCP
     */
    public void timed(long queueMillis, long connectMillis, long responseMillis, long totalMillis, long samplesSoFar) {
        queueTime.add(queueMillis, samplesSoFar);
        connectTime.add(connectMillis, samplesSoFar);
        responseTime.add(responseMillis, samplesSoFar);
        totalTime.add(totalMillis, samplesSoFar);
    }

    public TimeAverage queueTime() {
        return queueTime;
    }

    public TimeAverage connectTime() {
        return connectTime;
    }

    public TimeAverage responseTime() {
        return responseTime;
    }

    public TimeAverage totalTime() {
        return totalTime;
    }

    // Clearing (management.txt §9.3, "clear counters")

    /** {@code clear counters}: the maxima only. */
    public void clearMaxima() {
        sessionsMax.clear();
        sessionRateMax.clear();
        connectionRateMax.clear();
        requestRateMax.clear();
        queueMax.clear();
        queueTime.clearMax();
        connectTime.clearMax();
        responseTime.clearMax();
        totalTime.clearMax();
    }

    /** {@code clear counters all}: every counter. */
    public void clearAll() {
        clearMaxima();
        for (LongAdder adder : new LongAdder[] {sessions, connections, requests, bytesIn, bytesOut, bytesToServer, connectionErrors,
                deniedConnections, deniedSessions, deniedRequests, deniedResponses, requestErrors, responseErrors,
                clientAborts, serverAborts, intercepted, failedRewrites, internalErrors, retries, redispatches,
                balancedChoices, connectAttempts, reuses}) {
            adder.reset();
        }
        for (LongAdder adder : responses) {
            adder.reset();
        }
        queueTime.clear();
        connectTime.clear();
        responseTime.clear();
        totalTime.clear();
        lastSessionMillis = 0;
    }

    /**
     * Adds {@code value} to the counter a stats-file column names (management.txt §9.5, "Stats-file"),
     * at start, before any traffic: the cumulated counters only. Rates, ages ({@code lastchg},
     * {@code lastsess}), check counters and the columns Shuttle derives from others ({@code reqbin},
     * {@code resbin}, {@code resbout}, {@code h1req}, {@code h1sess}...) are not preloaded.
     *
     * @return whether the column names a counter preloaded here
     */
    public boolean preload(String column, long value) {
        LongAdder counter = switch (column) {
            case "stot" -> sessions;
            case "conn_tot" -> connections;
            case "req_tot" -> requests;
            case "bin" -> bytesIn;
            case "bout" -> bytesOut;
            case "reqbout" -> bytesToServer;
            case "dcon" -> deniedConnections;
            case "dses" -> deniedSessions;
            case "dreq" -> deniedRequests;
            case "dresp" -> deniedResponses;
            case "ereq" -> requestErrors;
            case "econ" -> connectionErrors;
            case "eresp" -> responseErrors;
            case "cli_abrt" -> clientAborts;
            case "srv_abrt" -> serverAborts;
            case "intercepted" -> intercepted;
            case "wrew" -> failedRewrites;
            case "eint" -> internalErrors;
            case "wretr" -> retries;
            case "wredis" -> redispatches;
            case "lbtot" -> balancedChoices;
            case "connect" -> connectAttempts;
            case "reuse" -> reuses;
            case "hrsp_other" -> responses[0];
            case "hrsp_1xx" -> responses[1];
            case "hrsp_2xx" -> responses[2];
            case "hrsp_3xx" -> responses[3];
            case "hrsp_4xx" -> responses[4];
            case "hrsp_5xx" -> responses[5];
            default -> null;
        };
        if (counter == null) {
            return false;
        }
        counter.add(value);
        return true;
    }
}
