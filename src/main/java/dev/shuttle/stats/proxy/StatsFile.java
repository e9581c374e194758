package dev.shuttle.stats.proxy;

import dev.shuttle.backend.Backend;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Listener;
import dev.shuttle.listener.ListenerStats;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.Server;
import dev.shuttle.stats.StatField;
import dev.shuttle.stats.StatRow;
import dev.shuttle.stats.TrafficCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stats-file (management.txt §9.5): {@code dump stats-file} writes the counters of every
 * object that has a {@code guid}, and {@code stats-file <path>} preloads them at start into the
 * objects with the same guid and side, so that counters survive a restart.
 *
 * <p>The format is HAProxy 3.5's: a {@code #fe guid,<columns>,} header, one line per frontend and
 * listener ({@code <guid>,<values>,}), an empty line, then a {@code #be guid,<columns>,} header and
 * one line per server and backend, {@code mode log} backends and their servers among them in proxy
 * id order (3.5 dumps and loads them as any backend: their rows' values, their counters). Lines starting with {@code //} are comments. A line naming an
 * unknown guid, or an object of the other side, is ignored silently, as in 3.5.
 *
 * <p>The file is read once at start ({@link #read}), before the runtime API answers, and each
 * object is preloaded from it before anything can show it.
 */
public final class StatsFile {
    /** The columns of the frontend side, in 3.5's order. */
    static final List<String> FRONTEND_COLUMNS = List.of("stot", "bin", "bout", "dreq", "dresp", "ereq", "rate",
            "hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other", "req_rate", "req_tot",
            "comp_in", "comp_out", "comp_byp", "comp_rsp", "conn_rate", "conn_tot", "intercepted", "dcon", "dses",
            "wrew", "cache_lookups", "cache_hits", "eint", "h1sess", "h2sess", "h3sess", "req_other", "h1req",
            "h2req", "h3req", "reqbin", "reqbout", "resbin", "resbout", "cache_hint_hits");
    /** The columns of the backend side (servers and backends), in 3.5's order. */
    static final List<String> BACKEND_COLUMNS = List.of("stot", "bin", "bout", "dreq", "dresp", "econ", "eresp",
            "wretr", "wredis", "chkfail", "chkdown", "lastchg", "lbtot", "rate", "hrsp_1xx", "hrsp_2xx", "hrsp_3xx",
            "hrsp_4xx", "hrsp_5xx", "hrsp_other", "hanafail", "req_tot", "cli_abrt", "srv_abrt", "comp_in",
            "comp_out", "comp_byp", "comp_rsp", "lastsess", "wrew", "connect", "reuse", "cache_lookups",
            "cache_hits", "eint", "reqbin", "reqbout", "resbin", "resbout", "cache_hint_hits");

    private StatsFile() {}

    /** {@code dump stats-file}: the file's text for the process now, without log backends. */
    public static String dump(List<Frontend> frontends, List<Backend> backends, int processMaxconn) {
        return dump(frontends, backends, List.of(), processMaxconn);
    }

    /** {@code dump stats-file}: the file's text for the process now. */
    public static String dump(List<Frontend> frontends, List<Backend> backends, List<LogBackendStats> logBackends,
                              int processMaxconn) {
        ProxyStatRows rows = new ProxyStatRows(frontends, backends, processMaxconn);
        StringBuilder out = new StringBuilder();
        header(out, "#fe", FRONTEND_COLUMNS);
        for (Frontend frontend : byId(frontends, f -> f.config().id())) {
            if (!frontend.config().guid().isEmpty()) {
                line(out, frontend.config().guid(), rows.frontendRow(frontend), FRONTEND_COLUMNS);
            }
            for (Listener listener : frontend.listeners()) {
                ListenerStats stats = listener.stats().orElse(null);
                if (stats != null && !stats.guid().isEmpty()) {
                    line(out, stats.guid(), rows.listenerRow(frontend, listener, stats), FRONTEND_COLUMNS);
                }
            }
        }
        out.append('\n');
        header(out, "#be", BACKEND_COLUMNS);
        List<BackSide> backSide = new ArrayList<>();
        backends.forEach(backend -> backSide.add(new BackSide(backend.config().id(), () -> backendLines(out, rows, backend))));
        logBackends.forEach(log -> backSide.add(new BackSide(log.id(), () -> logBackendLines(out, log))));
        backSide.sort(Comparator.comparingInt(BackSide::proxyId));
        backSide.forEach(proxy -> proxy.writeLines().run());
        return out.toString();
    }

    /** A backend, traffic or {@code mode log}, and how its lines are written. */
    private record BackSide(int proxyId, Runnable writeLines) {}

    /** A backend's servers' lines, then its own. */
    private static void backendLines(StringBuilder out, ProxyStatRows rows, Backend backend) {
        for (Server server : backend.servers()) {
            if (!server.config().guid().isEmpty()) {
                line(out, server.config().guid(), rows.serverRow(backend, server), BACKEND_COLUMNS);
            }
        }
        if (!backend.config().guid().isEmpty()) {
            line(out, backend.config().guid(), rows.backendRow(backend), BACKEND_COLUMNS);
        }
    }

    /** A {@code mode log} backend's servers' lines, then its own, as 3.5 writes them. */
    private static void logBackendLines(StringBuilder out, LogBackendStats backend) {
        for (LogBackendStats.Server server : backend.servers()) {
            if (!server.config().guid().isEmpty()) {
                line(out, server.config().guid(), LogBackendStatRows.serverRow(backend, server), BACKEND_COLUMNS);
            }
        }
        if (!backend.guid().isEmpty()) {
            line(out, backend.guid(), LogBackendStatRows.backendRow(backend), BACKEND_COLUMNS);
        }
    }

    private static <T> List<T> byId(List<T> objects, java.util.function.ToIntFunction<T> id) {
        List<T> sorted = new ArrayList<>(objects);
        sorted.sort(Comparator.comparingInt(id));
        return sorted;
    }

    private static void header(StringBuilder out, String side, List<String> columns) {
        out.append(side).append(" guid,");
        columns.forEach(column -> out.append(column).append(','));
        out.append('\n');
    }

    /**
     * One object's line: a column its row leaves empty (not kept for this object) is written 0, and
     * so is a frontend's or listener's {@code req_tot}, whose requests the per-version columns hold
     * ({@code h1req}...), as in 3.5's files. A {@code lastsess} of -1 (no session yet) is written 0:
     * 3.5 writes the age of its last-session time, which is 0 until a session came.
     */
    private static void line(StringBuilder out, String guid, StatRow row, List<String> columns) {
        out.append(guid).append(',');
        boolean frontSide = columns == FRONTEND_COLUMNS;
        for (String column : columns) {
            StatField field = StatField.byColumn(column).orElseThrow();
            String text = row.has(field) && !(frontSide && field == StatField.REQ_TOT) ? row.text(field) : "";
            boolean never = field == StatField.LASTSESS && text.equals("-1");
            out.append(text.isEmpty() || never ? "0" : text).append(',');
        }
        out.append('\n');
    }

    /**
     * What a stats-file holds, read at start: the columns and values of each guid, by side. Applying
     * them to an object preloads its counters ({@link #preload}).
     */
    public static final class Saved {
        /** Nothing saved: no {@code stats-file}. */
        public Saved() {}

        private final Map<String, Map<String, Long>> frontSide = new HashMap<>();
        private final Map<String, Map<String, Long>> backSide = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();

        /** The warnings of the reading, in 3.5's words, to print at start. */
        public List<String> warnings() {
            return List.copyOf(warnings);
        }

        /** Preloads a frontend's or listener's counters from the frontend side's line of {@code guid}, if any. */
        public void preloadFrontendSide(String guid, TrafficCounters counters) {
            preload(frontSide, guid, counters);
        }

        /** Preloads a backend's or server's counters from the backend side's line of {@code guid}, if any. */
        public void preloadBackendSide(String guid, TrafficCounters counters) {
            preload(backSide, guid, counters);
        }

        /** Preloads each {@code mode log} backend's and its servers' counters from the backend side's lines. */
        public void preloadLogBackends(List<LogBackendStats> logBackends) {
            for (LogBackendStats backend : logBackends) {
                preloadBackendSide(backend.guid(), backend.counters());
                for (LogBackendStats.Server server : backend.servers()) {
                    preloadBackendSide(server.config().guid(), server.counters());
                }
            }
        }

        private static void preload(Map<String, Map<String, Long>> side, String guid, TrafficCounters counters) {
            if (guid.isEmpty()) {
                return;
            }
            side.getOrDefault(guid, Map.of()).forEach(counters::preload);
        }
    }

    /**
     * {@code stats-file <path>}: reads the file; its warnings are in 3.5's words (a file that
     * cannot be read, a first line that is not a header, a line that cannot be read).
     */
    public static Saved read(Path path) {
        Saved saved = new Saved();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            saved.warnings.add("config: Can't load stats-file '" + path + "': cannot open file.");
            return saved;
        }
        new Reader(path, saved).read(lines);
        return saved;
    }

    /** Reads {@code path} and preloads the objects given; returns the warnings (tests, and a process started at once). */
    public static List<String> preload(Path path, List<Frontend> frontends, List<Backend> backends) {
        return preload(path, frontends, backends, List.of());
    }

    /** Reads {@code path} and preloads the objects given, log backends included; returns the warnings. */
    public static List<String> preload(Path path, List<Frontend> frontends, List<Backend> backends,
                                       List<LogBackendStats> logBackends) {
        Saved saved = read(path);
        saved.preloadLogBackends(logBackends);
        for (Frontend frontend : frontends) {
            saved.preloadFrontendSide(frontend.config().guid(), frontend.counters());
            for (Listener listener : frontend.listeners()) {
                listener.stats().ifPresent(stats -> saved.preloadFrontendSide(stats.guid(), stats.counters()));
            }
        }
        for (Backend backend : backends) {
            saved.preloadBackendSide(backend.config().guid(), backend.counters());
            for (Server server : backend.servers()) {
                saved.preloadBackendSide(server.config().guid(), server.counters());
            }
        }
        return saved.warnings();
    }

    /** Reads the lines in order: a header sets the side and its columns, the lines after it load. */
    private static final class Reader {
        private final Path path;
        private final Map<String, Map<String, Long>> frontSide;
        private final Map<String, Map<String, Long>> backSide;
        private final List<String> warnings;
        private Map<String, Map<String, Long>> side;
        private List<String> columns = List.of();
        private boolean validFormat;

        Reader(Path path, Saved saved) {
            this.path = path;
            this.frontSide = saved.frontSide;
            this.backSide = saved.backSide;
            this.warnings = saved.warnings;
        }

        void read(List<String> lines) {
            for (int number = 1; number <= lines.size(); number++) {
                String line = lines.get(number - 1).strip();
                if (line.isEmpty() || line.startsWith("//")) {
                    continue;
                }
                if (line.startsWith("#")) {
                    if (!header(line)) {
                        if (!validFormat) {
                            warnings.add("config: Invalid stats-file format in file '" + path + "'.");
                            return;
                        }
                        warnings.add("config: Ignored stats-file header line '" + number + "' in file '" + path + "'.");
                    }
                    validFormat = true;
                } else if (side != null) {
                    if (!load(line)) {
                        warnings.add("config: Ignored stats-file line " + number + " in file '" + path + "'.");
                    }
                } else if (!validFormat) {
                    warnings.add("config: Invalid stats-file format in file '" + path + "'.");
                    return;
                }
            }
        }

        /** A {@code #fe guid,...} or {@code #be guid,...} header; another {@code #} line leaves no side. */
        private boolean header(String line) {
            String[] words = line.split(",", -1);
            String[] first = words[0].split(" ", 2);
            side = switch (first[0]) {
                case "#fe" -> frontSide;
                case "#be" -> backSide;
                default -> null;
            };
            if (side == null) {
                return true; // another domain: its lines are skipped until the next header
            }
            if (first.length < 2 || !first[1].equals("guid")) {
                side = null;
                return false;
            }
            List<String> names = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                names.add(words[i]);
            }
            columns = names;
            return true;
        }

        /** One object's line, kept for its guid (a later line of the same guid adds). False for a guid of the wrong format. */
        private boolean load(String line) {
            String[] values = line.split(",", -1);
            String guid = values[0];
            if (guid.isEmpty() || guid.length() > 127 || !guid.chars().allMatch(Reader::guidCharacter)) {
                return false;
            }
            Map<String, Long> counters = side.computeIfAbsent(guid, g -> new HashMap<>());
            for (int i = 1; i < values.length && i - 1 < columns.size(); i++) {
                String value = values[i];
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 19) {
                    String column = frontendRequests(columns.get(i - 1));
                    if (column != null) {
                        counters.merge(column, Long.parseLong(value), Long::sum);
                    }
                }
            }
            return true;
        }

        /**
         * On the frontend side, requests are kept by HTTP version ({@code h1req}, {@code h2req},
         * {@code h3req}, {@code req_other}: their sum is the row's {@code req_tot}, and the file's
         * {@code req_tot} column is 0, as 3.5 writes it); Shuttle counts them together. Null: a
         * column not loaded.
         */
        private String frontendRequests(String column) {
            if (side != frontSide) {
                return column;
            }
            return switch (column) {
                case "req_tot" -> null;
                case "h1req", "h2req", "h3req", "req_other" -> "req_tot";
                default -> column;
            };
        }

        private static boolean guidCharacter(int c) {
            return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '-' || c == '_');
        }
    }
}
