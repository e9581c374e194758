package dev.shuttle.cli;

import dev.shuttle.config.RingConfig;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime API commands that show the process's environment and internals (management.txt
 * §9.3): {@code show env}, {@code show activity}, {@code show pools}, {@code show events} and
 * {@code show resolvers}, with HAProxy 3.5's layouts and answers. Where Shuttle differs inside (a
 * JVM's memory pools instead of HAProxy's, no log rings, no DNS), the output says what Shuttle has
 * rather than pretend to have HAProxy's.
 */
final class ProcessStateCommands {
    private ProcessStateCommands() {}

    static void register(CliCommands table, ProcessView process) {
        table.register(new CliCommand(List.of("show", "env"), "show env [var]",
                "dump environment variables known to the process", CliLevel.OPERATOR,
                (args, session, out) -> showEnvironment(args, out)));
        table.register(new CliCommand(List.of("show", "activity"), "show activity [-1|0|thread_num]",
                "show per-thread activity stats (for support/developers)", CliLevel.OPERATOR,
                (args, session, out) -> showActivity(args, process, out)));
        table.register(new CliCommand(List.of("show", "pools"), "show pools [by*] [match <pfx>] [nb]",
                "report information about the memory pools usage", CliLevel.USER,
                (args, session, out) -> showPools(args, out)));
        table.register(new CliCommand(List.of("show", "events"), "show events [<sink>] [-w] [-n] [-0]",
                "show event sink state", CliLevel.USER,
                (args, session, out) -> showEvents(args, process, out)));
        table.register(new CliCommand(List.of("show", "resolvers"), "show resolvers [id]",
                "dumps counters from all resolvers section and associated name servers", CliLevel.USER,
                (args, session, out) -> showResolvers(args)));
    }

    /** {@code show env [<name>]}: {@code name=value} lines, sorted by name (the JVM does not keep the environment's order). */
    private static void showEnvironment(List<String> args, StringBuilder out) throws CliException {
        Map<String, String> environment = new TreeMap<>(System.getenv());
        if (!args.isEmpty() && !args.getFirst().isEmpty()) {
            String value = environment.get(args.getFirst());
            if (value == null) {
                throw new CliException("Variable not found");
            }
            out.append(args.getFirst()).append('=').append(value).append('\n');
            return;
        }
        environment.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
    }

    /**
     * {@code show activity}: the fields that mean something in Shuttle, under HAProxy's names: the
     * date and uptime, the connections accepted, the process's CPU time. Shuttle's counters are not
     * kept per thread (a connection is a virtual thread, on any carrier), so the per-thread columns
     * HAProxy adds between brackets are absent, as with a single thread.
     */
    private static void showActivity(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (!args.isEmpty() && !args.getFirst().isEmpty()) {
            long thread = RuntimeArguments.atoi(args.getFirst());
            if (thread < -1 || thread > process.threads()) {
                throw new CliException("Thread ID number must be between -1 and nbthread");
            }
        }
        Instant now = Instant.now();
        Duration up = Duration.between(process.startTime(), now);
        out.append("thread_id: 1 (1..").append(process.threads()).append(")\n");
        out.append(String.format("date_now: %d.%06d%n", now.getEpochSecond(), now.getNano() / 1000));
        out.append(String.format("uptime_now: %d.%06d%n", up.toSeconds(), up.toNanosPart() / 1000));
        out.append("accepted: ").append(process.cumulativeConnections()).append('\n');
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean jvm && jvm.getProcessCpuTime() >= 0) {
            out.append("cpust_ms_tot: ").append(jvm.getProcessCpuTime() / 1_000_000).append('\n');
        }
    }

    /** One memory pool of the JVM: its name, kind, what it reserved and what it uses now. */
    private record Pool(String name, String kind, long allocated, long used) {}

    /**
     * {@code show pools}: Shuttle's memory is the JVM's, so its pools are the JVM's memory pools
     * (heap generations, metaspace, code cache) and buffer pools (direct and mapped buffers, where
     * sockets' native buffers live), in HAProxy's line layout: what each reserved and what it uses.
     */
    private static void showPools(List<String> args, StringBuilder out) throws CliException {
        Comparator<Pool> order = null;
        boolean byUsage = false;
        String prefix = "";
        int limit = 0;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            switch (word) {
                case "byname" -> order = Comparator.comparing(Pool::name);
                case "bysize" -> order = Comparator.comparingLong(Pool::allocated).reversed();
                case "byusage" -> {
                    order = Comparator.comparingLong(Pool::used).reversed();
                    byUsage = true; // only the pools in use, as HAProxy's
                }
                case "detailed" -> { }
                case "match" -> {
                    if (i + 1 >= args.size()) {
                        throw poolsUsage();
                    }
                    prefix = args.get(++i);
                }
                default -> {
                    if (word.isEmpty() || !word.chars().allMatch(Character::isDigit)) {
                        throw poolsUsage();
                    }
                    limit = RuntimeArguments.atoi(word);
                }
            }
        }
        List<Pool> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pools.add(new Pool(pool.getName(), pool.getType() == MemoryType.HEAP ? "heap" : "non-heap",
                    pool.getUsage().getCommitted(), pool.getUsage().getUsed()));
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            pools.add(new Pool(pool.getName(), pool.getCount() + " buffers", pool.getTotalCapacity(),
                    pool.getMemoryUsed()));
        }
        String match = prefix;
        boolean inUseOnly = byUsage;
        pools.removeIf(pool -> !pool.name().startsWith(match) || inUseOnly && pool.used() == 0);
        if (order != null) {
            pools.sort(order);
        }
        out.append("Dumping pools usage").append(limit > 0 ? " (limited to the first " + limit + " entries)" : "")
                .append(". Use SIGQUIT to flush them.\n");
        long allocated = 0;
        long used = 0;
        for (int i = 0; i < pools.size(); i++) {
            Pool pool = pools.get(i);
            if (limit <= 0 || i < limit) {
                out.append("  - Pool ").append(pool.name()).append(" (").append(pool.kind()).append(") : ")
                        .append(pool.allocated()).append(" bytes allocated, ").append(pool.used())
                        .append(" bytes used\n");
            }
            allocated += pool.allocated(); // the total is that of every pool the filters kept, as HAProxy's
            used += pool.used();
        }
        out.append("Total: ").append(pools.size()).append(" pools, ").append(allocated).append(" bytes allocated, ")
                .append(used).append(" used.\n");
    }

    private static CliException poolsUsage() {
        return new CliException("Expects either 'byname', 'bysize', 'byusage', 'match <pfx>', 'detailed', or a max"
                + " number of output lines.");
    }

    /**
     * {@code show events}: Shuttle's event sinks are its standard streams ({@code log stdout}, {@code
     * log stderr}) and its {@code ring} sections. A ring forwards each line to its servers and keeps
     * none (a ring without a server counts its lines as dropped), so there is never an event to dump.
     * The lines lost are counted for the whole process: each sink's line shows that total.
     */
    private static void showEvents(List<String> args, ProcessView process, StringBuilder out) throws CliException {
        if (args.isEmpty() || args.getFirst().isEmpty()) {
            long dropped = process.droppedLogs();
            out.append("Supported events sinks are listed below. Add -0(zero), -w(wait), -n(new). Any key to stop.\n");
            out.append(String.format("    %-10s : type=fd, %d dropped, standard output (fd#1)%n", "stdout", dropped));
            out.append(String.format("    %-10s : type=fd, %d dropped, standard output (fd#2)%n", "stderr", dropped));
            for (RingConfig ring : process.rings()) {
                out.append(String.format("    %-10s : type=buffer, %d dropped, %s%n", ring.name(), dropped,
                        ring.description().isEmpty() ? ring.name() : ring.description()));
            }
            return;
        }
        String sink = args.getFirst();
        if (sink.equals("stdout") || sink.equals("stderr")) {
            throw new CliException("Nothing to report for this sink");
        }
        if (process.rings().stream().noneMatch(ring -> ring.name().equals(sink))) {
            throw new CliException("No such event sink");
        }
        // a ring keeps no line: nothing to dump (HAProxy dumps what its buffer still holds)
    }

    /** {@code show resolvers}: Shuttle has no DNS resolvers yet, so no section to report and none to name. */
    private static void showResolvers(List<String> args) throws CliException {
        if (!args.isEmpty() && !args.getFirst().isEmpty()) {
            throw new CliException("Can't find that resolvers section");
        }
    }
}
