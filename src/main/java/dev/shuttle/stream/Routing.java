package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.rules.BackendRule;
import dev.shuttle.sample.SampleContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a frontend's streams go (configuration.txt, "use_backend", "default_backend"): the first
 * {@code use_backend} rule whose condition holds and whose backend exists and is published, else
 * the frontend's default backend (a {@code listen} section is its own) if it is published or the
 * section's own, else none. A backend taken out with {@code unpublish backend} is passed over by
 * every other proxy's switching rules (configuration.txt, "be-unpublished"), unless a
 * {@code force-be-switch} condition of the frontend holds. Immutable; built once
 * by the process.
 */
public final class Routing {
    private final Function<String, Optional<Backend>> backendsByName;
    private final Map<Frontend, Backend> defaults;
    private final ProxyApplets applets;

    /**
     * @param backendsByName finds a backend by name, for {@code use_backend} rules
     * @param defaults       each frontend's {@code default_backend}, or the proxy itself for a
     *                       {@code listen}; absent for a frontend without one
     */
    public Routing(Function<String, Optional<Backend>> backendsByName, Map<Frontend, Backend> defaults) {
        this(backendsByName, defaults, ProxyApplets.NONE);
    }

    /**
     * @param applets the services proxies answer themselves ({@code stats uri}): a stream may end
     *                there rather than at a backend
     */
    public Routing(Function<String, Optional<Backend>> backendsByName, Map<Frontend, Backend> defaults,
                   ProxyApplets applets) {
        this.backendsByName = backendsByName;
        this.defaults = Map.copyOf(defaults);
        this.applets = applets;
    }

    /** The services proxies answer themselves. */
    public ProxyApplets applets() {
        return applets;
    }

    /** The backend of the stream {@code context} describes, arriving on {@code frontend}. */
    public Optional<Backend> select(Frontend frontend, SampleContext context) {
        for (BackendRule rule : frontend.config().rules().backendRules()) {
            Optional<Backend> chosen = rule.select(context).flatMap(backendsByName);
            if (chosen.isPresent() && eligible(chosen.get(), frontend, context)) {
                return chosen;
            }
        }
        Backend fallback = defaults.get(frontend);
        if (fallback == null || !fallback.name().equals(frontend.name()) && !eligible(fallback, frontend, context)) {
            return Optional.empty();
        }
        return Optional.of(fallback);
    }

    /**
     * Whether switching may pick {@code backend}: it is published, or a {@code force-be-switch}
     * condition of the frontend holds (configuration.txt §4.2; HAProxy's be_is_eligible() and its
     * persist rules of the backend-switch kind), evaluated only for an unpublished backend.
     */
    private static boolean eligible(Backend backend, Frontend frontend, SampleContext context) {
        return backend.isPublished() || frontend.config().rules().forcesBackendSwitch(context);
    }

    /** {@code default_backend} (or the proxy itself for a {@code listen}), for settings read before any rule ran. */
    public Optional<Backend> defaultBackend(Frontend frontend) {
        return Optional.ofNullable(defaults.get(frontend));
    }
}
