package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.HashType;
import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerCheckSettings;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backends with {@code mode log} and {@code log backend@<name>}; messages as haproxy 3.5's where it has one. */
class LogBackendSectionTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void aLogBackendIsNotATrafficBackend() {
        Loaded loaded = fixture.load("""
                global
                    log backend@logs local0
                backend logs
                    mode log
                    balance roundrobin
                    server s1 udp@127.0.0.1:5514
                    server s2 udp@127.0.0.1:5515 backup weight 7
                    server s3 udp@127.0.0.1:5516 disabled
                backend tcplogs
                    mode log
                    server t1 127.0.0.1:6514 log-proto octet-count log-bufsize 64k
                """);
        LogBackendConfig logs = loaded.config().logSetup().backends().get("logs");
        assertEquals(LogBackendConfig.Balance.ROUNDROBIN, logs.balance());
        assertEquals(List.of(
                new LogBackendConfig.Server("s1", new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 5514)),
                        true, false, RingConfig.Framing.LEGACY, RingConfig.DEFAULT_SIZE),
                new LogBackendConfig.Server("s2", new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 5515)),
                        true, true, RingConfig.Framing.LEGACY, RingConfig.DEFAULT_SIZE, 7),
                new LogBackendConfig.Server("s3", new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 5516)),
                        false, false, RingConfig.Framing.LEGACY, RingConfig.DEFAULT_SIZE)), logs.servers());
        LogBackendConfig tcp = loaded.config().logSetup().backends().get("tcplogs");
        assertEquals(LogBackendConfig.Balance.RANDOM, tcp.balance(), "3.5's default in a log backend");
        assertEquals(new LogBackendConfig.Server("t1", new LogDestination.StreamServer(
                new InetSocketAddress("127.0.0.1", 6514)), true, false, RingConfig.Framing.OCTET_COUNT, 65536),
                tcp.servers().getFirst());
        assertTrue(loaded.config().backend("logs").isEmpty(), "no traffic backend of that name");
        assertEquals(new LogDestination.Backend("logs"), loaded.config().global().logs().getFirst().destination());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2 | frontend f\\n    mode log | mode syslog is only applicable on proxies with backend capability.",
            "2 | listen l\\n    mode log | 'mode log' is supported by Shuttle in 'backend' sections only.",
            "3 | backend b\\n    mode log\\n    balance leastconn | in backend 'b': \"balance\" only supports "
                    + "'roundrobin', 'random', 'sticky' and 'log-hash'.",
            "3 | backend b\\n    mode log\\n    balance log-hash | in backend 'b': log-hash requires a converter list.",
            "3 | backend b\\n    mode log\\n    balance log-hash nosuch | log backend 'b': failed to initialize: unknown "
                    + "converter 'nosuch' (from converter list argument in \"balance log-hash\").",
            "4 | backend b\\n    mode log\\n    server s1 udp@127.0.0.1:514\\n    server s2 127.0.0.1:514 | log backend "
                    + "'b': cannot mix server types within a log backend, 's2' srv's network type differs from "
                    + "previous server.",
            "3 | backend b\\n    mode log\\n    server s1 unix@/dev/log | log server address family not supported for "
                    + "log backend server.",
            "3 | backend b\\n    mode log\\n    server s1 udp@127.0.0.1:514 check | 'server b/s1' : 'check' on a UDP log "
                    + "server needs 'port' (a TCP port to check): without it HAProxy 3.5's check always fails with a "
                    + "socket error and the server stays DOWN, so Shuttle refuses it.",
            "3 | backend b\\n    mode log\\n    server s1 udp@127.0.0.1:514 maxconn 3 | 'server b/s1' : 'maxconn' is not "
                    + "supported by Shuttle on a log backend's server (it takes 'disabled', 'backup', 'weight', "
                    + "'log-proto', 'log-bufsize', 'guid', and 'check' with 'inter', 'fastinter', 'downinter', 'rise', 'fall', "
                    + "'port' and 'addr').",
            "3 | backend b\\n    mode log\\n    server s1 127.0.0.1:514 check agent-check | 'server b/s1' : 'agent-check' "
                    + "is not supported by Shuttle on a log backend's server (it takes 'disabled', 'backup', 'weight', "
                    + "'log-proto', 'log-bufsize', 'guid', and 'check' with 'inter', 'fastinter', 'downinter', 'rise', 'fall', "
                    + "'port' and 'addr').",
            "3 | backend b\\n    mode log\\n    server s1 127.0.0.1:514 check rise 0 | 'server b/s1' : 'rise' has to be > 0..",
            "3 | backend b\\n    mode log\\n    server s1 udp@127.0.0.1:514 weight 300 | 'server b/s1' : weight of "
                    + "server s1 is not within 0 and 256 (300)..",
            "3 | backend b\\n    mode log\\n    http-request deny | 'http-request' is not supported by Shuttle in a "
                    + "'mode log' backend (it takes 'balance', 'hash-type', 'server', 'description', 'disabled', 'enabled', 'id' and 'guid').",
            "3 | backend b\\n    mode log\\n    option httpchk | 'option' is not supported by Shuttle in a 'mode log' "
                    + "backend (it takes 'balance', 'hash-type', 'server', 'description', 'disabled', 'enabled', 'id' and 'guid').",
            "2 | global\\n    log backend@b local0\\nbackend b\\n    mode log | log : log backend 'b' has no server."})
    void badLogBackendLines(int line, String text, String message) {
        String config = text.replace("\\n", "\n") + "\n";
        Loaded loaded = fixture.load(config);
        assertEquals(loaded.placeOf(config, line) + message, loaded.alerts().getFirst());
    }

    @Test
    void checkedServersKeepTheirCheckSettings() {
        Loaded loaded = fixture.load("global\n    log backend@b local0\nbackend b\n    mode log\n"
                + "    server s1 udp@127.0.0.1:514 check port 601 addr 127.0.0.2 inter 3s fastinter 1s downinter 5s rise 4 fall 5\n"
                + "    server s2 udp@127.0.0.1:515\n");
        assertEquals(List.of(), loaded.alerts());
        List<LogBackendConfig.Server> servers = loaded.config().logSetup().backends().get("b").servers();
        ServerCheckSettings check = servers.getFirst().check();
        assertEquals(List.of(true, 3000L, 1000L, 5000L, 4, 5, 601, Optional.of("127.0.0.2")), List.of(check.enabled(),
                check.interMillis(), check.fastinterMillis(), check.downinterMillis(), check.rise(), check.fall(),
                check.port(), check.address()));
        assertEquals(false, servers.get(1).check().enabled());
    }

    @Test
    void logHashTakesMapBasedHashesOnly() {
        Loaded loaded = fixture.load("backend b\n    mode log\n    hash-type consistent\n    balance log-hash lower\n"
                + "    server s1 udp@127.0.0.1:514\n");
        assertEquals(List.of("log backend 'b': failed to initialize: unsupported hash method (from \"hash-type\")."),
                loaded.alerts());
        Loaded mapBased = fixture.load("global\n    log backend@b local0\nbackend b\n    mode log\n"
                + "    hash-type map-based djb2 avalanche\n    balance log-hash lower,field(1,:)\n"
                + "    server s1 udp@127.0.0.1:514\n");
        LogBackendConfig.LogHash hash = mapBased.config().logSetup().backends().get("b").logHash().orElseThrow();
        assertEquals(new HashType(false, HashType.Function.DJB2, true), hash.hashType());
    }

    @Test
    void logBackendAtATrafficBackendIsRefused() {
        Loaded loaded = fixture.load("global\n    log backend@be local0\n" + ConfigFixture.TIMEOUTS
                + "backend be\n    server s1 127.0.0.1:514\n");
        assertEquals(loaded.at(2) + "log : no log backend named 'be' (a backend with 'mode log', not disabled).",
                loaded.alerts().getFirst());
    }
}
