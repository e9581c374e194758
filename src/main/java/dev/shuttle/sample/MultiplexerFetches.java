package dev.shuttle.sample;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fetches about the client connection's multiplexer (configuration.txt §7.3.3): {@code
 * fc_nb_streams}, {@code fc_settings_streams_limit}, {@code fs.id}, {@code fs.rst_code}, {@code
 * fc_glitches}. An HTTP/2
 * stream answers from its {@link FrontStream}; an HTTP/1 connection has one stream at a time, whose
 * id is the number of requests it carried before this one (HAProxy's mux_h1 {@code req_count}, 0 for
 * the first request, checked against 3.5); a TCP connection's stream id is 0 (mux_pt).
 */
final class MultiplexerFetches {
    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);

    private MultiplexerFetches() {
    }

    static void register(SampleRegistry registry) {
        registry.registerFetch(new FetchDefinition("fc_nb_streams", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.frontStream()
                        .map(stream -> List.of(Sample.sint(stream.openStreams())))
                        .orElse(List.of(Sample.sint(1)))));
        registry.registerFetch(new FetchDefinition("fc_settings_streams_limit", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.frontStream()
                        .map(stream -> List.of(Sample.sint(stream.streamsLimit())))
                        .orElse(List.of(Sample.sint(1)))));
        registry.registerFetch(new FetchDefinition("fs.id", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.frontStream()
                        .map(stream -> List.of(Sample.sint(stream.streamId())))
                        .orElseGet(() -> List.of(Sample.sint(isHttp(context) ? Math.max(0, context.requestCount() - 1) : 0)))));
        // HTTP/1 connections count no glitches in Shuttle (3.5's HTTP/1 mux counts a malformed request as one).
        registry.registerFetch(new FetchDefinition("fc_glitches", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> List.of(Sample.sint(context.frontStream()
                        .map(FrontStream::glitches).orElse(0L)))));
        registry.registerFetch(new FetchDefinition("fs.rst_code", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.frontStream()
                        .flatMap(stream -> stream.resetCode().isPresent()
                                ? Optional.of(List.of(Sample.sint(stream.resetCode().getAsLong())))
                                : Optional.<List<Sample>>empty())
                        .orElse(List.of())));
    }

    /** Whether the stream is an HTTP exchange (an HTTP/1 request was read), not a TCP session. */
    private static boolean isHttp(SampleContext context) {
        return context.receivedRequestLine().isPresent() || context.request().isPresent();
    }
}
