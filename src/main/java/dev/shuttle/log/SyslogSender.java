package dev.shuttle.log;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogSetup;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.LogServerControl;
import dev.shuttle.server.OperationalState;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends log messages to the {@code log} targets (configuration.txt, "log"): one UDP or UNIX
 * datagram per message to syslog servers, lines to {@code stdout}/{@code stderr}, or into a
 * {@code ring} whose servers receive them over TCP, or to one server of a {@code mode log} backend. Each target lays its messages out in its
 * {@code format} ({@link SyslogHeaders}), cuts them to its {@code len} ({@link LogLines}) and keeps
 * one message in each {@code sample} period's ranges.
 *
 * <p>No connection thread ever waits for a receiver: datagrams are sent without blocking, and the
 * standard streams and rings have writer threads of their own behind bounded buffers. A message
 * that finds no room is dropped and counted ({@link #droppedLines()}, {@code DroppedLogs}).
 *
 * <p>Thread-safe: a {@link DatagramSocket} may be used by several threads at once; the header
 * cache is a volatile immutable value; the sampling counters, UNIX sockets and implicit rings live
 * in concurrent maps.
 */
public final class SyslogSender implements AutoCloseable, LogServerControl {
    /** The tag when neither {@code log-tag} nor the message gives one. */
    public static final String DEFAULT_TAG = "shuttle";

    private final DatagramSocket socket;
    private final String tag;
    private final String hostname;
    private final LogClock clock;
    private final long pid = ProcessHandle.current().pid();
    private final StreamLogWriter stdout = new StreamLogWriter(new FileOutputStream(FileDescriptor.out), "shuttle-log-stdout");
    private final StreamLogWriter stderr = new StreamLogWriter(new FileOutputStream(FileDescriptor.err), "shuttle-log-stderr");
    private final LongAdder dropped = new LongAdder();
    private final Map<String, LogRing> rings = new HashMap<>();
    private final Map<String, LogBackend> backends = new HashMap<>();
    /** The implicit rings of the log backends' TCP servers, closed with the sender. */
    private final List<LogRing> backendRings = new ArrayList<>();
    private final Map<SourceLocation, LogRing> implicitRings = new ConcurrentHashMap<>();
    private final Map<Path, UnixDatagramLog> unixSockets = new ConcurrentHashMap<>();
    /** Messages each sampling {@code log} line has seen, by the line that declared it. */
    private final Map<SourceLocation, AtomicLong> sampled = new ConcurrentHashMap<>();
    /** Where a failed send is reported once ({@link #reportFailuresTo}). */
    private volatile Consumer<String> failureReport = text -> { };
    private final AtomicBoolean failureReported = new AtomicBoolean();
    /** Where the state changes of log backends' checked servers are reported ({@link #reportServerStatesTo}). */
    private volatile Consumer<String> serverStateWarnings = text -> { };
    private volatile Consumer<String> serverStateAlerts = text -> { };
    /** Where a log server's rename is noticed ({@link #reportRenamesTo}). */
    private volatile Consumer<String> renameNotices = text -> { };
    /** The last header made with the process's tag, reused while its second, format and priority stay the same. */
    private volatile Header lastHeader;

    /** A sender with the given tag, no host name and no rings. */
    public SyslogSender(String tag) throws IOException {
        this(new LogSetup(Optional.empty(), Optional.of(tag), Map.of()), LogClock.system());
    }

    /** A sender for a loaded configuration: its {@code log-send-hostname}, {@code log-tag} and rings. */
    public SyslogSender(LogSetup setup, LogClock clock) throws IOException {
        this.socket = new DatagramSocket();
        this.tag = setup.tag().orElse(DEFAULT_TAG);
        this.hostname = setup.hostname().orElse(null);
        this.clock = clock;
        setup.rings().forEach((name, ring) -> rings.put(name, new LogRing(ring, dropped)));
        setup.backends().forEach((name, backend) -> backends.put(name, logBackend(backend)));
    }

    /** A log backend whose UDP servers get datagrams and whose TCP servers each get an implicit ring. */
    private LogBackend logBackend(LogBackendConfig config) {
        List<LogBackend.ServerSink> sinks = new ArrayList<>();
        for (LogBackendConfig.Server server : config.servers()) {
            LogBackend.LineSink sink = switch (server.destination()) {
                case LogDestination.Datagram datagram -> new MovableDatagram(datagram.address());
                case LogDestination.StreamServer stream -> {
                    LogRing ring = new LogRing(RingConfig.forLogBackendServer(config, server, stream.address()), dropped);
                    backendRings.add(ring);
                    yield new LogBackend.LineSink() {
                        @Override
                        public void send(byte[] line, int loggerNumber) {
                            ring.write(line);
                        }

                        @Override
                        public void moveTo(InetSocketAddress address) {
                            ring.moveTo(address);
                        }
                    };
                }
                default -> throw new IllegalArgumentException("a log backend's server is UDP or TCP: " + server);
            };
            sinks.add(new LogBackend.ServerSink(server, sink));
        }
        return new LogBackend(config, sinks);
    }

    /** A UDP log server's datagrams, to the address it has now ({@code set server addr} moves it). */
    private final class MovableDatagram implements LogBackend.LineSink {
        private volatile InetSocketAddress address;

        MovableDatagram(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public void send(byte[] line, int loggerNumber) {
            try {
                socket.send(new DatagramPacket(line, line.length, address));
            } catch (IOException e) {
                reportFailure(loggerNumber, e);
            }
        }

        @Override
        public void moveTo(InetSocketAddress moved) {
            address = moved;
        }
    }

    /** Sends {@code message} at {@code level} to every target whose range admits it. */
    public void send(List<LogTarget> targets, SyslogLevel level, CharSequence message) {
        send(targets, LogMessage.of(level, message));
    }

    /** Sends {@code message} to every target whose range admits its level. */
    public void send(List<LogTarget> targets, LogMessage logMessage) {
        SyslogLevel level = logMessage.level();
        for (int i = 0; i < targets.size(); i++) {
            LogTarget target = targets.get(i);
            if (level.compareTo(target.maxLevel()) > 0 || !sampledIn(target)) {
                continue;
            }
            SyslogLevel effective = level.compareTo(target.minLevel()) < 0 ? target.minLevel() : level;
            deliver(target, i + 1, format(target), effective, logMessage, null);
        }
    }

    /**
     * Relays a message a {@code log-forward} section received (configuration.txt §12.6): each
     * target whose range admits its level gets it laid out in the target's format, or, for a
     * target without {@code format}, in the format the message came in.
     */
    public void relay(List<LogTarget> targets, RelayedMessage message) {
        SyslogLevel level = message.level();
        for (int i = 0; i < targets.size(); i++) {
            LogTarget target = targets.get(i);
            if (level.compareTo(target.maxLevel()) > 0 || !sampledIn(target)) {
                continue;
            }
            SyslogFormat format = target.formatGiven() ? target.format() : message.keptFormat();
            deliver(target, i + 1, format, level, null, message);
        }
    }

    /**
     * Lays the message out for the target and hands it to the target's transport: our own
     * {@code logged} message at {@code level}, or a {@code relayed} one (the other is null).
     * {@code number} is the target's rank in its list, which an error message names.
     */
    private void deliver(LogTarget target, int number, SyslogFormat format, SyslogLevel level, LogMessage logged,
                         RelayedMessage relayed) {
        CharSequence text = logged != null ? logged.text() : relayed.text();
        switch (target.destination()) {
            case LogDestination.StandardStream stream -> (stream.isStdout() ? stdout : stderr)
                    .append(header(target, format, level, logged, relayed), text, target.maxLength());
            case LogDestination.Datagram datagram -> sendDatagram(
                    LogLines.bytes(header(target, format, level, logged, relayed), text, target.maxLength()), datagram,
                    number);
            case LogDestination.UnixDatagram unix -> sendUnix(
                    LogLines.bytes(header(target, format, level, logged, relayed), text, target.maxLength()), unix.path(),
                    number);
            case LogDestination.Backend backend -> toBackend(backends.get(backend.name()),
                    LogLines.bytes(header(target, format, level, logged, relayed), text, target.maxLength()), text, number);
            case LogDestination.Ring ring -> {
                LogRing named = rings.get(ring.name());
                SyslogFormat ringFormat = named == null ? format : named.config().format();
                toRing(named, header(target, ringFormat, level, logged, relayed), text);
            }
            case LogDestination.StreamServer server -> toRing(implicitRings.computeIfAbsent(target.where(),
                    where -> new LogRing(RingConfig.implicitFor(target, server.address()), dropped)),
                    header(target, format, level, logged, relayed), text);
        }
    }

    private String header(LogTarget target, SyslogFormat format, SyslogLevel level, LogMessage logged,
                          RelayedMessage relayed) {
        return logged != null ? header(target, format, level, logged) : relayed.header(format, target.facility());
    }

    /** {@code sample}: whether this message is one the target's period keeps. */
    private boolean sampledIn(LogTarget target) {
        if (target.sampling().isEmpty()) {
            return true;
        }
        long index = sampled.computeIfAbsent(target.where(), where -> new AtomicLong()).getAndIncrement();
        return target.sampling().get().admits(index);
    }

    /** The target's format; without {@code format}, {@code log-send-hostname} turns {@code local} into {@code rfc3164}. */
    private SyslogFormat format(LogTarget target) {
        if (!target.formatGiven() && hostname != null && target.format() == SyslogFormat.LOCAL) {
            return SyslogFormat.RFC3164;
        }
        return target.format();
    }

    /**
     * A ring stores its messages cut to its {@code maxlen} (line feed not counted), in its own
     * format (an implicit {@code tcp@} ring: its {@code log} line's).
     */
    private void toRing(LogRing ring, String header, CharSequence text) {
        if (ring == null) {
            dropped.increment();
            return;
        }
        ring.write(LogLines.bytes(header, text, ring.config().maxLength() + 1));
    }

    private void toBackend(LogBackend backend, byte[] line, CharSequence text, int number) {
        if (backend == null || !backend.send(line, text, number)) {
            dropped.increment();
        }
    }

    /**
     * What precedes the message in {@code format}. The headers that change once a second are made
     * once a second per priority and format, not once a line, for the process's own tag.
     */
    private String header(LogTarget target, SyslogFormat format, SyslogLevel level, LogMessage message) {
        String messageTag = message.tag().orElse(tag);
        CharSequence structuredData = message.structuredData();
        long micros = clock.epochMicros();
        int facility = target.facility().ordinal();
        if (!messageTag.equals(tag) || !structuredData.isEmpty() || !SyslogHeaders.changesEverySecond(format)) {
            return SyslogHeaders.make(format, facility, level.ordinal(), micros, clock.zone(), hostname, messageTag,
                    pid, structuredData);
        }
        long second = Math.floorDiv(micros, 1_000_000);
        int priority = facility * 8 + level.ordinal();
        Header last = lastHeader;
        if (last != null && last.epochSecond() == second && last.priority() == priority && last.format() == format) {
            return last.text();
        }
        String text = SyslogHeaders.make(format, facility, level.ordinal(), micros, clock.zone(), hostname, tag, pid, "");
        lastHeader = new Header(second, priority, format, text);
        return text;
    }

    private record Header(long epochSecond, int priority, SyslogFormat format, String text) {}

    private void sendDatagram(byte[] line, LogDestination.Datagram datagram, int number) {
        try {
            socket.send(new DatagramPacket(line, line.length, datagram.address()));
        } catch (IOException e) {
            reportFailure(number, e);
        }
    }

    private void sendUnix(byte[] line, Path path, int number) {
        UnixDatagramLog unix = unixSockets.computeIfAbsent(path, this::openUnix);
        if (unix == null) {
            reportFailure(number, new IOException("cannot open a UNIX datagram socket"));
            return;
        }
        try {
            if (!unix.send(line)) {
                dropped.increment(); // the receiver's queue is full: 3.5's EAGAIN, counted
            }
        } catch (IOException e) {
            reportFailure(number, e);
        }
    }

    private UnixDatagramLog openUnix(Path path) {
        try {
            return new UnixDatagramLog(path);
        } catch (IOException e) {
            return null; // not cached: the next line tries again
        }
    }

    /**
     * Where a failed send is reported (the console's alerts); nothing until {@code main} sets it.
     * Like HAProxy, the process says so once, and does not count the line in {@code DroppedLogs},
     * which counts the lines a full queue could not take.
     */
    public void reportFailuresTo(Consumer<String> alerts) {
        this.failureReport = alerts;
    }

    /**
     * Where "Server lb/s1 is DOWN, reason: ..." goes when a log backend's checked server changes
     * state ({@code warnings}), and "backend 'lb' has no server available!" ({@code alerts}).
     */
    public void reportServerStatesTo(Consumer<String> warnings, Consumer<String> alerts) {
        this.serverStateWarnings = warnings;
        this.serverStateAlerts = alerts;
    }

    /** Where "Server lb/x1 renamed from 'l1'." goes when the runtime API renames a log server (the console's notices). */
    public void reportRenamesTo(Consumer<String> notices) {
        this.renameNotices = notices;
    }

    /** A log server's state change, as 3.5 reports it: the change, and the alert when its backend has no server left. */
    private void report(String backend, LogBackend.HealthChange change) {
        serverStateWarnings.accept(change.message());
        if (change.noServerLeft()) {
            serverStateAlerts.accept("backend '" + backend + "' has no server available!");
        }
    }

    @Override
    public void setAdminState(String backend, String server, AdminState state) {
        logServer(backend, server).setAdminState(server, state).forEach(change -> report(backend, change));
    }

    @Override
    public void setWeight(String backend, String server, int weight) {
        logServer(backend, server).setWeight(server, weight);
    }

    @Override
    public void forceHealth(String backend, String server, OperationalState state) {
        logServer(backend, server).forceHealth(server, state).ifPresent(change -> report(backend, change));
    }

    @Override
    public void moveServer(String backend, String server, InetSocketAddress address) {
        logServer(backend, server).moveServer(server, address);
    }

    @Override
    public Optional<String> rename(String backend, String server, String newName) {
        LogBackend found = logServer(backend, server);
        String before = found.currentName(server);
        Optional<String> refusal = found.rename(server, newName);
        if (refusal.isEmpty() && !before.equals(newName)) {
            renameNotices.accept("Server " + backend + "/" + newName + " renamed from '" + before + "'.");
        }
        return refusal;
    }

    @Override
    public void clearCounters() {
        backends.values().forEach(LogBackend::clearCounters);
    }

    @Override
    public void clearCounters(String backend, String server) {
        logServer(backend, server).clearCounters(server);
    }

    @Override
    public void setMaxconn(String backend, String server, long maxconn) {
        logServer(backend, server).setMaxconn(server, maxconn);
    }

    @Override
    public CheckControl checkControl(String backend, String server) {
        return logServer(backend, server).checkControl(server);
    }

    /** The log backend named {@code backend}, which has a server named {@code server}. */
    private LogBackend logServer(String backend, String server) {
        LogBackend found = backends.get(backend);
        if (found == null || !found.has(server)) {
            throw new IllegalArgumentException("no log server " + backend + "/" + server);
        }
        return found;
    }

    /** The log backends' state for the stats, in proxy id order. */
    public List<LogBackendStats> logBackendStats() {
        return backends.values().stream().map(LogBackend::stats)
                .sorted(Comparator.comparingInt(LogBackendStats::id)).toList();
    }

    /** The servers of the log backends declared with {@code check}, for the process to start their checks. */
    public List<CheckedLogServer> checkedServers() {
        List<CheckedLogServer> checked = new ArrayList<>();
        backends.values().stream().sorted(Comparator.comparingInt(LogBackend::id)).forEach(backend ->
                backend.servers().stream().filter(server -> server.check().enabled()).forEach(server ->
                        checked.add(new CheckedLogServer(backend, server, text -> serverStateWarnings.accept(text),
                                text -> serverStateAlerts.accept(text)))));
        return checked;
    }

    private void reportFailure(int number, IOException e) {
        if (failureReported.compareAndSet(false, true)) {
            failureReport.accept("sendmsg()/writev() failed in logger #" + number + ": " + e.getMessage());
        }
    }

    /** Log lines lost so far because a queue was full: stdout/stderr, a UNIX socket, a ring ({@code DroppedLogs}). */
    public long droppedLines() {
        return stdout.droppedLines() + stderr.droppedLines() + dropped.sum();
    }

    /** Writes out the lines still queued for the standard streams and rings, and closes the sockets. */
    @Override
    public void close() {
        stdout.close();
        stderr.close();
        rings.values().forEach(LogRing::close);
        implicitRings.values().forEach(LogRing::close);
        backendRings.forEach(LogRing::close);
        unixSockets.values().forEach(UnixDatagramLog::close);
        socket.close();
    }
}
