package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyKind;
import dev.shuttle.lang.ConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keywords the configuration language knows, by section, and the parser of each.
 *
 * <p>This is the one place features plug into the parser: a package that implements a keyword
 * registers it here (see {@link StandardKeywords}) instead of growing a switch in the reader.
 * Multi-word keywords ({@code timeout client}, {@code option redispatch}) register their first
 * word and dispatch on the rest themselves, or use the option table.
 */
public final class KeywordRegistry {
    /** Parses one line of the {@code global} section. */
    @FunctionalInterface
    public interface GlobalKeyword {
        void parse(KeywordContext line, GlobalSection global) throws ConfigException;
    }

    /** Parses one line of a proxy section. */
    @FunctionalInterface
    public interface ProxyKeyword {
        void parse(KeywordContext line, ProxySection proxy) throws ConfigException;
    }

    /** Which proxies a keyword makes sense in; see {@link ProxyKind}. */
    public enum Need { ANY, FRONTEND, BACKEND }

    /**
     * A registered proxy keyword.
     *
     * @param inDefaults whether a {@code defaults} section may preset it
     * @param strict     a misplaced use is an error rather than a warning
     */
    public record ProxyEntry(ProxyKeyword parser, Need need, boolean inDefaults, boolean strict) {}

    private final Map<String, GlobalKeyword> global = new HashMap<>();
    private final Map<String, ProxyEntry> proxy = new HashMap<>();
    private final Map<String, ProxyEntry> options = new HashMap<>();

    public void global(String keyword, GlobalKeyword parser) {
        if (global.putIfAbsent(keyword, parser) != null) {
            throw new IllegalArgumentException("global keyword registered twice: " + keyword);
        }
    }

    public void proxy(String keyword, Need need, boolean inDefaults, boolean strict, ProxyKeyword parser) {
        if (proxy.putIfAbsent(keyword, new ProxyEntry(parser, need, inDefaults, strict)) != null) {
            throw new IllegalArgumentException("proxy keyword registered twice: " + keyword);
        }
    }

    /** Registers {@code option <name>} (and its {@code no option <name>} form). */
    public void option(String name, Need need, ProxyKeyword parser) {
        if (options.putIfAbsent(name, new ProxyEntry(parser, need, true, false)) != null) {
            throw new IllegalArgumentException("option registered twice: " + name);
        }
    }

    public Optional<GlobalKeyword> globalKeyword(String keyword) {
        return Optional.ofNullable(global.get(keyword));
    }

    public Optional<ProxyEntry> proxyKeyword(String keyword) {
        return Optional.ofNullable(proxy.get(keyword));
    }

    public Optional<ProxyEntry> optionKeyword(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The registry with every keyword Shuttle implements. */
    public static KeywordRegistry standard() {
        KeywordRegistry registry = new KeywordRegistry();
        StandardKeywords.registerAll(registry);
        return registry;
    }
}
