package dev.shuttle.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole loaded configuration: the global settings, every proxy in file order, and where logs go
 * (host name, tag, rings).
 */
public record Configuration(GlobalConfig global, List<ProxyConfig> proxies, LogSetup logSetup) {
    public Configuration {
        proxies = List.copyOf(proxies);
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
