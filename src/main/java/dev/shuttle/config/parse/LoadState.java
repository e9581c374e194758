package dev.shuttle.config.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything a configuration load accumulates, shared by the reader and the keyword parsers. */
public final class LoadState {
    private final Variables variables;
    private final Diagnostics diagnostics;
    final GlobalSection global = new GlobalSection();
    final List<ProxySection> proxies = new ArrayList<>();
    /** Every {@code guid} declared so far, with what it names ({@code frontend fe}, {@code server be/s1}). */
    final Map<String, String> guids = new HashMap<>();
    final Map<String, ProxySection> namedDefaults = new HashMap<>();
    /** The {@code log-profile} sections, by name. */
    final Map<String, LogProfileSection> logProfiles = new HashMap<>();

    public LoadState(Variables variables, Diagnostics diagnostics) {
        this.variables = variables;
        this.diagnostics = diagnostics;
    }

    public Variables variables() {
        return variables;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public GlobalSection global() {
        return global;
    }
}
