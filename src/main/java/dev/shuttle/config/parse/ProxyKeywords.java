package dev.shuttle.config.parse;

import dev.shuttle.config.HttpReuse;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.RetryOn;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import java.util.EnumSet;

/** The general keywords of proxy sections: mode, naming, limits, routing and balancing (configuration.txt §4). */
final class ProxyKeywords {
    private ProxyKeywords() {}

    /**
     * {@code mode log} (configuration.txt, "mode"): a backend becomes a log backend, whose further
     * lines {@link LogBackendSection} reads. Shuttle takes it in {@code backend} sections only.
     */
    /**
     * A proxy's {@code maxconn}, {@code retries} or {@code fullconn} as 3.5 reads it, with C's
     * atol(): "x" is 0 (no retry; for maxconn and fullconn, the default), "12abc" is 12. A negative
     * value, which 3.5 also takes, is read as 0 here.
     */
    private static int atolCount(String value) {
        return (int) Math.max(0, CNumbers.atol(value));
    }

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
            proxy.modeSet = true;
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
        GuidKeyword.register(registry);
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
            proxy.maxconn = atolCount(line.arg(1));
        });
        registry.proxy("rate-limit", Need.FRONTEND, true, false, ProxyKeywords::rateLimit);
        registry.proxy("retries", Need.BACKEND, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects an integer argument.");
            proxy.retries = atolCount(line.arg(1));
        });
        registry.proxy("fullconn", Need.BACKEND, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects an integer argument.");
            proxy.fullconn = atolCount(line.arg(1));
        });
        registry.proxy("retry-on", Need.ANY, true, false, ProxyKeywords::retryOn);
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
        registry.option("redispatch", Need.BACKEND, ProxyKeywords::redispatch);
        flagOption(registry, "allbackups", Need.BACKEND);
        flagOption(registry, "prefer-last-server", Need.BACKEND);
        flagOption(registry, "dontlognull", Need.FRONTEND);
        flagOption(registry, "idle-close-on-response", Need.FRONTEND);
        // Listener rows in the stats, each listener with its own counters (configuration.txt §4.2).
        flagOption(registry, "socket-stats", Need.FRONTEND);
    }

    /**
     * {@code retry-on <keywords>} (configuration.txt §4.2): the conditions replace the previous
     * ones; {@code none} only alone; HAProxy's messages for a missing or unknown keyword.
     */
    private static void retryOn(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.argCount() == 0) {
            throw new ConfigException("'retry-on' needs at least one keyword to specify when to retry");
        }
        if (!proxy.kind.hasBackendCapability()) {
            throw new ConfigException("'retry-on' only available in backend or listen section");
        }
        EnumSet<RetryOn> conditions = EnumSet.noneOf(RetryOn.class);
        for (int i = 1; i <= line.argCount(); i++) {
            String word = line.arg(i);
            if (word.equals("none")) {
                if (i != 1 || line.argCount() > 1) {
                    throw new ConfigException("'retry-on' 'none' keyword only usable alone");
                }
            } else if (word.equals("all-retryable-errors")) {
                conditions.addAll(RetryOn.ALL_RETRYABLE_ERRORS);
            } else {
                conditions.add(RetryOn.fromKeyword(word).orElseThrow(
                        () -> new ConfigException("'retry-on': unknown keyword '" + word + "'")));
            }
        }
        proxy.retryOn = conditions;
    }

    /**
     * {@code [no] option redispatch [<interval>]}: on, the last retry goes to another server (-1);
     * a positive P, every Pth retry; a negative -N, the Nth retry before the last; 0 turns it off.
     */
    private static void redispatch(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.negated()) {
            line.expectArgs(0, "takes no argument.");
            proxy.redispatchInterval = 0;
        } else if (line.argCount() == 0) {
            proxy.redispatchInterval = -1;
        } else {
            proxy.redispatchInterval = CNumbers.atoi(line.arg(1));
        }
        proxy.options.put("redispatch", proxy.redispatchInterval != 0);
    }

    /** An {@code option} that is only on or off ({@code no option ...}), read at runtime with {@code isOptionSet}. */
    private static void flagOption(KeywordRegistry registry, String name, Need need) {
        registry.option(name, need, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            proxy.options.put(name, !line.negated());
        });
    }

    /**
     * {@code rate-limit sessions <rate>} (configuration.txt §4.2): new sessions per second the
     * frontend accepts; accepting pauses while it is reached. HAProxy's texts for bad input.
     */
    private static void rateLimit(KeywordContext line, ProxySection proxy) throws ConfigException {
        String what = line.argCount() > 0 ? line.arg(1) : "";
        if (!what.equals("sessions")) {
            throw new ConfigException("'rate-limit' only supports 'sessions' (got '" + what + "')");
        }
        if (line.argCount() < 2 || line.arg(2).isEmpty()) {
            throw new ConfigException("'rate-limit sessions' expects expects an integer value (in sessions/second)");
        }
        String value = line.arg(2);
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        if (digits < value.length()) {
            throw new ConfigException("'rate-limit sessions' : unexpected character '" + value.charAt(digits)
                    + "' in integer value '" + value + "'");
        }
        proxy.sessionRateLimit = (int) Math.min(Integer.MAX_VALUE, CNumbers.atol(value));
    }
}
