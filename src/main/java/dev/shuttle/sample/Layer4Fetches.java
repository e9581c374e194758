package dev.shuttle.sample;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The fetches of configuration.txt §7.3.3, "Fetching samples at Layer 4", that Shuttle has data
 * for, with the proxy and server state fetches of §7.3.2 that read the same objects: the
 * connection's addresses ({@code src}, {@code dst}, {@code fc_src}...), the listener
 * ({@code so_name}), the proxies ({@code fe_name}, {@code be_id}...), the server
 * ({@code srv_name}) and connection counts ({@code be_conn}, {@code srv_conn}, {@code nbsrv}...).
 *
 * <p>Before a backend is chosen, the stream's backend is its frontend, as in HAProxy:
 * {@code be_name} in a frontend's {@code http-request} rules gives the frontend's name.
 */
public final class Layer4Fetches {
    private Layer4Fetches() {}

    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);
    /** A server is known once the backend connected to it. */
    private static final Set<Phase> WITH_SERVER = EnumSet.of(Phase.RESPONSE_CONTENT, Phase.HTTP_RESPONSE,
            Phase.HTTP_AFTER_RESPONSE, Phase.LOG);

    public static void register(SampleRegistry registry) {
        address(registry, "src", SampleContext::source);
        port(registry, "src_port", SampleContext::source);
        address(registry, "dst", SampleContext::destination);
        port(registry, "dst_port", SampleContext::destination);
        address(registry, "fc_src", SampleContext::connectionSource);
        port(registry, "fc_src_port", SampleContext::connectionSource);
        address(registry, "fc_dst", SampleContext::connectionDestination);
        port(registry, "fc_dst_port", SampleContext::connectionDestination);

        single(registry, "so_name", List.of(), SampleType.STR, ANYWHERE,
                (args, context) -> Optional.ofNullable(context.listenerName()).filter(n -> !n.isEmpty()).map(Sample::str));
        // §7.3.3: the accepting socket's id and the connections open on it, this one included.
        single(registry, "so_id", List.of(), SampleType.SINT, ANYWHERE,
                (args, context) -> context.socket().map(socket -> Sample.sint(socket.id())));
        single(registry, "dst_conn", List.of(), SampleType.SINT, ANYWHERE,
                (args, context) -> context.socket().map(socket -> Sample.sint(socket.currentConnections())));
        single(registry, "fe_name", List.of(), SampleType.STR, ANYWHERE,
                (args, context) -> Optional.of(Sample.str(context.frontend().name())));
        single(registry, "fe_id", List.of(), SampleType.SINT, ANYWHERE,
                (args, context) -> Optional.of(Sample.sint(context.frontend().id())));
        single(registry, "be_name", List.of(), SampleType.STR, ANYWHERE,
                (args, context) -> Optional.of(Sample.str(streamBackend(context).name())));
        single(registry, "be_id", List.of(), SampleType.SINT, ANYWHERE,
                (args, context) -> Optional.of(Sample.sint(streamBackend(context).id())));
        single(registry, "srv_name", List.of(), SampleType.STR, WITH_SERVER,
                (args, context) -> context.server().map(server -> Sample.str(server.name())));
        single(registry, "srv_id", List.of(), SampleType.SINT, WITH_SERVER,
                (args, context) -> context.server().map(server -> Sample.sint(server.id())));

        backendCount(registry, "nbsrv", BackendView::usableServerCount);
        // HAProxy's beconn counts the backend's streams, the queued ones too: a request waiting for a
        // slot is one more on the backend, which is what "be_conn gt N" rules that divert overflow need.
        backendCount(registry, "be_conn", backend -> backend.currentConnections() + backend.queuedRequests());
        backendCount(registry, "connslots", Layer4Fetches::connectionSlots);
        backendCount(registry, "queue", BackendView::queuedRequests);
        backendCount(registry, "avg_queue", Layer4Fetches::averageQueue);
        serverCount(registry, "srv_queue", ServerView::queued);
        backendCount(registry, "be_sess_rate", backend -> (int) Math.min(backend.sessionRate(), Integer.MAX_VALUE));
        serverCount(registry, "srv_sess_rate", server -> (int) Math.min(server.sessionRate(), Integer.MAX_VALUE));
        single(registry, "fe_conn", List.of(ArgType.FRONTEND), SampleType.SINT, ANYWHERE, (args, context) -> {
            String name = args.has(0) ? args.get(0) : context.frontend().name();
            return context.process().proxies().frontend(name).map(fe -> Sample.sint(fe.currentConnections()));
        });
        registry.registerFetch(new FetchDefinition("srv_conn", List.of(ArgType.SERVER), 1, SampleType.SINT, ANYWHERE,
                (args, context, all) -> namedServer(args.get(0), context)
                        .map(server -> List.of(Sample.sint(server.currentConnections()))).orElse(List.of()),
                Layer4Fetches::checkServerName));
        registry.registerFetch(new FetchDefinition("srv_is_up", List.of(ArgType.SERVER), 1, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> namedServer(args.get(0), context)
                        .map(server -> List.of(Sample.bool(server.isUp()))).orElse(List.of()),
                Layer4Fetches::checkServerName));
        serverCount(registry, "srv_weight", ServerView::effectiveWeight);
        serverCount(registry, "srv_iweight", ServerView::initialWeight);
        serverCount(registry, "srv_uweight", ServerView::weight);
        serverCount(registry, "srv_conn_free", Layer4Fetches::freeSlots);
        backendCount(registry, "be_conn_free", backend -> {
            long free = 0;
            for (ServerView server : backend.servers()) {
                if (!server.isUsable()) {
                    continue;
                }
                long slots = freeSlots(server);
                if (slots < 0) {
                    return -1;
                }
                free += slots;
            }
            return (int) Math.min(free, Integer.MAX_VALUE);
        });
        isLocal(registry, "src_is_local", SampleContext::source);
        isLocal(registry, "dst_is_local", SampleContext::destination);
        isLocal(registry, "fc_src_is_local", SampleContext::connectionSource);
        isLocal(registry, "fc_dst_is_local", SampleContext::connectionDestination);
    }

    /** {@code srv_conn_free}: connection slots left under maxconn, -1 without a maxconn (the manual: "unlimited"). */
    private static int freeSlots(ServerView server) {
        long maxconn = server.maxconn();
        return maxconn == 0 ? -1 : (int) Math.max(0, maxconn - server.currentConnections());
    }

    /** A count read from the named {@code [backend/]server}. */
    private static void serverCount(SampleRegistry registry, String name, ToIntFunction<ServerView> count) {
        registry.registerFetch(new FetchDefinition(name, List.of(ArgType.SERVER), 1, SampleType.SINT, ANYWHERE,
                (args, context, all) -> namedServer(args.get(0), context)
                        .map(server -> List.of(Sample.sint(count.applyAsInt(server)))).orElse(List.of()),
                Layer4Fetches::checkServerName));
    }

    /**
     * {@code src_is_local}...: whether the address is one of this host's own (a loopback address, or
     * one bound to an interface). Asks the kernel each time: meant for rare rules, not every request.
     */
    private static void isLocal(SampleRegistry registry, String name,
                                Function<SampleContext, Optional<InetSocketAddress>> side) {
        single(registry, name, List.of(), SampleType.BOOL, ANYWHERE, (args, context) -> side.apply(context)
                .filter(address -> address.getAddress() != null)
                .map(address -> Sample.bool(isLocalAddress(address.getAddress()))));
    }

    static boolean isLocalAddress(java.net.InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static void single(SampleRegistry registry, String name, List<ArgType> argTypes, SampleType type,
                               Set<Phase> phases, BiFunction<Arguments, SampleContext, Optional<Sample>> value) {
        registry.registerFetch(new FetchDefinition(name, argTypes, 0, type, phases,
                (args, context, all) -> value.apply(args, context).map(List::of).orElse(List.of())));
    }

    private static void address(SampleRegistry registry, String name,
                                Function<SampleContext, Optional<InetSocketAddress>> side) {
        single(registry, name, List.of(), SampleType.IPV4, ANYWHERE, (args, context) -> side.apply(context)
                .filter(address -> address.getAddress() != null).map(address -> Sample.address(address.getAddress())));
    }

    private static void port(SampleRegistry registry, String name,
                             Function<SampleContext, Optional<InetSocketAddress>> side) {
        single(registry, name, List.of(), SampleType.SINT, ANYWHERE,
                (args, context) -> side.apply(context).map(address -> Sample.sint(address.getPort())));
    }

    /** A count read from the backend named in the optional argument, else the stream's backend. */
    private static void backendCount(SampleRegistry registry, String name, ToIntFunction<BackendView> count) {
        single(registry, name, List.of(ArgType.BACKEND), SampleType.SINT, ANYWHERE, (args, context) -> {
            Optional<? extends BackendView> backend = args.has(0)
                    ? context.process().proxies().backend(args.get(0)) : context.backend();
            return backend.map(b -> Sample.sint(count.applyAsInt(b)));
        });
    }

    /** The stream's backend: the chosen one, else the frontend itself. */
    private static ProxyView streamBackend(SampleContext context) {
        return context.backend().map(BackendView::config).orElse(context.frontend());
    }

    /**
     * {@code connslots}: for every server that is not stopped (maintenance, or down), its free
     * connection slots plus its free queue places; -1 as soon as one of them has no {@code maxconn}
     * or no {@code maxqueue} (the manual's "clearly does not make sense"; HAProxy's
     * smp_fetch_connslots()).
     */
    private static int connectionSlots(BackendView backend) {
        long slots = 0;
        for (ServerView server : backend.servers()) {
            if (!server.isUp()) {
                continue;
            }
            if (server.maxconn() == 0 || server.maxqueue() == 0) {
                return -1;
            }
            slots += (server.maxconn() - server.currentConnections()) + (server.maxqueue() - server.queued());
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(slots, Integer.MAX_VALUE));
    }

    /**
     * {@code avg_queue}: the backend's queued requests shared among the servers that serve its queue,
     * rounded up; twice the count when none does (HAProxy's smp_fetch_avg_queue_size()).
     */
    private static int averageQueue(BackendView backend) {
        int queued = backend.queuedRequests();
        int serving = backend.servingServerCount();
        return serving > 0 ? (queued + serving - 1) / serving : queued * 2;
    }

    private static Arguments checkServerName(Arguments args) throws SampleCompileException {
        if (!args.has(0) || args.str(0).endsWith("/")) {
            throw new SampleCompileException("missing server name");
        }
        return args;
    }

    /** {@code [backend/]server}: in the named backend, else in the stream's backend. */
    private static Optional<? extends ServerView> namedServer(String name, SampleContext context) {
        int slash = name.indexOf('/');
        Optional<? extends BackendView> backend = slash < 0 ? context.backend()
                : context.process().proxies().backend(name.substring(0, slash));
        String serverName = name.substring(slash + 1);
        return backend.flatMap(b -> b.server(serverName));
    }
}
