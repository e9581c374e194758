package dev.shuttle.sample;

/**
 * Loads a map file named by a {@link ArgType#MAP} argument ({@code map(/etc/haproxy/hosts.map)}),
 * implemented by the ACL and map engine. The compiler passes the path already resolved against
 * {@link CompileScope#baseDirectory()}; the loader may share one loaded map between expressions.
 */
@FunctionalInterface
public interface MapLoader {
    /** Refuses every map: for scopes where no map can be loaded (tests, {@code -cc}). */
    MapLoader NONE = path -> {
        throw new SampleCompileException("failed to open pattern file <" + path + ">");
    };

    /**
     * @return the loaded map, stored as the argument's value
     * @throws SampleCompileException with HAProxy's message, e.g. {@code failed to open pattern file </x.map>}
     */
    Object load(String path) throws SampleCompileException;
}
