package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionHashTest {
    private static Server server(String name, Address address) {
        return new Server(new ServerConfig(new SourceLocation("test.cfg", 1), name, address, 1, 1, 0, false, false),
                "be");
    }

    @Test
    void sameParametersGiveTheSameHash() {
        assertEquals(ConnectionHash.of(7, "10.0.0.1", 80), ConnectionHash.of(7, "10.0.0.1", 80));
    }

    @Test
    void eachParameterChangesTheHash() {
        long base = ConnectionHash.of(7, "10.0.0.1", 80);
        assertNotEquals(base, ConnectionHash.of(8, "10.0.0.1", 80));
        assertNotEquals(base, ConnectionHash.of(7, "10.0.0.2", 80));
        assertNotEquals(base, ConnectionHash.of(7, "10.0.0.1", 81));
    }

    @Test
    void hostsWithTheSameStringHashCodeDiffer() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertNotEquals(ConnectionHash.of(7, "Aa", 80), ConnectionHash.of(7, "BB", 80));
    }

    @Test
    void parametersDoNotCancelEachOther() {
        // Swapping values between parameters must not give the same hash (each has its own tag).
        assertNotEquals(ConnectionHash.of(80, "x", 7), ConnectionHash.of(7, "x", 80));
        assertNotEquals(ConnectionHash.of(0, "", 0), ConnectionHash.of(0, "", 1));
    }

    @Test
    void anAbsentParameterDiffersFromAnEmptyOne() {
        long targetOnly = new ConnectionHash.Builder().target(1).build();
        assertNotEquals(targetOnly, ConnectionHash.of(1, "", 0));
        assertEquals(ConnectionHash.of(1, "h", 2), new ConnectionHash.Builder().target(1).destination("h", 2).build());
    }

    @Test
    void noCollisionsOverManyPortsAndTargets() {
        Set<Long> seen = new HashSet<>();
        for (int target = 0; target < 100; target++) {
            for (int port = 0; port < 1000; port++) {
                seen.add(ConnectionHash.of(target, "127.0.0.1", port));
            }
        }
        assertEquals(100_000, seen.size());
    }

    @Test
    void twoServersAtTheSameAddressDoNotShareConnections() {
        Address address = new Address.Inet("127.0.0.1", 8080, Address.Family.ANY);
        assertNotEquals(server("a", address).connectionHash(1234), server("b", address).connectionHash(1234));
    }

    @Test
    void aFixedPortIgnoresTheClientPort() {
        Server fixed = server("a", new Address.Inet("127.0.0.1", 8080, Address.Family.ANY));
        assertEquals(fixed.connectionHash(80), fixed.connectionHash(443));
    }

    @Test
    void aServerWithoutPortOrWithAnOffsetFollowsTheClientPort() {
        Server noPort = server("a", new Address.Inet("127.0.0.1", 0, Address.Family.ANY));
        assertNotEquals(noPort.connectionHash(80), noPort.connectionHash(443));
        assertEquals(noPort.connectionHash(80), noPort.connectionHash(80));
        Server offset = server("b", new Address.Inet("127.0.0.1", 1000, 1000, Address.Family.ANY, true));
        assertNotEquals(offset.connectionHash(80), offset.connectionHash(443));
    }

    @Test
    void theSniAndAlpnOfATlsConnectionArePartOfItsKey() {
        long base = ConnectionHash.of(1, "127.0.0.1", 443);
        long a = ConnectionHash.withName(base, Optional.of("a.test"), List.of("http/1.1"));
        assertEquals(base, ConnectionHash.withName(base, Optional.empty(), List.of()), "a plain connection keeps its key");
        assertEquals(a, ConnectionHash.withName(base, Optional.of("a.test"), List.of("http/1.1")));
        assertNotEquals(a, ConnectionHash.withName(base, Optional.of("b.test"), List.of("http/1.1")));
        assertNotEquals(a, ConnectionHash.withName(base, Optional.of("a.test"), List.of()));
        assertNotEquals(a, ConnectionHash.withName(base, Optional.of("a.test"), List.of("h2", "http/1.1")));
        assertNotEquals(ConnectionHash.withName(base, Optional.of(""), List.of()),
                ConnectionHash.withName(base, Optional.empty(), List.of()), "an empty SNI is not no SNI");
    }

    @Test
    void theConnectionNameTakesTheSnisPlace() {
        long base = ConnectionHash.of(1, "127.0.0.1", 80);
        long named = ConnectionHash.withName(base, Optional.of("a"), List.of());
        assertNotEquals(base, named, "a named connection is not an unnamed one");
        assertNotEquals(named, ConnectionHash.withName(base, Optional.of("b"), List.of()));
        assertEquals(named, new ConnectionHash.Builder().target(1).destination("127.0.0.1", 80).connectionName("a").build());
    }

    /** Every parameter of the hash (seed 000, GH#2765), one at a time: each gives another key. */
    @Test
    void theHashDiffersForEachParameterAndEveryAddressFamily() throws Exception {
        List<Long> hashes = List.of(
                key().build(),
                key().destination(InetAddress.getByName("10.0.0.1"), 80).build(),
                key().destination(InetAddress.getByName("10.0.0.2"), 80).build(),
                key().destination(InetAddress.getByName("10.0.0.1"), 81).build(),
                key().destination(InetAddress.getByName("::1"), 80).build(),
                key().destination(InetAddress.getByName("::2"), 80).build(),
                key().destination(new Address.UnixPath(Path.of("/run/a.sock")), 0).build(),
                key().destination(new Address.UnixPath(Path.of("/run/b.sock")), 0).build(),
                key().destination(new Address.AbstractName("/run/a.sock", false), 0).build(),
                key().destination(new Address.AbstractName("/run/a.sock", true), 0).build(),
                key().destination(new Address.AbstractName("other", false), 0).build(),
                key().destination(new Address.InheritedFd(3), 0).build(),
                key().destination(new Address.InheritedFd(4), 0).build(),
                key().destination("some-unknown-family:/run/a.sock", 0).build(),
                key().source("127.0.0.2", 0).build(),
                key().source("127.0.0.3", 0).build(),
                key().source("127.0.0.2", 1024).build(),
                key().tos(0x20).build(),
                key().tos(0x40).build(),
                key().mark(0x20).build(),
                key().connectionName("a").build(),
                key().alpn("h2").build());
        assertEquals(hashes.size(), new HashSet<>(hashes).size(), "two parameter sets share a hash: " + hashes);
    }

    @Test
    void anIpAddressHashesTheSameWhateverItsWrittenForm() throws Exception {
        Address written = new Address.Inet("0:0:0:0:0:0:0:1", 80, Address.Family.ANY);
        assertEquals(key().destination(InetAddress.getByName("::1"), 80).build(), key().destination(written, 80).build());
        assertEquals(key().destination(InetAddress.getByName("10.0.0.1"), 80).build(),
                key().destination(new Address.Inet("10.0.0.1", 80, Address.Family.ANY), 80).build());
    }

    @Test
    void aTransparentServerHashesEachRequestsDestination() {
        Server transparent = server("t", new Address.Inet("0.0.0.0", 0, Address.Family.ANY));
        assertTrue(transparent.isTransparent());
        assertFalse(server("n", new Address.Inet("127.0.0.1", 80, Address.Family.ANY)).isTransparent());
        Address a = new Address.UnixPath(Path.of("/run/a.sock"));
        Address b = new Address.AbstractName("/run/a.sock", false);
        assertNotEquals(transparent.connectionHashTo(a, 0), transparent.connectionHashTo(b, 0));
        assertEquals(transparent.connectionHashTo(a, 0), transparent.connectionHashTo(a, 0));
        assertNotEquals(transparent.connectionHashTo(a, 0),
                server("u", new Address.Inet("0.0.0.0", 0, Address.Family.ANY)).connectionHashTo(a, 0),
                "another server's connection to the same place is another connection");
    }

    private static ConnectionHash.Builder key() {
        return new ConnectionHash.Builder().target(1);
    }
}
