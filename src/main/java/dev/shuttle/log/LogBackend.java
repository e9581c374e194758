package dev.shuttle.log;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.lb.KeyHash;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleType;
import dev.shuttle.sample.VariableStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code mode log} backend at run time (configuration.txt, "mode" {@code log}, and "balance"):
 * each message goes to one of its servers, chosen by the backend's algorithm among the servers in
 * service, the {@code backup} ones only while no other is, each in proportion to its {@code weight}
 * ({@link LogServerTable}; 0: never chosen, as in 3.5). A server written {@code disabled} is in
 * maintenance and never chosen. Lock-free: the round-robin position is an atomic counter.
 */
final class LogBackend {
    /** Sends a line to one server: a datagram, or a ring for a TCP server. */
    interface LineSink {
        /** @param loggerNumber the {@code log} line's rank among its proxy's targets, for error messages */
        void send(byte[] line, int loggerNumber);
    }

    /** A server and how a line reaches it. */
    record ServerSink(LogBackendConfig.Server server, LineSink sink) {}

    private final LogBackendConfig.Balance balance;
    private final Optional<LogBackendConfig.LogHash> logHash;
    /** The servers in service that are not backups, by weight; then the backups. */
    private final LogServerTable<ServerSink> active;
    private final LogServerTable<ServerSink> backups;
    private final AtomicLong turn = new AtomicLong();

    LogBackend(LogBackendConfig config, List<ServerSink> sinks) {
        this.balance = config.balance();
        this.logHash = config.logHash();
        this.active = new LogServerTable<>(sinks.stream().filter(s -> s.server().usable() && !s.server().backup())
                .toList(), s -> s.server().weight());
        this.backups = new LogServerTable<>(sinks.stream().filter(s -> s.server().usable() && s.server().backup())
                .toList(), s -> s.server().weight());
    }

    /**
     * Sends the line to the chosen server; false when no server is in service, or when {@code
     * log-hash}'s converters give nothing for the message (3.5 drops it then).
     *
     * @param message the message without its syslog header, which {@code log-hash} hashes
     */
    boolean send(byte[] line, CharSequence message, int loggerNumber) {
        LogServerTable<ServerSink> candidates = active.size() == 0 ? backups : active;
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
