package dev.shuttle.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BalanceParameters;
import dev.shuttle.config.HashType;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.ServerHashKey;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The map-based table and the consistent-hash ring, checked against HAProxy 3.5's construction
 * (lb_map.c, lb_chash.c) on small examples; the key-by-key comparison with HAProxy itself is
 * difftest/hash_differential.py.
 */
class HashTablesTest {
    private static Server server(String name, int id, int weight) {
        return server(name, id, weight, 0, ServerHashKey.ID, "127.0.0.1");
    }

    private static Server server(String name, int id, int weight, int maxconn, ServerHashKey key, String ip) {
        ServerConfig base = new ServerConfig(new SourceLocation("test.cfg", 1), name,
                new Address.Inet(ip, 8080, Address.Family.ANY), id, weight, maxconn, false, false);
        ServerConfig config = new ServerConfig(base.where(), base.name(), base.address(), base.id(), base.weight(),
                base.maxconn(), base.disabled(), base.backup(), base.pooling(), base.tls(), base.proxySending(),
                base.check(), key);
        return new Server(config, "be");
    }

    private static final Predicate<Server> USABLE = s -> s.isUsable() && !s.isFull();
    private static final Predicate<Server> NONE = s -> false;

    private static String cells(ServerMap map) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < map.size(); i++) {
            out.append(map.cell(i).name());
        }
        return out.toString();
    }

    @Test
    void mapSpreadsEachServersCellsAsHaproxy() {
        List<Server> servers = List.of(server("a", 1, 1), server("b", 2, 3), server("c", 3, 7));
        ServerMap map = new ServerMap(List.of(1, 3, 7));
        map.rebuild(servers);
        // recalc_server_map() for weights 1, 3, 7 (computed by hand from lb_map.c's rule)
        assertEquals("acbccbccbcc", cells(map));
        assertEquals(servers.get(2), map.serverOf(1));
        assertEquals(servers.get(0), map.serverOf(11L * 1000));
    }

    @Test
    void mapWeightsAreDividedByTheirGreatestCommonDivisor() {
        assertEquals(2, ServerMap.gcd(List.of(2, 4, 6)));
        assertEquals(1, ServerMap.gcd(List.of(0, 0)));
        assertEquals(5, ServerMap.gcd(List.of(0, 10, 5)));
        List<Server> servers = List.of(server("a", 1, 2), server("b", 2, 4), server("c", 3, 6));
        ServerMap map = new ServerMap(List.of(2, 4, 6));
        map.rebuild(servers);
        assertEquals(6, map.size());
        assertEquals(1, cells(map).chars().filter(c -> c == 'a').count());
    }

    @Test
    void mapLeavesOutServersThatCannotTakeTraffic() {
        Server a = server("a", 1, 1);
        Server b = server("b", 2, 3);
        b.setAdminStateLocked(AdminState.MAINT);
        ServerMap map = new ServerMap(List.of(1, 3));
        map.rebuild(List.of(a, b));
        assertEquals("a", cells(map), "a single cell: the first usable server");
    }

    @Test
    void mapBasedHashGivesTheKeysServerAndWaitsWhenItIsFull() {
        Server a = server("a", 1, 1, 1, ServerHashKey.ID, "127.0.0.1");
        Server b = server("b", 2, 1);
        List<Server> servers = List.of(a, b);
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.URI, BalanceParameters.DEFAULT, List.of(1, 1));
        assertEquals(Optional.of(a), balancer.pickLocked(servers, USABLE, NONE, 0));
        assertEquals(Optional.of(b), balancer.pickLocked(servers, USABLE, NONE, 1));
        a.connectionOpened();
        assertEquals(Optional.empty(), balancer.pickLocked(servers, USABLE, NONE, 2), "a is full: wait for it");
        assertEquals(Optional.of(b), balancer.pickLocked(servers, USABLE, NONE, LoadBalancer.NO_KEY),
                "no key: the round robin skips the full server");
    }

    @Test
    void theMapsRoundRobinContinuesPastTheEndOfASmallerTable() {
        Server a = server("a", 1, 1);
        Server b = server("b", 2, 1);
        Server c = server("c", 3, 1);
        c.setAdminStateLocked(AdminState.MAINT);
        List<Server> servers = List.of(a, b, c);
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.URI, BalanceParameters.DEFAULT, List.of(1, 1, 1));
        assertEquals(Optional.of(a), balancer.pickLocked(servers, USABLE, NONE, LoadBalancer.NO_KEY));
        assertEquals(Optional.of(b), balancer.pickLocked(servers, USABLE, NONE, LoadBalancer.NO_KEY));
        c.setAdminStateLocked(AdminState.READY);
        balancer.replanLocked();
        // HAProxy's rr_idx is 2 (the old size), still inside the new table of 3: its third cell.
        assertEquals(Optional.of(c), balancer.pickLocked(servers, USABLE, NONE, LoadBalancer.NO_KEY));
        assertEquals(Optional.of(a), balancer.pickLocked(servers, USABLE, NONE, LoadBalancer.NO_KEY));
    }

    @Test
    void ringPointsAreTheAvalancheOfTheServerKeyPlusTheirIndex() {
        HashRing ring = new HashRing();
        Server only = server("a", 3, 1);
        ring.rebuild(List.of(only));
        assertEquals(16, ring.keysForTest().length);
        assertEquals(3 * 4096, HashRing.serverKey(only));
        // full_hash(3 * 4096 + j) for j = 0..3, among the 16 points
        List<Long> points = new ArrayList<>();
        for (int key : ring.keysForTest()) {
            points.add(Integer.toUnsignedLong(key));
        }
        for (long expected : new long[] {1313307470L, 1860935227L, 1879274952L, 3546814458L}) {
            assertTrue(points.contains(expected), expected + " in " + points);
        }
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i - 1) <= points.get(i), "sorted as unsigned values");
        }
    }

    @Test
    void serverKeysOfEachHashKeyKind() {
        assertEquals(7 * 4096, HashRing.serverKey(server("a", 7, 1)));
        assertEquals((int) KeyHash.avalanche(Integer.toUnsignedLong(Integer.reverseBytes(7))),
                HashRing.serverKey(server("a", 7, 1, 0, ServerHashKey.ID32, "127.0.0.1")));
        // 127.0.0.2 as a little-endian host reads its in_addr: 0x0200007f
        assertEquals((int) KeyHash.avalanche(0x0200007fL),
                HashRing.serverKey(server("a", 7, 1, 0, ServerHashKey.ADDR, "127.0.0.2")));
        assertEquals((int) KeyHash.avalanche(Integer.toUnsignedLong((int) KeyHash.avalanche(8080) + 0x0200007f)),
                HashRing.serverKey(server("a", 7, 1, 0, ServerHashKey.ADDR_PORT, "127.0.0.2")));
    }

    @Test
    void aKeyGoesToTheNearestPointBeforeOrAfter() {
        Server a = server("a", 1, 1);
        Server b = server("b", 2, 1);
        HashRing ring = new HashRing();
        ring.rebuild(List.of(a, b));
        List<String> points = ring.describe();
        for (int i = 0; i + 1 < points.size(); i++) {
            long low = Long.parseLong(points.get(i).split(" ")[0]);
            long high = Long.parseLong(points.get(i + 1).split(" ")[0]);
            String lowOwner = points.get(i).split(" ")[1];
            String highOwner = points.get(i + 1).split(" ")[1];
            assertEquals(lowOwner, ring.serverOf(low + (high - low) / 2, NONE).name(), "the middle: a tie, the one before");
            assertEquals(highOwner, ring.serverOf(high - (high - low) / 4, NONE).name());
        }
    }

    @Test
    void aServerLeavingTheRingMovesOnlyItsOwnKeys() {
        List<Server> servers = List.of(server("a", 1, 1), server("b", 2, 3), server("c", 3, 7), server("d", 4, 2));
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.HDR,
                BalanceParameters.DEFAULT.withHashType(new HashType(true, HashType.Function.SDBM, true)), List.of());
        Random random = new Random(7);
        long[] keys = new long[10000];
        Map<Long, Server> before = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextInt() & 0xffffffffL;
            before.put(keys[i], balancer.pickLocked(servers, USABLE, NONE, keys[i]).orElseThrow());
        }
        servers.get(2).setAdminStateLocked(AdminState.MAINT);
        balancer.replanLocked();
        int moved = 0;
        for (long key : keys) {
            Server now = balancer.pickLocked(servers, USABLE, NONE, key).orElseThrow();
            Server was = before.get(key);
            if (was != servers.get(2)) {
                assertEquals(was, now, "a key of another server stays where it was");
            } else {
                assertNotEquals(servers.get(2), now);
                moved++;
            }
        }
        assertTrue(moved > 3000 && moved < 7000, "c had about 7/13 of the keys: " + moved);
    }

    @Test
    void aRetryPassesOverTheServerItAvoids() {
        Server a = server("a", 1, 1);
        Server b = server("b", 2, 1);
        List<Server> servers = List.of(a, b);
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.HASH,
                BalanceParameters.DEFAULT.withHashType(new HashType(true, HashType.Function.SDBM, false)), List.of());
        for (long key = 0; key < 1L << 32; key += 1L << 26) {
            Server first = balancer.pickLocked(servers, USABLE, NONE, key).orElseThrow();
            Server other = first == a ? b : a;
            assertEquals(other, balancer.pickLocked(servers, USABLE, s -> s == first, key).orElseThrow());
        }
    }

    @Test
    void balanceFactorSendsAKeyOnWhenItsServerCarriesMoreThanItsShare() {
        Server a = server("a", 1, 1);
        Server b = server("b", 2, 1);
        Server c = server("c", 3, 1);
        List<Server> servers = List.of(a, b, c);
        HashRing ring = new HashRing();
        ring.rebuild(servers);
        // 5 in flight, the next one makes 6; with a factor of 150, 9 slots over 48 weight points:
        // 0 per point, remainder 9 shared 3, 3, 3.
        for (int i = 0; i < 3; i++) {
            a.connectionOpened();
        }
        b.connectionOpened();
        b.connectionOpened();
        assertFalse(ring.withinFactor(a, 5, 150), "a has 3 of its 3 slots");
        assertTrue(ring.withinFactor(b, 5, 150));
        assertTrue(ring.withinFactor(c, 5, 150));
        assertTrue(ring.withinFactor(a, 5, 200), "200%: 12 slots, 4 each");
        // Through the balancer: every key of a now lands on another server.
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.HDR, BalanceParameters.DEFAULT
                .withHashType(new HashType(true, HashType.Function.SDBM, true)).withBalanceFactor(150), List.of());
        for (long key = 0; key < 1L << 32; key += 1L << 24) {
            assertNotEquals(a, balancer.pickLocked(servers, USABLE, NONE, key).orElseThrow());
        }
    }

    @Test
    void withoutAKeyTheRingTakesServersInTurn() {
        Server a = server("a", 1, 1);
        Server b = server("b", 2, 1);
        List<Server> servers = List.of(a, b);
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.HDR,
                BalanceParameters.DEFAULT.withHashType(new HashType(true, HashType.Function.SDBM, true)), List.of());
        Map<Server, Integer> counts = new HashMap<>();
        for (int i = 0; i < 320; i++) {
            counts.merge(balancer.pickLocked(servers, USABLE, NONE, LoadBalancer.NO_KEY).orElseThrow(), 1, Integer::sum);
        }
        assertEquals(160, counts.get(a), "one turn per point: 16 points each, ten rounds");
        assertEquals(160, counts.get(b));
    }

    @Test
    void randomPrefersTheLessLoadedOfItsDraws() {
        Server a = server("a", 1, 1);
        Server b = server("b", 2, 1);
        List<Server> servers = List.of(a, b);
        for (int i = 0; i < 5; i++) {
            a.connectionOpened();
        }
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.RANDOM,
                new BalanceParameters("", 0, 0, false, false, false, false, 10, Optional.empty(), HashType.DEFAULT, 0, true),
                List.of());
        int toB = 0;
        for (int i = 0; i < 200; i++) {
            if (balancer.pickLocked(servers, USABLE, NONE, LoadBalancer.NO_KEY).orElseThrow() == b) {
                toB++;
            }
        }
        assertTrue(toB > 190, "ten draws nearly always include b, which has no load: " + toB);
    }
}
