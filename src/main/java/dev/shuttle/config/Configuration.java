package dev.shuttle.config;

import dev.shuttle.pattern.PatternFiles;
import java.util.List;
import java.util.Optional;

/**
 * A whole loaded configuration: the global settings, every proxy in file order, where logs go
 * (host name, tag, rings), and the pattern and map files its ACLs and maps share (the one mutable
 * part: the runtime API changes their entries, see {@link PatternFiles}), where the servers' states
 * saved before a reload are read from, and the named defaults sections backends can be built from
 * at run time ({@link BackendTemplates}).
 */
public record Configuration(GlobalConfig global, List<ProxyConfig> proxies, LogSetup logSetup,
                            PatternFiles patterns, ServerStateFiles serverStates, BackendTemplates backendTemplates) {
    public Configuration {
        proxies = List.copyOf(proxies);
    }

    /** Without server state files. */
    public Configuration(GlobalConfig global, List<ProxyConfig> proxies, LogSetup logSetup, PatternFiles patterns,
                         BackendTemplates backendTemplates) {
        this(global, proxies, logSetup, patterns, ServerStateFiles.NONE, backendTemplates);
    }

    /** Without named defaults sections to build backends from. */
    public Configuration(GlobalConfig global, List<ProxyConfig> proxies, LogSetup logSetup, PatternFiles patterns,
                         ServerStateFiles serverStates) {
        this(global, proxies, logSetup, patterns, serverStates, BackendTemplates.NONE);
    }

    /** Without server state files or named defaults sections to build backends from. */
    public Configuration(GlobalConfig global, List<ProxyConfig> proxies, LogSetup logSetup, PatternFiles patterns) {
        this(global, proxies, logSetup, patterns, ServerStateFiles.NONE, BackendTemplates.NONE);
    }

    /** Without pattern or map files. */
    public Configuration(GlobalConfig global, List<ProxyConfig> proxies, LogSetup logSetup) {
        this(global, proxies, logSetup, new PatternFiles(null));
    }

    /** Without {@code log-send-hostname}, {@code log-tag} or rings. */
    public Configuration(GlobalConfig global, List<ProxyConfig> proxies) {
        this(global, proxies, LogSetup.NONE);
    }

    public List<ProxyConfig> frontends() {
        return proxies.stream().filter(p -> p.kind().hasFrontendCapability() && !p.disabled()).toList();
    }

    /** The proxy with backend capability named so, if any. */
    public Optional<ProxyConfig> backend(String name) {
        return proxies.stream().filter(p -> p.kind().hasBackendCapability() && p.name().equals(name)).findFirst();
    }
}
