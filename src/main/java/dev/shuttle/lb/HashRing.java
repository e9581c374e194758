package dev.shuttle.lb;

import dev.shuttle.config.ServerHashKey;
import dev.shuttle.net.Address;
import dev.shuttle.sample.XxHash;
import dev.shuttle.server.Server;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The consistent-hash ring of {@code hash-type consistent} and {@code balance random}
 * (configuration.txt, "hash-type"; HAProxy's lb_chash.c): each usable server owns 16 points per
 * unit of weight, at the full avalanche hash of its server key plus the point's index, so a
 * server's points never move when other servers come or go, and a weight change only adds or
 * removes its last points. A key goes to the server of the nearest point, before or after it.
 *
 * <p>Not thread-safe: built and read under the backend's lock.
 */
final class HashRing {
    /** Points per unit of weight (HAProxy's BE_WEIGHT_SCALE). */
    static final int POINTS_PER_WEIGHT = 16;
    /** How far apart the id-based server keys are: 256 weights x 16 points (SRV_EWGHT_RANGE). */
    private static final int ID_KEY_STEP = 256 * POINTS_PER_WEIGHT;

    /** The points, by unsigned key; a point of keys[i] belongs to owners[i]. */
    private int[] keys = new int[0];
    private Server[] owners = new Server[0];
    private int count;
    /** The point the round robin took last; -1 before the first. */
    private int last = -1;
    /** The usable servers in list order, with their weights and cumulative weights (for the balance factor). */
    private final List<Server> members = new ArrayList<>();
    private int[] cumulative = new int[0];
    private int totalWeight;

    /** The only usable server when there is exactly one (every point is its own), else null. */
    Server soleMember() {
        return members.size() == 1 ? members.getFirst() : null;
    }

    /** Places the usable servers of {@code servers}. */
    void rebuild(List<Server> servers) {
        long lastKey = last >= 0 && last < count ? Integer.toUnsignedLong(keys[last]) : -1;
        members.clear();
        record Point(int key, Server owner, int order) {}
        List<Point> points = new ArrayList<>();
        int order = 0;
        totalWeight = 0;
        cumulative = new int[servers.size()];
        for (Server server : servers) {
            if (!server.isUsable()) {
                continue;
            }
            int weight = effectiveWeight(server);
            cumulative[members.size()] = totalWeight;
            members.add(server);
            totalWeight += weight;
            int serverKey = serverKey(server);
            for (int point = 0; point < weight; point++) {
                points.add(new Point((int) KeyHash.avalanche(Integer.toUnsignedLong(serverKey + point)), server, order++));
            }
        }
        points.sort(Comparator.comparingLong((Point p) -> Integer.toUnsignedLong(p.key())).thenComparingInt(Point::order));
        count = points.size();
        keys = new int[count];
        owners = new Server[count];
        for (int i = 0; i < count; i++) {
            keys[i] = points.get(i).key();
            owners[i] = points.get(i).owner();
        }
        last = lastKey < 0 || count == 0 ? -1 : firstAtOrAfter(lastKey) % count;
    }

    /** A server's points: 16 per unit of its current weight. */
    static int effectiveWeight(Server server) {
        return server.weight() * POINTS_PER_WEIGHT;
    }

    /**
     * Where a server's points start (HAProxy's chash_compute_server_key()): its id times 4096
     * ({@code hash-key id}), the avalanche of its id in network byte order ({@code id32}), or from
     * its IPv4 address as the kernel stores it (read on a little-endian host, as HAProxy runs on
     * x86 and ARM) or an XXH32 of its IPv6 address, seeded with the avalanche of its port for
     * {@code addr-port}. A server without an IP address falls back to its id.
     */
    static int serverKey(Server server) {
        ServerHashKey kind = server.config().hashKey();
        int id = server.id();
        if (kind == ServerHashKey.ADDR || kind == ServerHashKey.ADDR_PORT) {
            byte[] ip = ipOf(server.config().address());
            if (ip != null) {
                int key = 0;
                if (kind == ServerHashKey.ADDR_PORT && server.config().address() instanceof Address.Inet inet) {
                    key = (int) KeyHash.avalanche(inet.portOffset() ? 0 : inet.portLow());
                }
                if (ip.length == 4) {
                    int inMemory = Integer.reverseBytes(ByteBuffer.wrap(ip).getInt());
                    return (int) KeyHash.avalanche(Integer.toUnsignedLong(key + inMemory));
                }
                return (int) XxHash.xxh32(ip, key);
            }
        }
        if (kind == ServerHashKey.ID32) {
            return (int) KeyHash.avalanche(Integer.toUnsignedLong(Integer.reverseBytes(id)));
        }
        return id * ID_KEY_STEP;
    }

    private static byte[] ipOf(Address address) {
        if (!(address instanceof Address.Inet inet) || inet.host().isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(inet.host()).getAddress(); // a literal: resolved at load time
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The total weight of the ring's servers, in points. */
    int totalWeight() {
        return totalWeight;
    }

    private int firstAtOrAfter(long hash) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Integer.toUnsignedLong(keys[mid]) < hash) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The server for a hash (HAProxy's chash_get_server_hash()): the owner of the nearest point
     * (the one before on a tie), then, while {@code skip} says so, the owner of the next point,
     * going round the ring once at most.
     */
    Server serverOf(long hash, Predicate<Server> skip) {
        if (count == 0) {
            return null;
        }
        int next = firstAtOrAfter(hash);
        if (next == count) {
            next = 0;
        }
        int prev = next == 0 ? count - 1 : next - 1;
        int h = (int) hash;
        long before = Integer.toUnsignedLong(h - keys[prev]);
        long after = Integer.toUnsignedLong(keys[next] - h);
        int at = before <= after ? prev : next;
        Server chosen = owners[at];
        int wraps = 0;
        while (skip.test(chosen)) {
            at++;
            if (at == count) {
                at = 0;
                if (++wraps > 1) {
                    break;
                }
            }
            chosen = owners[at];
        }
        return chosen;
    }

    /**
     * The next server in ring order with room (HAProxy's chash_get_next_server()), for requests
     * without a key: from the point after the last one taken, the first whose server is {@code
     * eligible}; null when none is.
     */
    Server nextServer(Predicate<Server> eligible) {
        if (count == 0) {
            return null;
        }
        int start = last < 0 ? count - 1 : last;
        int at = start;
        do {
            at = at + 1 == count ? 0 : at + 1;
            if (eligible.test(owners[at])) {
                last = at;
                return owners[at];
            }
        } while (at != start);
        return null;
    }

    /**
     * Whether a server may take one more request under {@code hash-balance-factor} (HAProxy's
     * chash_server_is_eligible()): the backend's requests in flight plus this one, times the
     * factor in percent, rounded up, are shared in proportion to the weights, the remainder going
     * to the servers in list order; every server may take at least one.
     *
     * @param served the requests in flight on the backend's servers
     */
    boolean withinFactor(Server server, long served, int factor) {
        int index = members.indexOf(server);
        if (index < 0 || totalWeight == 0) {
            return true;
        }
        long slotsTotal = ((served + 1) * factor + 99) / 100 & 0xffffffffL;
        long perWeight = slotsTotal / totalWeight;
        long remainder = slotsTotal % totalWeight;
        long weight = effectiveWeight(server);
        long before = cumulative[index];
        long slots = weight * perWeight + ((before + weight) * remainder) / totalWeight - (before * remainder) / totalWeight;
        if (slots == 0) {
            slots = 1;
        }
        return server.currentConnections() < slots;
    }

    /** The ring's points, in order, as "key owner" pairs: for tests. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Integer.toUnsignedString(keys[i]) + " " + owners[i].name());
        }
        return out;
    }

    int[] keysForTest() {
        return Arrays.copyOf(keys, count);
    }
}
