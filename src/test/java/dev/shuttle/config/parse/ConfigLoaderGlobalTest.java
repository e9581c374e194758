package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.GlobalConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.LogSetup;
import dev.shuttle.config.LogSampling;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.config.StatsSocketConfig;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Address;
import dev.shuttle.net.Hostname;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code global} section: process settings, {@code stats} and {@code log}, through {@link ConfigLoader}. */
class ConfigLoaderGlobalTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private GlobalConfig loadGlobal(String lines) {
        Loaded loaded = fixture.load("global\n" + lines + TIMEOUTS);
        assertEquals(List.of(), loaded.alerts());
        return loaded.config().global();
    }

    @Test
    void processSettings() {
        GlobalConfig global = loadGlobal("""
                    maxconn 2000
                    nbthread 4
                    pidfile /run/shuttle.pid
                    daemon
                    hard-stop-after 30s
                    grace 2s
                    node edge-1
                    tune.bufsize 32k
                """);
        assertEquals(2000, global.maxconn());
        assertEquals(4, global.nbthread());
        assertEquals(Optional.of(Path.of("/run/shuttle.pid")), global.pidfile());
        assertTrue(global.daemon());
        assertEquals(30_000, global.hardStopAfterMillis());
        assertEquals(2_000, global.graceMillis());
        assertEquals("edge-1", global.nodeName());
        assertEquals(32_768, global.bufferSize());
        assertEquals(1024, global.maxRewrite());
    }

    @Test
    void statsSocketWithLevelAndMode() {
        GlobalConfig global = loadGlobal("""
                    stats socket /tmp/shuttle-admin.sock level admin mode 600
                    stats socket ipv4@127.0.0.1:9999 level user
                    stats socket /tmp/shuttle-default.sock
                    stats timeout 5s
                """);
        List<StatsSocketConfig> sockets = global.statsSockets();
        assertEquals(List.of(CliLevel.ADMIN, CliLevel.USER, CliLevel.OPERATOR),
                sockets.stream().map(StatsSocketConfig::level).toList());
        assertEquals(new Address.UnixPath(Path.of("/tmp/shuttle-admin.sock")), sockets.get(0).address());
        assertEquals(0600, sockets.get(0).socketOptions().unixMode());
        assertEquals(new Address.Inet("127.0.0.1", 9999, Address.Family.IPV4), sockets.get(1).address());
        assertEquals(null, sockets.get(2).socketOptions().unixMode());
        assertEquals(5_000, global.statsTimeoutMillis());
    }

    @Test
    void statsTimeoutDefaultsToTenSeconds() {
        assertEquals(10_000, loadGlobal("").statsTimeoutMillis());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "stats socket /tmp/s.sock level god | 'level' only supports 'user', 'operator', and 'admin' (got 'god').",
            "stats socket /tmp/s.sock mode rw | 'stats socket /tmp/s.sock': 'mode' expects an octal value (got 'rw').",
            "stats socket /tmp/s.sock ssl | 'stats socket /tmp/s.sock' : 'ssl' : TLS on the stats socket is not supported by Shuttle.",
            "stats socket | 'stats socket' requires a path or an address.",
            "stats socket /tmp/s.sock level | 'stats socket /tmp/s.sock' : 'level' : missing value",
            "stats bogus | 'stats' only supports 'socket', 'maxconn' and 'timeout' in 'global' section (got 'bogus').",
            "stats timeout soon | 'stats timeout' : unexpected character 's'",
            "stats timeout 5x | 'stats timeout' : unexpected character 'x'",
            "tune.bufsize x | unexpected 'x' after size passed to 'tune.bufsize'",
            "tune.bufsize 16kx | unexpected 'x' after size passed to 'tune.bufsize'"})
    void badStatsLines(String line, String message) {
        Loaded loaded = fixture.load("global\n    " + line + "\n");
        assertEquals(loaded.at(2) + message, loaded.alerts().getFirst());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void noBeforeGlobalKeywordsThatTakeIt() {
        // configuration.txt §3: "no log" forgets the log lines above it (haproxy 3.5 -c takes all of these).
        GlobalConfig global = loadGlobal("""
                    log 127.0.0.1:5514 local0
                    no log
                    log 127.0.0.1:5515 local1
                    no busy-polling
                    no set-dumpable
                    default busy-polling
                    insecure-fork-wanted
                    no insecure-fork-wanted
                """);
        assertEquals(List.of(new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 5515))),
                global.logs().stream().map(LogTarget::destination).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "no nosplice | ']: ' | negation/default currently supported only for options, log, busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping.",
            "default maxconn 10 | ']: ' | negation/default currently supported only for options, log, busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping.",
            "no log 127.0.0.1 local0 | '] : ' | log : 'no log' does not expect arguments"})
    void noBeforeOtherGlobalKeywordsIsRefusedAs35RefusesIt(String line, String separator, String message) {
        Loaded loaded = fixture.load("global\n    " + line + "\n" + TIMEOUTS);
        // 3.5 writes the refused modifier's place without a space before the colon (seen live).
        assertEquals(loaded.at(2).replace("] : ", separator) + message, loaded.alerts().getFirst());
    }

    @Test
    void processVariablesAreSetInOrderFromInternalFetches() {
        Loaded loaded = fixture.load("global\n    set-var proc.prio int(100)\n"
                + "    set-var proc.threshold int(200),sub(proc.prio)\n"
                + "    set-var-fmt proc.summary \"%[var(proc.prio)]/%[var(proc.threshold)]\"\n" + TIMEOUTS);
        var variables = loaded.config().global().processVariables();
        assertEquals(100L, variables.get("prio").asLong());
        assertEquals(100L, variables.get("threshold").asLong());
        assertEquals("100/100", variables.get("summary").asString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "set-var proc.a src | fetch method 'src' needs a stream: only the fetches of internal data (str, int, var, env, date...) can be used in the global section.",
            "set-var txn.a str(x) | only process-wide variables ('proc.<name>') can be set in the global section (got 'txn.a').",
            "set-var proc.a | 'set-var' expects a variable name and a sample expression."})
    void badProcessVariables(String line, String message) {
        Loaded loaded = fixture.load("global\n    " + line + "\n");
        assertEquals(loaded.at(2) + message, loaded.alerts().getFirst());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void levelIsAStatsSocketOptionOnly() {
        Loaded loaded = fixture.load("frontend fe\n    bind 127.0.0.1:1 level admin\n");
        assertEquals(loaded.at(2) + "'bind 127.0.0.1:1' in section 'frontend': 'level' is not supported by Shuttle yet.",
                loaded.alerts().getFirst());
    }

    @Test
    void logTargets() {
        GlobalConfig global = loadGlobal("""
                    log 127.0.0.1:5514 local0
                    log 10.0.0.1 daemon info
                    log stdout local7 info notice
                    log /dev/log user
                    log 127.0.0.1 len 1024 format rfc3164 kern
                """);
        List<LogTarget> logs = global.logs();
        assertEquals(new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 5514)), logs.get(0).destination());
        assertEquals(new LogDestination.Datagram(new InetSocketAddress("10.0.0.1", 514)), logs.get(1).destination(),
                "the syslog port is 514 when none is given");
        assertEquals(new LogDestination.StandardStream(1), logs.get(2).destination());
        assertEquals("stdout", logs.get(2).target());
        assertEquals(new LogDestination.UnixDatagram(Path.of("/dev/log")), logs.get(3).destination());
        assertEquals(1024, logs.get(4).maxLength());
        assertEquals(List.of(SyslogFacility.LOCAL0, SyslogFacility.DAEMON, SyslogFacility.LOCAL7, SyslogFacility.USER,
                SyslogFacility.KERN), logs.stream().map(LogTarget::facility).toList());
        assertEquals(List.of(SyslogLevel.DEBUG, SyslogLevel.INFO, SyslogLevel.INFO, SyslogLevel.DEBUG, SyslogLevel.DEBUG),
                logs.stream().map(LogTarget::maxLevel).toList());
        assertEquals(List.of(SyslogLevel.EMERG, SyslogLevel.EMERG, SyslogLevel.NOTICE, SyslogLevel.EMERG,
                SyslogLevel.EMERG), logs.stream().map(LogTarget::minLevel).toList());
        assertEquals(SyslogFormat.RFC3164, logs.get(4).format());
        assertEquals(SyslogFormat.LOCAL, logs.get(0).format(), "HAProxy's default layout");
        assertFalse(logs.get(0).formatGiven());
        assertTrue(logs.get(4).formatGiven());
        assertEquals(16, SyslogFacility.LOCAL0.ordinal(), "the ordinal is the facility code");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // The messages are haproxy 3.5's (haproxy -c), except where Shuttle refuses what 3.5 takes.
            "log 127.0.0.1 foo | log : unknown log facility 'foo'",
            "log 127.0.0.1 local0 bogus | log : unknown optional log level 'bogus'",
            "log 127.0.0.1 local0 info err extra | log : cannot handle unexpected argument 'extra'",
            "log 127.0.0.1 | log : expects <address> and <facility>  as arguments",
            "log 127.0.0.1 format rfc3339 local0 | log : unknown log format 'rfc3339'",
            "log 127.0.0.1 len 79 local0 | log : invalid log length '79', must be between 80 and 65535",
            "log 127.0.0.1 len 65536 local0 | log : invalid log length '65536', must be between 80 and 65535",
            "log 127.0.0.1 len abc local0 | log : invalid log length 'abc', must be between 80 and 65535",
            "log 127.0.0.1 format raw len 80 local0 | log : unknown log facility 'len'",
            "log 127.0.0.1 sample 1:2 format raw local0 | log : unknown log facility 'format'",
            "log 127.0.0.1 sample 1-3:2 local0 | log : sample size 2 should be greater or equal to 3 the maximum of "
                    + "the high ranges limits",
            "log 127.0.0.1 sample 0-1:2 local0 | log : wrong sample range '0-1'",
            "log 127.0.0.1 sample 2-1:4 local0 | log : wrong sample range '2-1'",
            "log 127.0.0.1 sample 1:a local0 | log : wrong sample size 'a' for sample range '1'",
            "log 127.0.0.1 sample 1:0 local0 | log : wrong sample size '0' for sample range '1'",
            "log fd@x local0 | log : file descriptor 'x' is not a valid integer in 'fd@x'",
            "log fd@3 local0 | log : 'fd@3' : Shuttle writes logs to fd@1 (stdout) and fd@2 (stderr) only; it cannot "
                    + "tell what another inherited descriptor is (pipe, file or socket).",
            "log backend@be local0 | log : no log backend named 'be' (a backend with 'mode log', not disabled).",
            "log ring@buf local0 | log : no such ring 'buf'."})
    void badLogLines(String line, String message) {
        Loaded loaded = fixture.load("global\n    " + line + "\n");
        assertEquals(loaded.at(2) + message, loaded.alerts().getFirst());
    }

    @Test
    void everyKindOfLogTarget() {
        List<LogTarget> logs = loadGlobal("""
                    log udp@127.0.0.1:5514 len 80 local0
                    log udp4@127.0.0.1 local0
                    log udp6@[::1]:5514 local0
                    log [::1] local0
                    log unix@/run/log.sock local0
                    log fd@2 local0
                    log tcp@127.0.0.1:6514 local0
                    log 127.0.0.1 format raw sample 2,4-5:6 local0
                """).logs();
        assertEquals(List.of(new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 5514)),
                new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 514)),
                new LogDestination.Datagram(new InetSocketAddress("::1", 5514)),
                new LogDestination.Datagram(new InetSocketAddress("::1", 514)),
                new LogDestination.UnixDatagram(Path.of("/run/log.sock")),
                new LogDestination.StandardStream(2),
                new LogDestination.StreamServer(new InetSocketAddress("127.0.0.1", 6514)),
                new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 514))),
                logs.stream().map(LogTarget::destination).toList());
        assertEquals(80, logs.get(0).maxLength());
        assertEquals(new LogSampling(List.of(new LogSampling.Range(2, 2), new LogSampling.Range(4, 5)), 6),
                logs.get(7).sampling().orElseThrow());
    }

    @Test
    void logSendHostnameAndLogTag() {
        Loaded named = fixture.load("global\n    log-send-hostname myhost\n    log-tag mytag\n");
        LogSetup setup = named.configuration().orElseThrow().logSetup();
        assertEquals(Optional.of("myhost"), setup.hostname());
        assertEquals(Optional.of("mytag"), setup.tag());
        LogSetup system = fixture.load("global\n    log-send-hostname\n").configuration().orElseThrow().logSetup();
        assertEquals(Optional.of(Hostname.get()), system.hostname(), "without a name, the system's");
        assertEquals(Optional.empty(), system.tag());
    }
}
