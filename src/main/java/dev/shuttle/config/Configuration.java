package dev.shuttle.config;

import java.util.List;
import java.util.Optional;

/** A whole loaded configuration: the global settings and every proxy, in file order. */
public record Configuration(GlobalConfig global, List<ProxyConfig> proxies) {
    public Configuration {
        proxies = List.copyOf(proxies);
    }

    public List<ProxyConfig> frontends() {
        return proxies.stream().filter(p -> p.kind().hasFrontendCapability() && !p.disabled()).toList();
    }

    /** The proxy with backend capability named so, if any. */
    public Optional<ProxyConfig> backend(String name) {
        return proxies.stream().filter(p -> p.kind().hasBackendCapability() && p.name().equals(name)).findFirst();
    }
}
