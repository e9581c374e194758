package dev.shuttle.log;

import dev.shuttle.config.LogBackendConfig;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code mode log} backend at run time (configuration.txt, "mode" {@code log}, and "balance"):
 * each message goes to one of its servers, chosen by the backend's algorithm among the servers in
 * service, the {@code backup} ones only while no other is. A server written {@code disabled} is in
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
    private final List<ServerSink> active;
    private final List<ServerSink> backups;
    private final AtomicLong turn = new AtomicLong();

    LogBackend(LogBackendConfig config, List<ServerSink> sinks) {
        this.balance = config.balance();
        this.active = sinks.stream().filter(s -> s.server().usable() && !s.server().backup()).toList();
        this.backups = sinks.stream().filter(s -> s.server().usable() && s.server().backup()).toList();
    }

    /** Sends the line to the chosen server; false when no server is in service. */
    boolean send(byte[] line, int loggerNumber) {
        List<ServerSink> candidates = active.isEmpty() ? backups : active;
        if (candidates.isEmpty()) {
            return false;
        }
        choose(candidates).sink().send(line, loggerNumber);
        return true;
    }

    private ServerSink choose(List<ServerSink> candidates) {
        return switch (balance) {
            case ROUNDROBIN -> candidates.get((int) Math.floorMod(turn.getAndIncrement(), (long) candidates.size()));
            case RANDOM -> candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            case STICKY -> candidates.getFirst();
        };
    }
}
