package dev.shuttle.config.parse;

import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The keywords of the {@code global} section (configuration.txt §3), except {@code log} and {@code stats}. */
final class GlobalKeywords {
    /**
     * Settings that tune HAProxy's event loop or build, meaningless for Shuttle but harmless: a notice
     * says so. {@code strict-limits} (and its {@code no} form) makes a failed setrlimit() fatal: Shuttle
     * sets no limit; {@code numa-cpu-mapping} binds threads to NUMA nodes: the JVM places its threads.
     */
    private static final Set<String> ACCEPTED_WITHOUT_EFFECT = Set.of(
            "thread-groups", "cpu-map", "noepoll", "nopoll", "nosplice", "noreuseport", "nogetaddrinfo",
            "set-dumpable", "expose-experimental-directives", "insecure-setuid-wanted",
            "busy-polling", "profiling.tasks", "profiling.memory", "quiet", "zero-warning", "ulimit-n",
            "strict-limits", "numa-cpu-mapping",
            "tune.fd.edge-triggered", "tune.runqueue-depth", "tune.recv_enough",
            "tune.pipesize", "tune.maxpollevents", "tune.maxaccept", "tune.pattern.cache-size",
            "tune.sndbuf.client", "tune.sndbuf.server", "tune.rcvbuf.client", "tune.rcvbuf.server",
            "tune.memory.hot-size", "tune.disable-zero-copy-forwarding", "tune.disable-fast-forward");

    private GlobalKeywords() {}

    /**
     * {@code maxconnrate} or {@code maxsessrate} (configuration.txt §3.2): events per second the
     * process accepts, read as C's atol() reads it. A second one is an alert and keeps the first,
     * as 3.5 does ("already specified. Continuing.").
     */
    /**
     * A size (digits, then one of k, m, g), refused in 3.5's words at the first character that is
     * neither (configuration.txt §2.5).
     */
    static String sizeValue(String value, String keyword) throws ConfigException {
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        if (end > 0 && end < value.length() && "kKmMgG".indexOf(value.charAt(end)) >= 0) {
            end++;
        }
        if (end == 0 || end < value.length()) {
            char unexpected = value.charAt(end);
            throw new ConfigException("unexpected '" + unexpected + "' after size passed to '" + keyword + "'");
        }
        return value;
    }

    private static int processRate(KeywordContext line, int current) throws ConfigException {
        if (line.argCount() > 1) {
            throw new ConfigException("'" + line.keyword() + "' cannot handle unexpected argument '" + line.arg(2) + "'.");
        }
        if (current != 0) {
            throw new ConfigException("'" + line.keyword() + "' already specified. Continuing.");
        }
        if (line.argCount() == 0 || line.arg(1).isEmpty()) {
            throw new ConfigException("'" + line.keyword() + "' expects an integer argument.");
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, CNumbers.atol(line.arg(1))));
    }

    static void register(KeywordRegistry registry) {
        registry.global("maxconn", (line, global) -> {
            line.expectArgs(1, "expects an integer argument.");
            // 3.5 reads it with strtol() and wants the whole word read (configuration.txt §3.2 "maxconn").
            if (!line.arg(1).matches("\\s*[+-]?\\d+")) {
                throw new ConfigException("cannot parse 'maxconn' value '" + line.arg(1) + "', an integer is expected.");
            }
            global.maxconn = TimeValue.parseCount(line.arg(1), "maxconn");
        });
        registry.global("maxconnrate", (line, global) ->
                global.maxConnectionRate = processRate(line, global.maxConnectionRate));
        registry.global("maxsessrate", (line, global) ->
                global.maxSessionRate = processRate(line, global.maxSessionRate));
        registry.global("stats-file", (line, global) -> {
            line.expectArgs(1, "expect one argument: a file path.");
            global.statsFile = Path.of(line.arg(1));
        });
        registry.global("nbthread", (line, global) -> {
            line.atMostArgs(1);
            // 3.5: strtol() over the whole word, then 1 to its MAX_THREADS (1024 in its default build).
            if (!line.arg(1).matches("\\s*[+-]?\\d{1,18}")) {
                throw new ConfigException("'nbthread' passed a missing or unparsable integer value in '" + line.arg(1)
                        + "'");
            }
            long threads = Long.parseLong(line.arg(1).strip().replace("+", ""));
            if (threads < 1 || threads > 1024) {
                throw new ConfigException("'nbthread' value must be between 1 and 1024 (was " + threads + ")");
            }
            global.nbthread = (int) threads;
        });
        registry.global("pidfile", (line, global) -> {
            line.expectArgs(1, "expects a file name as an argument.");
            global.pidfile = Path.of(line.arg(1));
        });
        registry.global("daemon", (line, global) -> {
            line.atMostArgs(0);
            global.daemon = true;
        });
        registry.global("hard-stop-after", (line, global) -> {
            line.expectArgs(1, "expects <time> as argument.");
            global.hardStopAfterMillis = TimeValue.parseMillis(line.arg(1), "hard-stop-after");
        });
        registry.global("grace", (line, global) -> {
            line.expectArgs(1, "expects <time> as argument.");
            global.graceMillis = TimeValue.parseMillis(line.arg(1), "grace");
        });
        registry.global("tune.bufsize", (line, global) -> {
            line.expectArgs(1, "expects an integer argument.");
            int size = (int) TimeValue.parseSize(sizeValue(line.arg(1), "tune.bufsize"), "tune.bufsize");
            if (size < 1024) {
                throw new ConfigException("'tune.bufsize' expects a size of at least 1024 bytes (got " + size + ").");
            }
            global.bufferSize = size;
        });
        registry.global("tune.maxrewrite", (line, global) -> {
            line.expectArgs(1, "expects an integer argument.");
            global.maxRewrite = TimeValue.parseCount(line.arg(1), "tune.maxrewrite");
        });
        registry.global("node", (line, global) -> {
            line.expectArgs(1, "expects a node name.");
            global.nodeName = line.arg(1);
        });
        registry.global("localpeer", (line, global) -> {
            line.expectArgs(1, "expects a name as an argument.");
            line.state().variables().set("HAPROXY_LOCALPEER", line.arg(1));
        });
        registry.global("tune.idle-pool.shared", (line, global) -> {
            line.expectArgs(1, "expects 'full', 'on' or 'off'.");
            if (!Set.of("full", "on", "off").contains(line.arg(1))) {
                throw new ConfigException("'tune.idle-pool.shared' expects 'full', 'on' or 'off'.");
            }
            line.notice("'tune.idle-pool.shared' is accepted for compatibility but has no effect in Shuttle: each "
                    + "server has one idle pool that every thread shares (as 'full').");
        });
        registerEnvironment(registry);
        registerRefused(registry);
        for (String keyword : ACCEPTED_WITHOUT_EFFECT) {
            registry.global(keyword, (line, global) ->
                    line.notice("'" + keyword + "' is accepted for compatibility but has no effect in Shuttle."));
        }
    }

    /** {@code setenv}, {@code presetenv}, {@code resetenv}, {@code unsetenv}: changes seen by the lines that follow. */
    private static void registerEnvironment(KeywordRegistry registry) {
        registry.global("setenv", (line, global) -> {
            line.expectArgs(2, "expects exactly 2 arguments.");
            line.state().variables().set(line.arg(1), line.arg(2));
        });
        registry.global("presetenv", (line, global) -> {
            line.expectArgs(2, "expects exactly 2 arguments.");
            line.state().variables().setIfAbsent(line.arg(1), line.arg(2));
        });
        registry.global("resetenv", (line, global) ->
                line.state().variables().retainOnly(line.words().subList(1, line.words().size())));
        registry.global("unsetenv", (line, global) -> {
            List<String> names = line.words().subList(1, line.words().size());
            line.state().variables().unset(names.toArray(String[]::new));
        });
    }

    /** Keywords whose feature is planned but absent: refusing them is honest, ignoring them is not. */
    private static void registerRefused(KeywordRegistry registry) {
        for (String keyword : List.of("master-worker", "mworker-max-reloads")) {
            registry.global(keyword, (line, global) -> {
                throw new ConfigException("'" + keyword + "' is not supported by Shuttle yet (master-worker mode "
                        + "comes with reloads).");
            });
        }
        for (String keyword : List.of("user", "group", "uid", "gid", "chroot")) {
            registry.global(keyword, (line, global) -> {
                throw new ConfigException("'" + keyword + "' is not supported by Shuttle: a JVM cannot drop "
                        + "privileges or chroot itself; start it as the intended user instead.");
            });
        }
    }
}
