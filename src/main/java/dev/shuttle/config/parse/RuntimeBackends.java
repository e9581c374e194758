package dev.shuttle.config.parse;

import dev.shuttle.config.BackendTemplates;
import dev.shuttle.config.GlobalConfig;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Builds backends at run time from the named {@code defaults} sections of the loaded
 * configuration ({@code add backend}): a backend section inheriting from one, frozen as the
 * loader freezes a section. The guids of such backends join the configuration's, so that they
 * stay unique.
 *
 * <p>Locking: one backend is built or forgotten at a time (the guid registry and the sections
 * are the loader's, not thread-safe).
 */
final class RuntimeBackends implements BackendTemplates {
    private static final SourceLocation RUNTIME = new SourceLocation("cli", 0);

    private final LoadState state;
    private final GlobalConfig global;
    // Guarded by: lock (state's guid registry and named defaults, while a backend is built or forgotten)
    private final ReentrantLock lock = new ReentrantLock();

    RuntimeBackends(LoadState state, GlobalConfig global) {
        this.state = state;
        this.global = global;
    }

    @Override
    public Optional<Boolean> setsMode(String defaults) {
        ProxySection section = state.namedDefaults.get(defaults);
        return section == null ? Optional.empty() : Optional.of(section.modeSet);
    }

    @Override
    public ProxyConfig backend(String defaults, String name, Optional<ProxyMode> mode, String guid, int id)
            throws ConfigException {
        lock.lock();
        try {
            ProxySection parent = state.namedDefaults.get(defaults);
            if (parent == null) {
                throw new ConfigException("no defaults section '" + defaults + "'");
            }
            ProxyNames.checkValid(ProxyKind.BACKEND, name);
            ProxySection section = new ProxySection(name, ProxyKind.BACKEND, RUNTIME);
            section.inheritFrom(parent);
            mode.ifPresent(m -> section.mode = m);
            section.unpublished = true;
            if (!guid.isEmpty()) {
                GuidKeyword.checkFormat(guid);
                GuidKeyword.claim(state.guids, guid, "backend " + name);
                section.guid = guid;
            }
            return new ConfigResolver(state).freezeAtRuntime(section, id, global);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forget(ProxyConfig backend) {
        lock.lock();
        try {
            if (!backend.guid().isEmpty()) {
                state.guids.remove(backend.guid(), "backend " + backend.name());
            }
        } finally {
            lock.unlock();
        }
    }
}
