package dev.shuttle.config;

import dev.shuttle.net.Address;
import dev.shuttle.sample.XxHash;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The cookie value {@code dynamic-cookie-key} gives a server without a {@code cookie} of its own
 * (configuration.txt §4.2, "dynamic-cookie-key"; "cookie ... dynamic"): XXH64 (seed 0) over the
 * key's bytes, the server's IPv4 (4 bytes) or IPv6 (16 bytes) address and its port as 4 bytes in
 * network order, written as 16 lowercase hex digits, the value HAProxy 3.5 derives. Used at start
 * and whenever the runtime API changes the key, the switch or a server's address.
 */
public final class DynamicCookie {
    private DynamicCookie() {}

    /** The value, or empty for a server that has no IP address yet. */
    public static Optional<String> derive(String key, Address.Inet inet) {
        if (inet.host().isEmpty()) {
            return Optional.empty();
        }
        byte[] address;
        try {
            address = InetAddress.getByName(inet.host()).getAddress(); // an IP literal: nothing is resolved
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer input = ByteBuffer.allocate(keyBytes.length + address.length + 4);
        input.put(keyBytes).put(address).putInt(inet.portLow());
        return Optional.of(String.format("%016x", XxHash.xxh64(input.array(), 0)));
    }
}
