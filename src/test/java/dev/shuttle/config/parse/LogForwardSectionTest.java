package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogForwardConfig;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.net.Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code log-forward} sections (configuration.txt §12.6); messages as haproxy 3.5's where it has one. */
class LogForwardSectionTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void aSectionWithEverythingItTakes() {
        Loaded loaded = fixture.load("""
                global
                    log stderr format iso local7
                log-forward relay
                    dgram-bind 127.0.0.1:1514
                    dgram-bind udp6@[::1]:1514
                    bind 127.0.0.1:1514
                    maxconn 20
                    backlog 5
                    timeout client 3s
                    option assume-rfc6587-ntf
                    option dont-parse-log
                    option host append
                    log global
                    log 127.0.0.1:10001 sample 1:2 local0
                """);
        LogForwardConfig relay = loaded.config().logSetup().forwarders().getFirst();
        assertEquals("relay", relay.name());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 1514), new InetSocketAddress("::1", 1514)),
                relay.datagramBinds());
        assertEquals(List.of(new Address.Inet("127.0.0.1", 1514, Address.Family.ANY)), relay.streamBinds());
        assertEquals(20, relay.maxconn());
        assertEquals(5, relay.backlog());
        assertEquals(3000, relay.clientMillis());
        assertTrue(relay.assumeNonTransparentFraming());
        assertTrue(relay.dontParse());
        assertEquals(LogForwardConfig.Host.APPEND, relay.host());
        assertEquals(List.of(new LogDestination.Datagram(new InetSocketAddress("127.0.0.1", 10001)),
                new LogDestination.StandardStream(2)), relay.logs().stream().map(LogTarget::destination).toList(),
                "its own targets, then the global ones");
    }

    @Test
    void defaults() {
        LogForwardConfig relay = fixture.load("log-forward r\n    dgram-bind 127.0.0.1:1514\n").config().logSetup()
                .forwarders().getFirst();
        assertEquals(LogForwardConfig.DEFAULT_MAXCONN, relay.maxconn());
        assertEquals(LogForwardConfig.Host.FILL, relay.host());
        assertEquals(List.of(), relay.logs());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "2 # log-forward f\\n    bogus # unknown keyword 'bogus' in log-forward section.",
            "2 # log-forward f\\n    option host foo # option 'host' expects {replace|fill|keep|append}.",
            "2 # log-forward f\\n    option foo # unknown option 'foo' in log-forward section.",
            "2 # log-forward f\\n    timeout server 1s # unknown keyword 'timeout server' in log-forward section.",
            "1 # log-forward\\n # missing name for log-forward section.",
            "2 # log-forward f\\n    dgram-bind 127.0.0.1 # 'dgram-bind 127.0.0.1' : missing port specification in "
                    + "'127.0.0.1'",
            "2 # log-forward f\\n    dgram-bind tcp@127.0.0.1:1 # 'dgram-bind tcp@127.0.0.1:1' : Shuttle receives logs "
                    + "on UDP addresses only (udp@, udp4@, udp6@ or ip:port).",
            "2 # log-forward f\\n    bind 127.0.0.1:1 ssl # 'bind 127.0.0.1:1' : 'ssl' : Shuttle's log-forward "
                    + "listeners take no parameters.",
            "2 # log-forward f\\n    log backend@b local0 # log : 'backend@' targets are not supported by Shuttle in "
                    + "a log-forward section yet."})
    void badLines(int line, String text, String message) {
        Loaded loaded = fixture.load(text.replace("\\n", "\n") + "\n");
        assertEquals(loaded.at(line) + message, loaded.alerts().getFirst());
    }

    @Test
    void twoSectionsOfTheSameName() {
        Loaded loaded = fixture.load("log-forward f\n    dgram-bind 127.0.0.1:1514\nlog-forward f\n");
        assertEquals(loaded.at(3) + "log-forward section 'f' has the same name as another log-forward section "
                + "declared at " + loaded.file() + ":1.", loaded.alerts().getFirst());
    }
}
