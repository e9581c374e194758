package dev.shuttle.sample;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The fetches of configuration.txt §7.3.2 and §7.3.3 that report a proxy's settings or what rules
 * made of them for this stream: the configured timeouts ({@code fe_client_timeout},
 * {@code be_server_timeout}...), the stream's current ones ({@code cur_client_timeout}...,
 * changed by {@code set-timeout}), the retries ({@code be_max_retries}, {@code cur_max_retries}),
 * {@code fe_defbe}, the queue priority ({@code prio_class}, {@code prio_offset}) and where the last
 * final rule that matched was written ({@code last_rule_file}, {@code last_rule_line}), and the
 * termination events of the connection and its exchange ({@code term_events}).
 *
 * <p>As in HAProxy, the stream's backend is its frontend until a backend is chosen, and the
 * stream's connect, queue and server timeouts are 0 until then (HAProxy sets them when it
 * assigns the backend), unless {@code set-timeout} gave one. Values were checked against
 * HAProxy 3.5 in a {@code listen} section's {@code http-request} rules.
 */
public final class StreamStateFetches {
    private StreamStateFetches() {}

    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);

    public static void register(SampleRegistry registry) {
        define(registry, "fe_client_timeout", (a, c) -> c.frontend().timeoutMillis(ProxyView.Timeout.CLIENT));
        define(registry, "fe_tarpit_timeout", (a, c) -> c.frontend().timeoutMillis(ProxyView.Timeout.TARPIT));
        for (ProxyView.Timeout kind : List.of(ProxyView.Timeout.SERVER, ProxyView.Timeout.CONNECT,
                ProxyView.Timeout.QUEUE, ProxyView.Timeout.TARPIT, ProxyView.Timeout.TUNNEL)) {
            define(registry, "be_" + kind.name().toLowerCase(java.util.Locale.ROOT) + "_timeout",
                    (a, c) -> streamBackend(c).timeoutMillis(kind));
        }
        define(registry, "be_max_retries", (a, c) -> (long) streamBackend(c).retries());
        define(registry, "cur_max_retries", (a, c) -> (long) (c.settings().maxRetries() >= 0
                ? c.settings().maxRetries() : streamBackend(c).retries()));
        define(registry, "cur_client_timeout", (a, c) -> c.settings().clientTimeout()
                .orElse(c.frontend().timeoutMillis(ProxyView.Timeout.CLIENT)));
        define(registry, "cur_server_timeout", (a, c) -> c.settings().serverTimeout()
                .orElse(assigned(c, ProxyView.Timeout.SERVER)));
        define(registry, "cur_tunnel_timeout", (a, c) -> c.settings().tunnelTimeout().orElse(0));
        define(registry, "cur_connect_timeout", (a, c) -> assigned(c, ProxyView.Timeout.CONNECT));
        define(registry, "cur_queue_timeout", (a, c) -> assigned(c, ProxyView.Timeout.QUEUE));
        define(registry, "cur_tarpit_timeout", (a, c) -> streamBackend(c).timeoutMillis(ProxyView.Timeout.TARPIT));
        define(registry, "prio_class", (a, c) -> (long) c.settings().priorityClass());
        define(registry, "prio_offset", (a, c) -> (long) c.settings().priorityOffset());
        // The client's wire encoding: 2 on an HTTP/2 stream, else 1 once a message was parsed; the
        // server's: its stream's, once a response came on it.
        registry.registerFetch(new FetchDefinition("fc_http_major", List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> context.frontStream().isPresent()
                        ? List.of(Sample.sint(context.frontStream().get().httpMajor()))
                        : context.receivedRequestLine().isPresent() || context.request().isPresent()
                        ? List.of(Sample.sint(1)) : List.of()));
        registry.registerFetch(new FetchDefinition("bc_http_major", List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> context.response().isPresent() && context.server().isPresent()
                        ? List.of(Sample.sint(context.backStream().map(BackStream::httpMajor).orElse(1)))
                        : List.of()));
        registry.registerFetch(new FetchDefinition("last_rule_file", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> context.lastRuleFile().map(file -> List.of(Sample.str(file))).orElse(List.of())));
        registry.registerFetch(new FetchDefinition("last_rule_line", List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> context.lastRuleFile().isPresent()
                        ? List.of(Sample.sint(context.lastRuleLine())) : List.of()));
        // configuration.txt, "term_events": a debugging aid, HAProxy's format (StreamTerminationEvents).
        registry.registerFetch(new FetchDefinition("term_events", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> List.of(Sample.str(context.terminationEvents().describe()))));
        // configuration.txt, "fs.aborted"/"bs.aborted": whether the stream endpoint received an abort.
        // In 3.5 only the HTTP/2 and QUIC muxes report one (a RST_STREAM; not HTTP/1, not TCP): the
        // client's on its HTTP/2 stream, the server's on an HTTP/2 server stream. Nothing without a stream.
        registry.registerFetch(new FetchDefinition("fs.aborted", List.of(), 0, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> !streamExists(context) ? List.of()
                        : List.of(Sample.bool(context.frontStream().map(s -> s.resetCode().isPresent()).orElse(false)))));
        registry.registerFetch(new FetchDefinition("bs.aborted", List.of(), 0, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> !streamExists(context) ? List.of()
                        : List.of(Sample.bool(context.backStream().map(s -> s.resetCode().isPresent()).orElse(false)))));
        registry.registerFetch(new FetchDefinition("fe_defbe", List.of(), 0, SampleType.STR, ANYWHERE,
                (args, context, all) -> context.frontend().defaultBackend().map(name -> List.of(Sample.str(name)))
                        .orElse(List.of())));
    }

    private static void define(SampleRegistry registry, String name, BiFunction<Arguments, SampleContext, Long> value) {
        registry.registerFetch(new FetchDefinition(name, List.of(), 0, SampleType.SINT, ANYWHERE,
                (args, context, all) -> List.of(Sample.sint(value.apply(args, context)))));
    }

    private static boolean streamExists(SampleContext context) {
        return context.terminationEvents().streamLog() != TerminationEvents.ABSENT;
    }

    /** The stream's backend: the chosen one, else the frontend itself. */
    private static ProxyView streamBackend(SampleContext context) {
        return context.backend().map(BackendView::config).orElse(context.frontend());
    }

    /** A backend timeout the stream takes when its backend is assigned; 0 before. */
    private static long assigned(SampleContext context, ProxyView.Timeout kind) {
        Optional<BackendView> backend = context.backend();
        return backend.map(b -> b.config().timeoutMillis(kind)).orElse(0L);
    }
}
