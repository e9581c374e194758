package dev.shuttle.config;

import dev.shuttle.lang.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network, {@code addr[/bits]} or {@code addr/dotted-mask}, as {@code except}
 * takes it in {@code option forwardfor} (configuration.txt §4).
 */
public record NetworkMask(byte[] network, int prefixBits) {
    public static NetworkMask parse(String text) throws ConfigException {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (host.isEmpty() || !(host.contains(".") || host.contains(":"))) {
            throw new ConfigException("invalid network '" + text + "'");
        }
        byte[] address = literal(host, text);
        int bits = address.length * 8;
        if (slash >= 0) {
            String mask = text.substring(slash + 1);
            bits = mask.contains(".") ? dottedMaskBits(literal(mask, text), text) : prefix(mask, address.length * 8, text);
        }
        return new NetworkMask(applyMask(address, bits), bits);
    }

    public boolean matches(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && Arrays.equals(applyMask(candidate, prefixBits), network);
    }

    private static byte[] literal(String host, String text) throws ConfigException {
        boolean plausible = host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!plausible) {
            throw new ConfigException("invalid network '" + text + "'");
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("invalid network '" + text + "'");
        }
    }

    private static int prefix(String bits, int max, String text) throws ConfigException {
        try {
            int value = Integer.parseInt(bits);
            if (value < 0 || value > max) {
                throw new ConfigException("invalid network mask in '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid network mask in '" + text + "'");
        }
    }

    private static int dottedMaskBits(byte[] mask, String text) throws ConfigException {
        int bits = 0;
        boolean ended = false;
        for (byte b : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean set = (b >> i & 1) == 1;
                if (set && ended) {
                    throw new ConfigException("invalid network mask in '" + text + "'");
                }
                if (set) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    private static byte[] applyMask(byte[] address, int bits) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        return masked;
    }
}
