package dev.shuttle.config.parse;

import dev.shuttle.config.HttpReuse;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;

/** The general keywords of proxy sections: mode, naming, limits, routing and balancing (configuration.txt §4). */
final class ProxyKeywords {
    private ProxyKeywords() {}

    /**
     * {@code mode log} (configuration.txt, "mode"): a backend becomes a log backend, whose further
     * lines {@link LogBackendSection} reads. Shuttle takes it in {@code backend} sections only.
     */
    private static void logMode(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (!proxy.kind.hasBackendCapability()) {
            throw new ConfigException("mode syslog is only applicable on proxies with backend capability.");
        }
        if (proxy.kind != ProxyKind.BACKEND) {
            throw new ConfigException("'mode log' is supported by Shuttle in 'backend' sections only.");
        }
        if (!proxy.servers.isEmpty()) {
            throw new ConfigException("'mode log' must come before the backend's 'server' lines in Shuttle.");
        }
        if (proxy.logBackend == null) {
            proxy.logBackend = new LogBackendSection(line.where());
        }
    }

    static void register(KeywordRegistry registry) {
        registry.proxy("mode", Need.ANY, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects one of 'tcp' or 'http'.");
            if (line.arg(1).equals("log")) {
                logMode(line, proxy);
                return;
            }
            proxy.mode = switch (line.arg(1)) {
                case "tcp" -> ProxyMode.TCP;
                case "http" -> ProxyMode.HTTP;
                case "health", "spop" -> throw new ConfigException("proxy mode '" + line.arg(1)
                        + "' is not supported by Shuttle.");
                default -> throw new ConfigException("unknown proxy mode '" + line.arg(1) + "'.");
            };
        });
        registry.proxy("id", Need.ANY, false, false, (line, proxy) -> {
            line.expectArgs(1, "expects an integer argument.");
            int id = TimeValue.parseCount(line.arg(1), "id");
            if (id < 1) {
                throw new ConfigException("custom id has to be > 0.");
            }
            proxy.id = id;
            proxy.idWhere = line.where();
        });
        registry.proxy("description", Need.ANY, false, false, (line, proxy) -> {
            if (line.argCount() == 0) {
                throw new ConfigException("'description' expects a string argument.");
            }
            proxy.description = String.join(" ", line.words().subList(1, line.words().size()));
        });
        registry.proxy("disabled", Need.ANY, true, false, (line, proxy) -> proxy.disabled = true);
        registry.proxy("enabled", Need.ANY, true, false, (line, proxy) -> proxy.disabled = false);
        registry.proxy("maxconn", Need.FRONTEND, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects an integer argument.");
            proxy.maxconn = TimeValue.parseCount(line.arg(1), "maxconn");
        });
        registry.proxy("retries", Need.BACKEND, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects an integer argument.");
            proxy.retries = TimeValue.parseCount(line.arg(1), "retries");
        });
        registry.proxy("default_backend", Need.FRONTEND, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects a backend name.");
            proxy.defaultBackend = line.arg(1);
        });
        registry.proxy("http-reuse", Need.BACKEND, true, false, (line, proxy) -> {
            String usage = "only supports 'never', 'safe', 'aggressive', 'always'.";
            line.expectArgs(1, usage);
            proxy.http.reuse = HttpReuse.fromKeyword(line.arg(1))
                    .orElseThrow(() -> new ConfigException("'http-reuse' " + usage));
        });
        flagOption(registry, "redispatch", Need.BACKEND);
        flagOption(registry, "dontlognull", Need.FRONTEND);
        flagOption(registry, "idle-close-on-response", Need.FRONTEND);
    }

    /** An {@code option} that is only on or off ({@code no option ...}), read at runtime with {@code isOptionSet}. */
    private static void flagOption(KeywordRegistry registry, String name, Need need) {
        registry.option(name, need, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            proxy.options.put(name, !line.negated());
        });
    }
}
