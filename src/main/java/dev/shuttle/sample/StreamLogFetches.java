package dev.shuttle.sample;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The fetches that read what the log line reads (configuration.txt §7.3.2 and §7.3.3, each the
 * equivalent of an alias of §8.2.6): the stream's dates ({@code accept_date}, {@code
 * request_date}), its timers ({@code fc.timer.handshake} is {@code %Th}, {@code req.timer.idle}
 * {@code %Ti}, {@code req.timer.hdr} {@code %TR}, {@code req.timer.tq} {@code %Tq}, {@code
 * req.timer.queue} {@code %Tw}, {@code bc.timer.connect} {@code %Tc}, {@code res.timer.hdr}
 * {@code %Tr}, {@code res.timer.data} {@code %Td}, {@code txn.timer.total} {@code %Ta}, {@code
 * txn.timer.user} {@code %Tu}, {@code fc.timer.total} {@code %Tt}), its byte counts, status,
 * termination state, retries and number, the server connection's addresses ({@code bc_src},
 * {@code bc_dst} and their ports) and whether it was reused ({@code bc_reused}), the server's
 * status ({@code server_status}), and the process's connections ({@code act_conn}). The byte
 * counts are HAProxy's internal sizes ({@code stream.HtxSizes}): {@code req.bytes_in} and
 * {@code bytes_in} what came from the client, {@code req.bytes_out} what went to the server (the
 * head as rewritten), {@code res.bytes_in} and {@code bytes_out} the server's response, {@code
 * res.bytes_out} what went to the client (the head as rewritten, or the proxy's own reply). They
 * find nothing outside a stream (a health check, the global section).
 */
public final class StreamLogFetches {
    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);

    private StreamLogFetches() {}

    public static void register(SampleRegistry registry) {
        date(registry, "accept_date", facts -> facts.acceptEpochMillis());
        date(registry, "request_date", facts -> facts.acceptEpochMillis() + LogTimers.requestStart(facts));
        timer(registry, "fc.timer.handshake", LogFacts::handshakeMillis);
        timer(registry, "req.timer.idle", LogFacts::idleMillis);
        timer(registry, "req.timer.hdr", LogTimers::requestTime);
        timer(registry, "req.timer.tq", LogTimers::requestTotalTime);
        timer(registry, "req.timer.queue", LogTimers::queueTime);
        timer(registry, "bc.timer.connect", LogTimers::connectTime);
        timer(registry, "res.timer.hdr", LogTimers::responseTime);
        timer(registry, "res.timer.data", facts -> LogTimers.dataTime(facts, true));
        timer(registry, "txn.timer.total", LogTimers::activeTime);
        timer(registry, "txn.timer.user", LogTimers::userTime);
        timer(registry, "fc.timer.total", LogFacts::closeMillis);
        timer(registry, "req.bytes_in", LogFacts::bytesFromClient);
        timer(registry, "res.bytes_in", LogFacts::bytesToClient);
        timer(registry, "bytes_in", LogFacts::bytesFromClient); // §7.3.2: "See req.bytes_in"
        timer(registry, "bytes_out", LogFacts::bytesToClient); // and "See res.bytes_in"
        timer(registry, "req.bytes_out", LogFacts::bytesToServer);
        timer(registry, "res.bytes_out", LogFacts::bytesSentToClient);
        timer(registry, "txn.status", facts -> facts.status());
        timer(registry, "txn.conn_retries", facts -> facts.retries());
        timer(registry, "txn.id32", facts -> facts.streamNumber() & 0xFFFFFFFFL);
        timer(registry, "bc_be_queue", LogFacts::backendQueue);
        timer(registry, "bc_srv_queue", LogFacts::serverQueue);
        registry.registerFetch(new FetchDefinition("txn.redispatched", List.of(), 0, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> context.logFacts().map(f -> List.of(Sample.bool(f.redispatched())))
                        .orElse(List.of())));
        registry.registerFetch(new FetchDefinition("bc_reused", List.of(), 0, SampleType.BOOL,
                HttpHeaderFetches.RESPONSE_PERMANENT,
                (args, context, all) -> context.logFacts().map(f -> List.of(Sample.bool(f.serverConnectionReused())))
                        .orElse(List.of())));
        // §7.3.6 "server_status": the server's status, 0 in an HTTP exchange without one (checked
        // on 3.5 after an "http-request return"); nothing outside HTTP.
        registry.registerFetch(new FetchDefinition("server_status", List.of(), 0, SampleType.SINT,
                HttpHeaderFetches.RESPONSE_PERMANENT,
                (args, context, all) -> context.logFacts().filter(f -> context.receivedRequestLine().isPresent())
                        .map(f -> List.of(Sample.sint(Math.max(0, f.serverStatus())))).orElse(List.of())));
        registry.registerFetch(new FetchDefinition("txn.sess_term_state", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> context.logFacts().map(f -> List.of(Sample.str(f.terminationState())))
                        .orElse(List.of())));
        address(registry, "bc_src", LogFacts::backendSource);
        address(registry, "bc_dst", LogFacts::serverAddress);
        port(registry, "bc_src_port", LogFacts::backendSource);
        port(registry, "bc_dst_port", LogFacts::serverAddress);
        registry.registerFetch(new FetchDefinition("act_conn", List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> List.of(Sample.sint(context.process().activeConnections()))));
    }



    private static void timer(SampleRegistry registry, String name, ToLongFunction<LogFacts> value) {
        registry.registerFetch(new FetchDefinition(name, List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> context.logFacts().map(f -> List.of(Sample.sint(value.applyAsLong(f))))
                        .orElse(List.of())));
    }

    /** The address of the server connection's end: its local one ({@code bc_src}) or the server's. */
    private static void address(SampleRegistry registry, String name,
                                Function<LogFacts, Optional<InetSocketAddress>> end) {
        registry.registerFetch(new FetchDefinition(name, List.of(), 0, SampleType.IPV4, ANYWHERE,
                (args, context, all) -> context.logFacts().flatMap(end).filter(a -> a.getAddress() != null)
                        .map(a -> List.of(Sample.address(a.getAddress()))).orElse(List.of())));
    }

    private static void port(SampleRegistry registry, String name, Function<LogFacts, Optional<InetSocketAddress>> end) {
        registry.registerFetch(new FetchDefinition(name, List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> context.logFacts().flatMap(end)
                        .map(a -> List.of(Sample.sint(a.getPort()))).orElse(List.of())));
    }

    /** {@code name([<unit>])}: seconds since the epoch, or {@code ms}/{@code us}. */
    private static void date(SampleRegistry registry, String name, ToLongFunction<LogFacts> epochMillis) {
        registry.registerFetch(new FetchDefinition(name, List.of(ArgType.STR), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> context.logFacts().map(f -> {
                    long millis = epochMillis.applyAsLong(f);
                    String unit = args.count() > 0 ? args.str(0) : "s";
                    long value = switch (unit) {
                        case "ms" -> millis;
                        case "us" -> millis * 1000;
                        default -> Math.floorDiv(millis, 1000);
                    };
                    return List.of(Sample.sint(value));
                }).orElse(List.of()), arguments -> {
                    if (arguments.count() > 0 && !List.of("s", "ms", "us").contains(arguments.str(0))) {
                        throw new SampleCompileException("unit must be 's', 'ms' or 'us'");
                    }
                    return arguments;
                }));
    }
}
