package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code server} line's refusals in HAProxy 3.5's words and place (each text seen live with
 * {@code haproxy -c}, and kept checked by {@code difftest/config_differential.py}): no "parsing"
 * before the place, 3.5's sentences, and atol() where 3.5 reads a number with it.
 */
class ServerLineMessagesTest {
    @TempDir
    Path directory;

    private Loaded load(String serverOptions) {
        return new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS
                + "backend be\n    server s1 127.0.0.1:1 " + serverOptions + "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            "weight 300 # 'server be/s1' : weight of server s1 is not within 0 and 256 (300)..",
            "id 0 # 'server be/s1' : 'id' : custom id has to be between 1 and 4294967295..",
            "id x # 'server be/s1' : 'id' : custom id has to be between 1 and 4294967295..",
            "id 4294967296 # 'server be/s1' : 'id' : custom id has to be between 1 and 4294967295..",
            "id 2147483648 # 'server be/s1' : 'id' : custom ids above 2147483647 are not supported by Shuttle.",
            "id # 'server be/s1' : 'id' : expects an integer argument.",
            "rise 0 # 'server be/s1' : 'rise' has to be > 0..",
            "fall x # 'server be/s1' : 'fall' has to be > 0..",
            "rise # 'server be/s1' : 'rise' expects an integer argument..",
            "inter abc # 'server be/s1' : unexpected character 'a' in 'agent-inter' argument of server s1..",
            "fastinter 5q # 'server be/s1' : unexpected character 'q' in 'agent-inter' argument of server s1..",
            "inter 0 # 'server be/s1' : invalid value 0 for argument 'inter' of server s1..",
            "downinter # 'server be/s1' : 'downinter' expects a delay as argument..",
            "slowstart x # 'server be/s1' : unexpected character 'x' in 'slowstart' argument of server s1..",
            "slowstart # 'server be/s1' : unexpected character '.",
            "slowstart 10x # 'server be/s1' : unexpected character 'x' in 'slowstart' argument of server s1..",
            "pool-purge-delay x # 'server be/s1' : unexpected character 'x' in argument to <pool-purge-delay>..",
            "pool-purge-delay # 'server be/s1' : 'pool-purge-delay' expects <value> as argument..",
            "max-reuse # 'server be/s1' : 'max-reuse' expects <value> as argument..",
            "cookie # 'server be/s1' : 'cookie' expects <value> as argument..",
            "redir # 'server be/s1' : 'redir' expects <prefix> as argument..",
            "check port # 'server be/s1' : 'port' expects a port number as argument..",
            "agent-port # 'server be/s1' : 'agent-port' expects a port number as argument..",
            "check addr # 'server be/s1' : 'addr' expects <ipv4|ipv6> as argument..",
            "track # 'server be/s1' : 'track' expects [<proxy>/]<server> as argument..",
            "init-state foo # 'server be/s1' : 'init-state' expects one of 'none', 'fully-up', 'up', 'down', or "
                    + "'fully-down' but got 'foo'.",
            "ws foo # 'server be/s1' : 'ws' has to be 'auto', 'h1' or 'h2'.",
            "hash-key # 'server be/s1' : 'hash-key' has to be 'id', 'id32', 'guid', 'addr', or 'addr-port'.",
            "ssl ca-file # 'server be/s1' : 'ca-file' : missing CAfile path.",
            "ssl sni # 'server be/s1' : 'sni' : missing sni expression.",
            "ssl sni nosuchfetch # 'server be/s1' : error detected while parsing sni or pool-conn-name expressions : "
                    + "unknown fetch method 'nosuchfetch'.",
            "ssl verify maybe # 'server be/s1' : 'verify' : unknown verify method 'maybe', only 'none' and 'required' "
                    + "are supported.",
            "ssl ssl-min-ver foo # 'server be/s1' : 'foo' : unknown ssl/tls version.",
            "ssl ca-file /nonexistent/ca.pem # 'server be/s1' : Couldn't open the ca-file '/nonexistent/ca.pem' "
                    + "(No such file or directory).",
            "proxy-v2-options foo # 'server be/s1' : 'foo' : proxy v2 option not implemented.",
            "proxy-v2-options # 'server be/s1' : '' : proxy v2 option not implemented.",
            "socks4 # 'server be/s1' : 'socks4' expects <addr>:<port> as argument..",
            "socks4 nowhere # 'server be/s1' : 'socks4 nowhere' : missing port specification in 'nowhere'.",
            "source 1.2.3.4:99999 # 'server be/s1' : 'source 1.2.3.4:99999' : invalid port '99999'.",
            "source # 'server be/s1' : 'source' expects <addr>[:<port>[-<port>]], and optionally 'usesrc' <addr>, "
                    + "and 'interface' <name> as argument..",
            "pool-conn-name # 'server be/s1' : 'pool-conn-name' expects <value> as argument.",
            "pool-conn-name nosuchfetch # 'server be/s1' : error detected while parsing sni or pool-conn-name "
                    + "expressions : unknown fetch method 'nosuchfetch'.",
            "proto # 'server be/s1' : 'proto' : missing value.",
    })
    void refusalsInTheWordsAndPlaceOf35(String options, String expected) {
        Loaded loaded = load(options);
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals(loaded.serverAt(6) + expected, loaded.alerts().getFirst());
    }

    @Test
    void numbersReadWithAtolAreAcceptedAsIn35() {
        Loaded loaded = load("maxconn x maxqueue 12abc minconn -5 weight check port 99999 agent-port y");
        assertTrue(loaded.alerts().isEmpty(), loaded.alerts().toString());
        ServerConfig server = loaded.proxy("be").servers().getFirst();
        assertEquals(0, server.maxconn(), "maxconn x is 0: no limit");
        assertEquals(12, server.queueing().maxqueue());
        assertEquals(0, server.queueing().minconn(), "a negative minconn is no minimum");
        assertEquals(0, server.weight(), "a missing weight reads as 0");
        assertEquals(99999 & 0xFFFF, server.check().port(), "a port field keeps 16 bits");
        assertEquals(0, server.check().agent().port());
    }

    @Test
    void aServerInAFrontendNamesItsPlaceTwice() {
        Loaded loaded = new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS
                + "frontend fe\n    bind 127.0.0.1:8080\n    server s1 127.0.0.1:1\n");
        assertEquals(loaded.serverAt(7) + "parsing [" + directory.resolve("test.cfg") + ":7] : 'server' not allowed "
                + "because frontend 'fe' has no backend capability.", loaded.alerts().getFirst());
    }

    @Test
    void anIdIsRefusedOnADefaultServerLine() {
        Loaded loaded = new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS
                + "backend be\n    default-server id 3\n    server s1 127.0.0.1:1\n");
        assertEquals(loaded.serverAt(6) + "'id' option is not accepted in default-server sections",
                loaded.alerts().getFirst());
    }

    @Test
    void aDefaultServerLineNamesNoServer() {
        Loaded loaded = new ConfigFixture(directory).load(ConfigFixture.TIMEOUTS
                + "backend be\n    default-server inter abc\n    server s1 127.0.0.1:1\n");
        assertEquals(loaded.serverAt(6) + "unexpected character 'a' in 'agent-inter' argument of server (null)..",
                loaded.alerts().getFirst());
    }
}
