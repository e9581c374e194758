package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * The converters that look a proxy or a server up by a name known only at run time
 * (configuration.txt §7.3.1): {@code fe_exists} and {@code srv_is_up}.
 */
public final class ProxyConverters {
    private ProxyConverters() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("fe_exists", List.of(), 0, SampleType.STR, SampleType.BOOL,
                (in, a, c) -> Optional.of(Sample.bool(c.process().proxies().frontend(in.asString()).isPresent()))));
        registry.registerConverter(new ConverterDefinition("srv_is_up", List.of(), 0, SampleType.STR, SampleType.BOOL,
                (in, a, c) -> server(in.asString(), c).map(server -> Sample.bool(server.isUp()))));
    }

    /**
     * {@code <server>} in the stream's backend, or {@code <backend>/<server>}; the converter fails
     * (no value) when there is no such server, as HAProxy's does.
     */
    static Optional<? extends ServerView> server(String name, SampleContext context) {
        int slash = name.indexOf('/');
        Optional<? extends BackendView> backend = slash < 0 ? context.backend()
                : context.process().proxies().backend(name.substring(0, slash));
        return backend.flatMap(b -> b.server(name.substring(slash + 1)));
    }
}
