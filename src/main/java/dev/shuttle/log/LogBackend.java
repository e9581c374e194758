package dev.shuttle.log;

import dev.shuttle.backend.ServerStateMessages;
import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.lb.KeyHash;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleType;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.OperationalState;
import dev.shuttle.server.ServerStatus;
import dev.shuttle.server.CheckReport;
import dev.shuttle.stats.TrafficCounters;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * A {@code mode log} backend at run time (configuration.txt, "mode" {@code log}, and "balance"):
 * each message goes to one of its servers, chosen by the backend's algorithm among the servers in
 * service, the {@code backup} ones only while no other is, each in proportion to its {@code weight}
 * ({@link LogServerTable}; 0: never chosen, as in 3.5). A server written {@code disabled} is in
 * maintenance and never chosen; a checked server that its check found down is not chosen until
 * its check finds it up again ({@link #healthChanged}), as 3.5's load balancing drops a DOWN server.
 * The runtime API puts a server in maintenance or drain, or back to ready, and changes its weight
 * ({@link #setAdminState}, {@link #setWeight}; management.txt §9.3): a server chosen only while it
 * is ready, up, and of a weight above 0 (3.5 takes a draining server out of the balancing too).
 * It also moves a server ({@link #moveServer}: its lines go to the new address from the next one
 * on, as 3.5's {@code set server addr} moves a log server's target), and forces its health
 * ({@link #forceHealth}: {@code set server health}; a stopping server takes no line, as 3.5's
 * load balancing skips it), and renames a server in maintenance ({@link #rename}: 3.5's {@code
 * set server name}). Each server's {@link CheckControl} holds what the runtime API changes of its
 * check. Inside, a server is known by its configured name, which never changes; its name now is
 * what the stats, the runtime API and the messages show.
 *
 * <p>Locking: sending is lock-free (the round-robin position is an atomic counter; the tables of
 * the servers in service are an immutable value behind a volatile field). {@link #lock} guards the
 * servers' health, admin states and weights, their histories for the stats ({@link #stats}), and
 * the rebuild of the tables when any of them changes.
 */
final class LogBackend {
    /** Sends a line to one server: a datagram, or a ring for a TCP server. */
    interface LineSink {
        /** @param loggerNumber the {@code log} line's rank among its proxy's targets, for error messages */
        void send(byte[] line, int loggerNumber);

        /** The server moved ({@code set server addr}): the next lines go to {@code address}. */
        default void moveTo(InetSocketAddress address) {}
    }

    /** A server and how a line reaches it. */
    record ServerSink(LogBackendConfig.Server server, LineSink sink) {}

    /** The servers in service that are not backups, by weight; then the backups. */
    private record Tables(LogServerTable<ServerSink> active, LogServerTable<ServerSink> backups) {}

    private final String name;
    private final int id;
    private final String guid;
    /** The backend's traffic counters: 0 but for what the stats-file preloads (thread-safe itself). */
    private final TrafficCounters trafficCounters = new TrafficCounters();
    /** Each server's traffic counters, by name: 0 but for what the stats-file preloads (thread-safe, set once). */
    private final Map<String, TrafficCounters> serverCounters = new HashMap<>();
    private final LogBackendConfig.Balance balance;
    private final Optional<LogBackendConfig.LogHash> logHash;
    private final List<ServerSink> sinks;
    private final AtomicLong turn = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (the servers their checks found down, by name)
    private final Set<String> down = new HashSet<>();
    // Guarded by: lock (the servers the runtime API put in "stopping" until a check brings them up)
    private final Set<String> stopping = new HashSet<>();
    // Guarded by: lock (each server's address now, by name: the configured one until "set server addr")
    private final Map<String, InetSocketAddress> addresses = new HashMap<>();
    // Guarded by: lock (each server's maxconn from "set maxconn server", by name: 0, none, until then)
    private final Map<String, Long> maxconns = new HashMap<>();
    // Guarded by: lock (how "set server health" sets the counter of a checked server's check, by name)
    private final Map<String, ToIntFunction<OperationalState>> counters = new HashMap<>();
    /** What the runtime API changes of each server's check, by name: thread-safe itself, set once. */
    private final Map<String, CheckControl> checkControls = new HashMap<>();
    // Guarded by: lock (each server's admin state, by name: from "disabled", then the runtime API's)
    private final Map<String, AdminState> admin = new HashMap<>();
    // Guarded by: lock (each server's name now, by configured name: the configured one until "set server name")
    private final Map<String, String> currentNames = new HashMap<>();
    // Guarded by: lock (each server's weight now, by name: the configured one until the runtime API's)
    private final Map<String, Integer> weights = new HashMap<>();
    // Guarded by: lock (the servers' order for balance sticky: one back in service goes last, as in 3.5)
    private final List<String> stickyOrder = new ArrayList<>();
    // Guarded by: lock (the servers in service at the last rebuild of the tables)
    private final Set<String> serving = new HashSet<>();
    // Guarded by: lock (each server's check results and state changes, by name)
    private final Map<String, LogServerHistory> histories = new HashMap<>();
    // Guarded by: lock (the backend's own: down while no server is in service)
    private final LogServerHistory history;
    /** Rebuilt under {@link #lock} when a server's health changes; read without it. */
    private volatile Tables tables;

    LogBackend(LogBackendConfig config, List<ServerSink> sinks) {
        this.name = config.name();
        this.id = config.id();
        this.guid = config.guid();
        this.balance = config.balance();
        this.logHash = config.logHash();
        this.sinks = List.copyOf(sinks);
        for (ServerSink sink : sinks) {
            admin.put(sink.server().name(), sink.server().usable() ? AdminState.READY : AdminState.MAINT);
            weights.put(sink.server().name(), sink.server().weight());
            stickyOrder.add(sink.server().name());
            addresses.put(sink.server().name(), sink.server().address());
            checkControls.put(sink.server().name(), new CheckControl(sink.server().check(), false));
            serverCounters.put(sink.server().name(), new TrafficCounters());
            currentNames.put(sink.server().name(), sink.server().name());
        }
        sinks.stream().map(sink -> sink.server().name()).filter(this::inServiceLocked).forEach(serving::add);
        this.tables = tablesLocked();
        long start = System.nanoTime();
        sinks.forEach(sink -> histories.put(sink.server().name(), new LogServerHistory(start, true)));
        history = new LogServerHistory(start, sinks.isEmpty() || sinks.stream().anyMatch(s -> s.server().usable()));
    }

    /**
     * The servers' state changed: the tables again. A server back in service goes to the end of
     * the sticky order, so that {@code balance sticky} stays on the server it sends to (configuration.txt,
     * "balance" {@code sticky}: a server that comes back is added at the end of the list).
     */
    private void rebuildLocked() {
        for (ServerSink sink : sinks) {
            String server = sink.server().name();
            if (inServiceLocked(server) && serving.add(server)) {
                stickyOrder.remove(server);
                stickyOrder.add(server);
            } else if (!inServiceLocked(server)) {
                serving.remove(server);
            }
        }
        tables = tablesLocked();
    }

    /** The tables of the servers in service now: ready (not in maintenance nor draining), not down by their check, of a weight above 0. */
    private Tables tablesLocked() {
        List<ServerSink> inService = sinks.stream().filter(s -> inServiceLocked(s.server().name()))
                .sorted(Comparator.comparingInt(s -> balance == LogBackendConfig.Balance.STICKY
                        ? stickyOrder.indexOf(s.server().name()) : 0))
                .toList();
        return new Tables(
                new LogServerTable<>(inService.stream().filter(s -> !s.server().backup()).toList(),
                        s -> weights.get(s.server().name())),
                new LogServerTable<>(inService.stream().filter(s -> s.server().backup()).toList(),
                        s -> weights.get(s.server().name())));
    }

    private boolean inServiceLocked(String server) {
        return admin.get(server) == AdminState.READY && !down.contains(server) && !stopping.contains(server)
                && weights.get(server) > 0;
    }

    /** The servers in service now that are not backups, then those that are ({@code srv_act}, {@code srv_bck}). */
    private ServerStateMessages.Counts countsLocked() {
        int active = 0;
        int backups = 0;
        for (ServerSink sink : sinks) {
            if (inServiceLocked(sink.server().name())) {
                if (sink.server().backup()) {
                    backups++;
                } else {
                    active++;
                }
            }
        }
        return new ServerStateMessages.Counts(active, backups, 0, 0, 0);
    }

    /** Whether it has a server of that name. */
    boolean has(String server) {
        return sinks.stream().anyMatch(sink -> sink.server().name().equals(server));
    }

    /**
     * The runtime API sets the admin state of {@code server} (management.txt, "set server ...
     * state", "disable server", "enable server"): its messages as 3.5 prints them, none when the
     * state is the same; and whether the backend has no server in service left.
     */
    List<HealthChange> setAdminState(String server, AdminState state) {
        lock.lock();
        try {
            AdminState before = admin.get(server);
            if (before == state) {
                return List.of();
            }
            OperationalState health = operationalLocked(server);
            boolean servedBefore = countsLocked().activeUsable() + countsLocked().backupUsable() > 0;
            admin.put(server, state);
            rebuildLocked();
            ServerStateMessages.Counts counts = countsLocked();
            long now = System.nanoTime();
            histories.get(server).state(state != AdminState.MAINT && health != OperationalState.DOWN, now);
            boolean noServerLeft = servedBefore && counts.activeUsable() + counts.backupUsable() == 0;
            history.state(counts.activeUsable() + counts.backupUsable() > 0, now);
            boolean backup = sinks.stream().filter(s -> s.server().name().equals(server)).findFirst()
                    .orElseThrow().server().backup();
            List<HealthChange> messages = new ArrayList<>();
            List<ServerStateMessages.Message> said = ServerStateMessages.adminChange(name + "/" + currentNames.get(server), backup,
                    new ServerStatus(before, health), new ServerStatus(state, health), counts);
            for (int i = 0; i < said.size(); i++) {
                messages.add(new HealthChange(said.get(i).text(), noServerLeft && i == said.size() - 1));
            }
            return messages;
        } finally {
            lock.unlock();
        }
    }

    /** The runtime API sets the weight of {@code server} ("set server ... weight", "set weight"): 0 to 256. */
    void setWeight(String server, int weight) {
        lock.lock();
        try {
            weights.put(server, weight);
            rebuildLocked();
        } finally {
            lock.unlock();
        }
    }

    String name() {
        return name;
    }

    /** Its proxy id, numbered with the other proxies in configuration order. */
    int id() {
        return id;
    }

    /** Its servers, in declaration order. */
    List<LogBackendConfig.Server> servers() {
        return sinks.stream().map(ServerSink::server).toList();
    }

    /**
     * What a change of a server's health says: HAProxy's state-change message, and whether the
     * backend has no server in service left (3.5 then alerts "backend 'name' has no server available!").
     */
    record HealthChange(String message, boolean noServerLeft) {}

    /**
     * The check of {@code server} found it up or down: the messages go to that server from now on,
     * or no longer. Empty when nothing changed, or when the server is {@code disabled} (in maintenance).
     *
     * @param reason ", reason: ..., check duration: ...", from the check
     */
    Optional<HealthChange> healthChanged(String server, boolean up, String reason) {
        lock.lock();
        try {
            return changeLocked(server, up ? OperationalState.UP : OperationalState.DOWN, reason);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code set server <b>/<s> health up|stopping|down} (management.txt §9.3): the server's check
     * counter goes to its top or to 0 (3.5's CLI sets it so), and the server to that state, said
     * as 3.5 says it (", changed from CLI"). A server without a check takes the state too.
     */
    Optional<HealthChange> forceHealth(String server, OperationalState state) {
        lock.lock();
        try {
            ToIntFunction<OperationalState> counter = counters.get(server);
            LogBackendConfig.Server config = config(server);
            // 3.5 sets the counter of an unchecked server too, and "show servers state" prints it.
            int forced = state == OperationalState.DOWN ? 0 : config.check().rise() + config.check().fall() - 1;
            int health = counter != null ? counter.applyAsInt(state) : forced;
            LogServerHistory own = histories.get(server);
            CheckReport report = own.report();
            own.checked(report.rise() > 0
                    ? new CheckReport(report.status(), report.code(), report.durationMillis(), report.description(),
                            health, report.rise(), report.fall())
                    : new CheckReport("", -1, -1, "", health, config.check().rise(), config.check().fall()), false);
            return changeLocked(server, state, ", changed from CLI");
        } finally {
            lock.unlock();
        }
    }

    /** Where {@code set server ... health} sets the counter of the check of {@code server}: its new value back. */
    void countersOf(String server, ToIntFunction<OperationalState> force) {
        lock.lock();
        try {
            counters.put(server, force);
        } finally {
            lock.unlock();
        }
    }

    private OperationalState operationalLocked(String server) {
        return down.contains(server) ? OperationalState.DOWN
                : stopping.contains(server) ? OperationalState.STOPPING : OperationalState.UP;
    }

    private LogBackendConfig.Server config(String server) {
        return sinks.stream().map(ServerSink::server).filter(s -> s.name().equals(server)).findFirst().orElseThrow();
    }

    /** The server goes to {@code to}: the tables again, its history, and 3.5's message when it changed. */
    private Optional<HealthChange> changeLocked(String server, OperationalState to, String reason) {
        OperationalState from = operationalLocked(server);
        if (from == to) {
            return Optional.empty();
        }
        boolean servedBefore = countsLocked().activeUsable() + countsLocked().backupUsable() > 0;
        down.remove(server);
        stopping.remove(server);
        if (to == OperationalState.DOWN) {
            down.add(server);
        } else if (to == OperationalState.STOPPING) {
            stopping.add(server);
        }
        rebuildLocked();
        long now = System.nanoTime();
        histories.get(server).state(to != OperationalState.DOWN && admin.get(server) != AdminState.MAINT, now);
        ServerStateMessages.Counts counts = countsLocked();
        int active = counts.activeUsable();
        int backups = counts.backupUsable();
        // A server in maintenance: its check still runs, but its state for traffic does not
        // change, and nothing is said (3.5's rule, as for any server).
        boolean noServerLeft = to != OperationalState.UP && servedBefore && active + backups == 0;
        history.state(active + backups > 0, now);
        ServerStatus before = new ServerStatus(admin.get(server), from);
        return ServerStateMessages.operationalChange(name + "/" + currentNames.get(server), config(server).backup(), before,
                        before.withOperational(to), reason, counts)
                .stream().findFirst()
                .map(message -> new HealthChange(message.text(), noServerLeft));
    }

    /**
     * {@code set server <b>/<s> addr} (management.txt §9.3): the lines go to {@code address} from
     * the next one on, and its check too unless {@code addr} sent it elsewhere.
     */
    void moveServer(String server, InetSocketAddress address) {
        lock.lock();
        try {
            addresses.put(server, address);
            sinks.stream().filter(s -> s.server().name().equals(server)).forEach(s -> s.sink().moveTo(address));
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code set server <b>/<s> name <new>} (management.txt §9.3) on a server the caller found in
     * maintenance: its name now becomes {@code newName}, unless another server of the backend has
     * it (checked again here: two renames may race). The same name changes nothing.
     *
     * @return 3.5's refusal, or empty when renamed
     */
    Optional<String> rename(String server, String newName) {
        lock.lock();
        try {
            if (currentNames.get(server).equals(newName)) {
                return Optional.empty();
            }
            if (currentNames.containsValue(newName)) {
                return Optional.of("A server with the same name already exists in this backend."); // 3.5's words
            }
            currentNames.put(server, newName);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The name {@code server} (its configured name) has now: the messages say it. */
    String currentName(String server) {
        lock.lock();
        try {
            return currentNames.get(server);
        } finally {
            lock.unlock();
        }
    }

    /** {@code set maxconn server}: kept for the stats; a log line is not a connection, so it limits nothing. */
    void setMaxconn(String server, long maxconn) {
        lock.lock();
        try {
            maxconns.put(server, maxconn);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code clear counters all}: the backend's and its servers' counters ({@link LogServerHistory#clearCounters}),
     * and their traffic counters, which only the stats-file can have set.
     */
    void clearCounters() {
        lock.lock();
        try {
            history.clearCounters();
            histories.values().forEach(LogServerHistory::clearCounters);
            trafficCounters.clearAll();
            serverCounters.values().forEach(TrafficCounters::clearAll);
        } finally {
            lock.unlock();
        }
    }

    /** {@code clear counters server <b>/<s>}: that server's counters only. */
    void clearCounters(String server) {
        lock.lock();
        try {
            histories.get(server).clearCounters();
            serverCounters.get(server).clearAll();
        } finally {
            lock.unlock();
        }
    }

    /** The address of {@code server} now. */
    InetSocketAddress address(String server) {
        lock.lock();
        try {
            return addresses.get(server);
        } finally {
            lock.unlock();
        }
    }

    /** What the runtime API changes of the check of {@code server}. */
    CheckControl checkControl(String server) {
        return checkControls.get(server);
    }

    /**
     * A check of {@code server} completed, its state changed or not: its result for the stats.
     *
     * @param failedWhileUp a failure that lowered the health of a server still up (HAProxy's {@code chkfail})
     */
    void checkReported(String server, CheckReport report, boolean failedWhileUp) {
        lock.lock();
        try {
            histories.get(server).checked(report, failedWhileUp);
        } finally {
            lock.unlock();
        }
    }

    /** Its servers' state now, for the stats. */
    LogBackendStats stats() {
        List<LogBackendStats.Server> servers = new ArrayList<>();
        lock.lock();
        try {
            long now = System.nanoTime();
            for (ServerSink sink : sinks) {
                String server = sink.server().name();
                LogServerHistory own = histories.get(server);
                servers.add(new LogBackendStats.Server(servers.size() + 1, sink.server(), !down.contains(server),
                        own.report(), own.checkFailures(), own.snapshot(now), admin.get(server), weights.get(server),
                        addresses.get(server), stopping.contains(server), checkControls.get(server).healthEnabled(),
                        maxconns.getOrDefault(server, 0L), serverCounters.get(server), currentNames.get(server),
                        checkControls.get(server).healthTarget()));
            }
            return new LogBackendStats(id, name, balance, history.snapshot(now), servers, guid, trafficCounters);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the line to the chosen server; false when no server is in service, or when {@code
     * log-hash}'s converters give nothing for the message (3.5 drops it then).
     *
     * @param message the message without its syslog header, which {@code log-hash} hashes
     */
    boolean send(byte[] line, CharSequence message, int loggerNumber) {
        Tables now = tables;
        LogServerTable<ServerSink> candidates = now.active().size() == 0 ? now.backups() : now.active();
        if (candidates.size() == 0) {
            return false;
        }
        ServerSink chosen = choose(candidates, message);
        if (chosen == null) {
            return false;
        }
        chosen.sink().send(line, loggerNumber);
        return true;
    }

    private ServerSink choose(LogServerTable<ServerSink> candidates, CharSequence message) {
        return switch (balance) {
            case ROUNDROBIN -> candidates.cell(turn.getAndIncrement());
            case RANDOM -> candidates.cell(ThreadLocalRandom.current().nextInt(candidates.size()));
            case STICKY -> candidates.cell(0); // the first server with a weight: the table's first cell
            case LOG_HASH -> hashed(candidates, message);
        };
    }

    /**
     * {@code balance log-hash}: the converters over the message, the result as binary hashed by
     * {@code hash-type}'s function, and the server at that hash modulo the servers' total weight
     * in the map-based table (3.5's map_get_server_hash()).
     */
    private ServerSink hashed(LogServerTable<ServerSink> candidates, CharSequence message) {
        LogBackendConfig.LogHash hash = logHash.orElseThrow();
        SampleContext nobody = new SampleContext(null, null, null, "", VariableStore.local());
        Optional<Sample> key = hash.converters().applyConverters(Sample.str(message.toString()), nobody)
                .flatMap(value -> Casts.cast(value, SampleType.BIN));
        if (key.isEmpty()) {
            return null;
        }
        long unsigned = KeyHash.of(hash.hashType(), key.get().asBytes());
        return candidates.cell(unsigned);
    }
}
