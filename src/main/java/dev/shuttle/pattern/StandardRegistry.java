package dev.shuttle.pattern;

import dev.shuttle.sample.SampleRegistry;

/**
 * The registry a configuration's expressions compile against: every fetch and converter family
 * of the sample language ({@link SampleRegistry#standard()}) and the map converters
 * ({@link MapConverters}), which need this package's map files and so cannot be registered by
 * the sample package itself. Built once, read-only afterwards.
 */
public final class StandardRegistry {
    private static final SampleRegistry STANDARD = build();

    private StandardRegistry() {}

    public static SampleRegistry get() {
        return STANDARD;
    }

    private static SampleRegistry build() {
        SampleRegistry registry = SampleRegistry.withStandardFamilies();
        MapConverters.register(registry);
        return registry;
    }
}
