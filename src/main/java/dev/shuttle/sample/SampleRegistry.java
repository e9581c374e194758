package dev.shuttle.sample;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every sample fetch and converter Shuttle knows, by name. Families of fetches and converters
 * register themselves here (each family class has a {@code static void register(SampleRegistry)}),
 * and {@link #standard()} collects those of this package (the configuration adds the map
 * converters: {@code pattern.StandardRegistry}); the expression compiler looks names up here.
 * Filled once at startup, read-only afterwards.
 */
public final class SampleRegistry {
    private final Map<String, FetchDefinition> fetches = new LinkedHashMap<>();
    private final Map<String, ConverterDefinition> converters = new LinkedHashMap<>();

    public void registerFetch(FetchDefinition fetch) {
        if (fetches.putIfAbsent(fetch.name(), fetch) != null) {
            throw new IllegalArgumentException("sample fetch registered twice: " + fetch.name());
        }
    }

    public void registerConverter(ConverterDefinition converter) {
        if (converters.putIfAbsent(converter.name(), converter) != null) {
            throw new IllegalArgumentException("converter registered twice: " + converter.name());
        }
    }

    public Optional<FetchDefinition> fetch(String name) {
        return Optional.ofNullable(fetches.get(name));
    }

    public Optional<ConverterDefinition> converter(String name) {
        return Optional.ofNullable(converters.get(name));
    }

    public Collection<FetchDefinition> fetches() {
        return fetches.values();
    }

    public Collection<ConverterDefinition> converters() {
        return converters.values();
    }

    private static final SampleRegistry STANDARD = withStandardFamilies();

    /** The registry with every family of this package; families are listed in {@link StandardSamples}. */
    public static SampleRegistry standard() {
        return STANDARD;
    }

    /** A new registry with every family of this package, for a caller that adds families of its own. */
    public static SampleRegistry withStandardFamilies() {
        SampleRegistry registry = new SampleRegistry();
        StandardSamples.registerAll(registry);
        return registry;
    }
}
