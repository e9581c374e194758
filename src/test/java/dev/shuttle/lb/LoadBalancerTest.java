package dev.shuttle.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.server.AdminState;
import dev.shuttle.server.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The load-balancing algorithms, called as the backend calls them: with every server and an eligibility test. */
class LoadBalancerTest {
    private static Server server(String name, int weight) {
        return server(name, weight, 0);
    }

    private static Server server(String name, int weight, int maxconn) {
        ServerConfig config = new ServerConfig(new SourceLocation("test.cfg", 1), name,
                new Address.Inet("127.0.0.1", 1, Address.Family.ANY), 1, weight, maxconn, false, false);
        return new Server(config, "be");
    }

    private static final Predicate<Server> USABLE = Server::isUsable;

    /** The names of {@code count} successive picks, with no connection left open. */
    private static String picks(LoadBalancer balancer, List<Server> servers, int count) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            names.append(balancer.pickLocked(servers, USABLE).orElseThrow().name());
        }
        return names.toString();
    }

    private static int longestRun(String sequence, char name) {
        int longest = 0;
        int run = 0;
        for (char c : sequence.toCharArray()) {
            run = c == name ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Test
    void randomWithOneUsableServerGivesItUnlessItMayNotTakeTheRequest() {
        Server only = server("a", 1);
        Server down = server("b", 1);
        down.setAdminStateLocked(AdminState.MAINT);
        List<Server> servers = List.of(only, down);
        LoadBalancer random = LoadBalancer.create(BalanceAlgorithm.RANDOM);
        assertEquals("aaaa", picks(random, servers, 4));
        assertEquals(Optional.empty(), random.pickLocked(servers, USABLE, s -> s == only, LoadBalancer.NO_KEY),
                "avoided by a retry");
        assertEquals(Optional.empty(), random.pickLocked(servers, s -> false), "full");
    }

    @Test
    void roundRobinWithEqualWeightsTakesTurns() {
        List<Server> servers = List.of(server("a", 1), server("b", 1), server("c", 1));
        assertEquals("abcabcabc", picks(LoadBalancer.create(BalanceAlgorithm.ROUNDROBIN), servers, 9));
    }

    @Test
    void roundRobinThreeToOneIsSmooth() {
        List<Server> servers = List.of(server("a", 3), server("b", 1));
        String sequence = picks(LoadBalancer.create(BalanceAlgorithm.ROUNDROBIN), servers, 400);
        assertEquals("aaba", sequence.substring(0, 4));
        assertEquals("aaba".repeat(100), sequence);
        assertTrue(longestRun(sequence, 'b') == 1);
    }

    @Test
    void roundRobinSpreadsAHeavyServerInsteadOfBurstingIt() {
        // The classic smooth-WRR example: weights 5,1,1 give a a b a c a a, never a a a a a b c.
        List<Server> servers = List.of(server("a", 5), server("b", 1), server("c", 1));
        String sequence = picks(LoadBalancer.create(BalanceAlgorithm.ROUNDROBIN), servers, 700);
        assertEquals("aabacaa", sequence.substring(0, 7));
        assertEquals(500, sequence.chars().filter(c -> c == 'a').count());
        assertEquals(100, sequence.chars().filter(c -> c == 'b').count());
        assertTrue(longestRun(sequence, 'a') <= 4, "longest burst of a: " + longestRun(sequence, 'a'));
    }

    @Test
    void staticRoundRobinWalksHaproxysMapInOrder() {
        // lb_map.c's table for weights 5,1,1: each cell to the highest rounded score, the first among equals.
        List<Server> servers = List.of(server("a", 5), server("b", 1), server("c", 1));
        String sequence = picks(LoadBalancer.create(BalanceAlgorithm.STATIC_RR), servers, 700);
        assertEquals("aaabaac".repeat(100), sequence);
    }

    @Test
    void roundRobinSharesFollowWeights() {
        List<Server> servers = List.of(server("a", 7), server("b", 2), server("c", 1), server("z", 0));
        String sequence = picks(LoadBalancer.create(BalanceAlgorithm.ROUNDROBIN), servers, 1000);
        Map<Character, Integer> counts = new HashMap<>();
        sequence.chars().forEach(c -> counts.merge((char) c, 1, Integer::sum));
        assertEquals(Map.of('a', 700, 'b', 200, 'c', 100), counts, "weight 0 is never picked");
    }

    @Test
    void roundRobinSkipsIneligibleServersWithoutLosingTheirTurnForever() {
        Server a = server("a", 1);
        Server b = server("b", 1);
        Server c = server("c", 1);
        List<Server> servers = List.of(a, b, c);
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.ROUNDROBIN);
        b.setAdminStateLocked(AdminState.MAINT);
        assertEquals("acac", picks(balancer, servers, 4));
        b.setAdminStateLocked(AdminState.READY);
        String after = picks(balancer, servers, 30);
        assertEquals(10, after.chars().filter(ch -> ch == 'b').count());
    }

    @Test
    void everyAlgorithmAnswersEmptyWhenNothingIsEligible() {
        List<Server> servers = List.of(server("a", 1), server("b", 1));
        for (BalanceAlgorithm algorithm : BalanceAlgorithm.values()) {
            LoadBalancer balancer = LoadBalancer.create(algorithm);
            assertEquals(Optional.empty(), balancer.pickLocked(servers, s -> false), algorithm.keyword());
            assertEquals(Optional.empty(), LoadBalancer.create(algorithm).pickLocked(List.of(), USABLE));
        }
    }

    @Test
    void leastConnPicksTheLeastLoadedForItsWeight() {
        Server a = server("a", 3);
        Server b = server("b", 1);
        Server c = server("c", 2);
        for (int i = 0; i < 2; i++) {
            a.connectionOpened(); // 2 for weight 3: 0.67
        }
        b.connectionOpened(); // 1 for weight 1: 1.0
        for (int i = 0; i < 2; i++) {
            c.connectionOpened(); // 2 for weight 2: 1.0
        }
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.LEASTCONN);
        assertEquals("a", balancer.pickLocked(List.of(a, b, c), USABLE).orElseThrow().name());
        a.connectionOpened(); // 3 for weight 3: 1.0, now all equal
        b.connectionClosed(); // 0 for weight 1
        assertEquals("b", balancer.pickLocked(List.of(a, b, c), USABLE).orElseThrow().name());
    }

    @Test
    void leastConnRotatesAmongEquals() {
        List<Server> servers = List.of(server("a", 1), server("b", 1), server("c", 1));
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.LEASTCONN);
        // Every connection ends before the next pick, so all servers stay equally loaded.
        StringBuilder sequence = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            Server picked = balancer.pickLocked(servers, USABLE).orElseThrow();
            picked.connectionOpened();
            sequence.append(picked.name());
            picked.connectionClosed();
        }
        assertEquals("abcabca", sequence.toString());
    }

    @Test
    void leastConnFillsTheIdleServersFirst() {
        List<Server> servers = List.of(server("a", 1), server("b", 1), server("c", 1));
        servers.get(0).connectionOpened();
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.LEASTCONN);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Server s = balancer.pickLocked(servers, USABLE).orElseThrow();
            s.connectionOpened();
            picked.add(s.name());
        }
        assertEquals(List.of("b", "c", "a"), picked);
    }

    @Test
    void leastConnIgnoresIneligibleServers() {
        Server a = server("a", 1);
        Server b = server("b", 1);
        b.connectionOpened();
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.LEASTCONN);
        assertEquals("b", balancer.pickLocked(List.of(a, b), s -> s != a).orElseThrow().name());
    }

    @Test
    void firstPicksTheFirstServerWithAFreeSlot() {
        Server a = server("a", 1, 2);
        Server b = server("b", 1, 2);
        Server c = server("c", 1, 2);
        List<Server> servers = List.of(a, b, c);
        LoadBalancer balancer = LoadBalancer.create(BalanceAlgorithm.FIRST);
        Predicate<Server> hasRoom = s -> s.isUsable() && !s.isFull();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Server s = balancer.pickLocked(servers, hasRoom).orElseThrow();
            s.connectionOpened();
            picked.add(s.name());
        }
        assertEquals(List.of("a", "a", "b", "b", "c"), picked);
        a.connectionClosed();
        assertEquals("a", balancer.pickLocked(servers, hasRoom).orElseThrow().name(), "a freed slot on a wins again");
    }
}
