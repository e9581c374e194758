package dev.shuttle.pattern;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Networks with contiguous masks, looked up longest prefix first, per address family: HAProxy
 * keeps IPv4 and IPv6 patterns in two trees and returns the most specific network. An IPv4
 * candidate is looked up among IPv4 networks, then as {@code ::ffff:a.b.c.d} among IPv6 ones; an
 * IPv6 candidate among IPv6 networks, then by the IPv4 address it embeds, if any (checked against
 * haproxy 2.6 with {@code map_ip}). Of equal networks, the first added is kept.
 */
final class NetworkIndex<V> {
    private final Family<V> ipv4 = new Family<>(4);
    private final Family<V> ipv6 = new Family<>(16);

    void add(IpNetwork network, V value) {
        (network.isIpv4() ? ipv4 : ipv6).add(network.network(), network.prefixLength(), value);
    }

    Optional<V> lookup(byte[] address) {
        if (address.length == 4) {
            return ipv4.lookup(address).or(() -> ipv6.lookup(IpNetwork.mappedIpv6(address)));
        }
        return ipv6.lookup(address).or(() -> IpNetwork.embeddedIpv4(address).flatMap(ipv4::lookup));
    }

    boolean isEmpty() {
        return ipv4.byPrefixLength.isEmpty() && ipv6.byPrefixLength.isEmpty();
    }

    /** The networks of one family, bucketed by prefix length, longest first. */
    private static final class Family<V> {
        private final int length;
        private final TreeMap<Integer, Map<ByteBuffer, V>> byPrefixLength = new TreeMap<>(Comparator.reverseOrder());

        Family(int length) {
            this.length = length;
        }

        void add(byte[] network, int prefixLength, V value) {
            byPrefixLength.computeIfAbsent(prefixLength, bits -> new HashMap<>()).putIfAbsent(ByteBuffer.wrap(network), value);
        }

        Optional<V> lookup(byte[] address) {
            for (Map.Entry<Integer, Map<ByteBuffer, V>> bucket : byPrefixLength.entrySet()) {
                byte[] network = IpNetwork.applyMask(address, IpNetwork.prefixMask(bucket.getKey(), length));
                V value = bucket.getValue().get(ByteBuffer.wrap(network));
                if (value != null) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }
    }
}
