package dev.shuttle.cli;

import static dev.shuttle.stats.InfoField.*;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stats.InfoField;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.version.Version;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The values of {@code show info} (management.txt §9.3) for the running process: each
 * {@link InfoField} gets what Shuttle knows of it. Fields of features Shuttle does not have (pipes,
 * compression, peers, resolvers, a task scheduler, debug commands) carry 0 as HAProxy 3.5 prints
 * them when the feature is unused; {@code description}, {@code ZlibMemUsage} and
 * {@code MaxZlibMemUsage} are left out, as HAProxy leaves them out without a description or zlib.
 * Memory is the JVM's heap (its limit, what it holds, what is used).
 */
final class ProcessInfo {
    private final Object[] values = new Object[InfoField.values().length];
    private final boolean floats;

    private ProcessInfo(boolean floats) {
        this.floats = floats;
    }

    /** The values now; with {@code floats}, uptime, start time and rates as decimals ({@code show info float}). */
    static ProcessInfo of(ProcessView process, boolean floats) {
        ProcessInfo info = new ProcessInfo(floats);
        info.fill(process);
        return info;
    }

    Object value(InfoField field) {
        return values[field.ordinal()];
    }

    /** Its type as printed: a decimal where {@code float} turned an integer into one. */
    String typeCode(InfoField field) {
        return values[field.ordinal()] instanceof Double ? "flt" : field.type().code();
    }

    /** The value as text; a decimal as HAProxy prints it ({@code %f}, trailing zeros cut). */
    String text(InfoField field) {
        Object value = values[field.ordinal()];
        if (value instanceof Double decimal) {
            String printed = String.format(Locale.ROOT, "%f", decimal);
            printed = printed.replaceAll("0+$", "");
            return printed.endsWith(".") ? printed.substring(0, printed.length() - 1) : printed;
        }
        return String.valueOf(value);
    }

    private void set(InfoField field, Object value) {
        values[field.ordinal()] = value;
    }

    private void rate(InfoField field, long perSecond) {
        set(field, floats ? (Object) (double) perSecond : (Object) perSecond);
    }

    private void fill(ProcessView process) {
        Instant now = Instant.now();
        Duration up = Duration.between(process.startTime(), now);
        long uptime = up.toSeconds();
        Runtime jvm = Runtime.getRuntime();
        long heapHeld = jvm.totalMemory();
        long heapUsed = heapHeld - jvm.freeMemory();
        TlsCounters tls = process.tlsCounters();
        long requests = 0;
        long streams = 0;
        long connectionRate = 0;
        long connectionRateMax = 0;
        long sessionRate = 0;
        long sessionRateMax = 0;
        long bytesOut = 0;
        for (Frontend frontend : process.frontends()) {
            var counters = frontend.counters();
            requests += counters.requests();
            streams += frontend.config().mode() == ProxyMode.HTTP ? counters.requests() : counters.sessions();
            connectionRate += counters.connectionRate();
            connectionRateMax = Math.max(connectionRateMax, counters.connectionRateMax());
            sessionRate += counters.sessionRate();
            sessionRateMax = Math.max(sessionRateMax, counters.sessionRateMax());
            bytesOut += counters.bytesOut();
        }
        for (Backend backend : process.backends()) {
            bytesOut += backend.counters().bytesToServer();
        }
        set(NAME, "Shuttle");
        set(VERSION, Version.SHUTTLE);
        set(RELEASE_DATE, Version.DATE);
        set(NBTHREAD, (long) process.threads());
        set(NBPROC, 1L);
        set(PROCESS_NUM, 1L);
        set(PID, process.pid());
        set(UPTIME, String.format("%dd %dh%02dm%02ds", uptime / 86400, uptime / 3600 % 24, uptime / 60 % 60,
                uptime % 60));
        set(UPTIME_SEC, floats ? (Object) (up.toNanos() / 1e9) : (Object) uptime);
        set(MEMMAX_MB, jvm.maxMemory() / (1024 * 1024));
        set(POOLALLOC_MB, heapHeld / (1024 * 1024));
        set(POOLUSED_MB, heapUsed / (1024 * 1024));
        set(POOLFAILED, 0L);
        long descriptors = descriptorLimit();
        set(ULIMIT_N, descriptors);
        set(MAXSOCK, descriptors);
        set(MAXCONN, (long) process.maxconn());
        set(HARD_MAXCONN, (long) process.maxconn());
        set(CURRCONNS, (long) process.currentConnections());
        set(CUMCONNS, process.cumulativeConnections());
        set(CUMREQ, requests);
        set(MAXSSLCONNS, 0L);
        set(CURRSSLCONNS, (long) tls.current());
        set(CUMSSLCONNS, tls.cumulative());
        set(MAXPIPES, 0L);
        set(PIPESUSED, 0L);
        set(PIPESFREE, 0L);
        rate(CONNRATE, connectionRate);
        set(CONNRATELIMIT, (long) process.processRates().map(rates -> rates.connectionLimit().limit()).orElse(0));
        set(MAXCONNRATE, connectionRateMax);
        rate(SESSRATE, sessionRate);
        set(SESSRATELIMIT, (long) process.processRates().map(rates -> rates.sessionLimit().limit()).orElse(0));
        set(MAXSESSRATE, sessionRateMax);
        rate(SSLRATE, 0);
        set(SSLRATELIMIT, 0L);
        set(MAXSSLRATE, 0L);
        rate(SSLFRONTENDKEYRATE, 0);
        set(SSLFRONTENDMAXKEYRATE, 0L);
        rate(SSLFRONTENDSESSIONREUSE_PCT, tls.frontReusePercent());
        rate(SSLBACKENDKEYRATE, 0);
        set(SSLBACKENDMAXKEYRATE, 0L);
        set(SSLCACHELOOKUPS, 0L);
        set(SSLCACHEMISSES, 0L);
        rate(COMPRESSBPSIN, 0);
        rate(COMPRESSBPSOUT, 0);
        set(COMPRESSBPSRATELIM, 0L);
        set(TASKS, 0L);
        set(RUN_QUEUE, 0L);
        set(IDLE_PCT, idlePercent());
        set(NODE, process.nodeName());
        set(STOPPING, process.stopping() ? 1L : 0L);
        set(JOBS, (long) process.currentConnections() + process.listeners());
        set(UNSTOPPABLE_JOBS, 0L);
        set(LISTENERS, (long) process.listeners());
        set(ACTIVEPEERS, 0L);
        set(CONNECTEDPEERS, 0L);
        set(DROPPEDLOGS, process.droppedLogs());
        set(BUSYPOLLING, 0L);
        set(FAILEDRESOLUTIONS, 0L);
        set(TOTALBYTESOUT, bytesOut);
        set(TOTALSPLICEDBYTESOUT, 0L);
        set(BYTESOUTRATE, 0L);
        set(DEBUGCOMMANDSISSUED, 0L);
        set(CUMRECVLOGS, 0L);
        set(BUILD_INFO, Version.SHUTTLE);
        set(MEMMAX_BYTES, jvm.maxMemory());
        set(POOLALLOC_BYTES, heapHeld);
        set(POOLUSED_BYTES, heapUsed);
        set(START_TIME_SEC, floats ? (Object) (process.startTime().toEpochMilli() / 1000.0)
                : (Object) process.startTime().getEpochSecond());
        set(TAINTED, "0");
        set(TOTALWARNINGS, 0L);
        set(MAXCONNREACHED, 0L);
        set(BOOTTIME_MS, 0L);
        set(NICED_TASKS, 0L);
        set(CURRSTREAMS, (long) process.currentConnections());
        set(CUMSTREAMS, streams);
        set(BLOCKEDTRAFFICWARNINGS, 0L);
        set(PATTERNSADDED, 0L);
        set(PATTERNSFREED, 0L);
        set(NBTHREADGROUPS, 1L);
    }

    /** The process's open-file limit, as {@code Ulimit-n} reports it; 0 when the JVM does not tell. */
    private static long descriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 0;
    }

    /** The share of the machine's time the process left idle, from its recent CPU load, in percent. */
    private static long idlePercent() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            double load = unix.getProcessCpuLoad();
            if (load >= 0) {
                return Math.round(100 * (1 - load));
            }
        }
        return 100;
    }
}
