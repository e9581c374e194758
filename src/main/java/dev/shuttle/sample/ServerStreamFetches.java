package dev.shuttle.sample;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The fetches about the server connection's multiplexer (configuration.txt §7.3.3, §7.3.4): {@code
 * bc_nb_streams}, {@code bc_settings_streams_limit}, {@code bs.id}, {@code bs.rst_code}, {@code
 * bc_glitches}. They answer once the exchange has a server stream ({@link BackStream}): an HTTP/2
 * stream gives its connection's counts and its own id; an HTTP/1.1 connection carries one stream
 * at a time, its limit 1, and has no stream id or reset code (those fetches fail, as 3.5's do).
 */
final class ServerStreamFetches {
    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);

    private ServerStreamFetches() {
    }

    static void register(SampleRegistry registry) {
        registry.registerFetch(new FetchDefinition("bc_nb_streams", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.backStream()
                        .map(stream -> List.of(Sample.sint(stream.openStreams()))).orElse(List.of())));
        registry.registerFetch(new FetchDefinition("bc_settings_streams_limit", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.backStream()
                        .map(stream -> List.of(Sample.sint(stream.streamsLimit()))).orElse(List.of())));
        registry.registerFetch(new FetchDefinition("bc_glitches", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.backStream()
                        .map(stream -> List.of(Sample.sint(stream.glitches()))).orElse(List.of())));
        registry.registerFetch(new FetchDefinition("bs.id", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.backStream()
                        .map(stream -> present(stream.streamId())).orElse(List.of())));
        registry.registerFetch(new FetchDefinition("bs.rst_code", List.of(), 0, SampleType.SINT,
                ANYWHERE, (args, context, all) -> context.backStream()
                        .map(stream -> present(stream.resetCode())).orElse(List.of())));
    }

    private static List<Sample> present(OptionalLong value) {
        return value.isPresent() ? List.of(Sample.sint(value.getAsLong())) : List.of();
    }
}
