package dev.shuttle.lb;

import dev.shuttle.config.HashType;
import dev.shuttle.sample.HashConverters;
import java.util.zip.CRC32;

/**
 * The hash of a request's balancing key (configuration.txt, "hash-type"): the {@code sdbm},
 * {@code djb2}, {@code wt6} or {@code crc32} function of its bytes, or the key read as a decimal
 * number ({@code none}), then the full avalanche hash if asked. The result is an unsigned 32-bit
 * value in a long, never {@link LoadBalancer#NO_KEY}.
 */
public final class KeyHash {
    private KeyHash() {}

    public static long of(HashType type, byte[] key) {
        long hash = switch (type.function()) {
            case SDBM -> HashConverters.sdbm(key);
            case DJB2 -> HashConverters.djb2(key);
            case WT6 -> HashConverters.wt6(key);
            case CRC32 -> {
                CRC32 crc = new CRC32();
                crc.update(key);
                yield crc.getValue();
            }
            case NONE -> decimal(key) & 0xffffffffL;
        };
        return type.avalanche() ? avalanche(hash) : hash;
    }

    /** Bob Jenkins' full avalanche of a 32-bit value, as HAProxy's full_hash() (intops.h) spreads it. */
    public static long avalanche(long hash) {
        return HashConverters.fullAvalanche(hash);
    }

    /**
     * The key as {@code none} reads it: an optional sign, then decimal digits up to the first other
     * byte, saturating at the 64-bit bounds (HAProxy's read_int64()); the low 32 bits are the hash.
     */
    static long decimal(byte[] key) {
        int i = 0;
        boolean negative = false;
        if (i < key.length && (key[i] == '-' || key[i] == '+')) {
            negative = key[i] == '-';
            i++;
        }
        long value = 0; // unsigned
        boolean overflow = false;
        for (; i < key.length; i++) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0
                    || Long.compareUnsigned(value * 10, -1L - digit) > 0) {
                overflow = true;
                break;
            }
            value = value * 10 + digit;
        }
        if (overflow) {
            value = -1L; // ULLONG_MAX
        }
        if (negative) {
            return Long.compareUnsigned(value, Long.MIN_VALUE) > 0 ? Long.MIN_VALUE : -value;
        }
        return Long.compareUnsigned(value, Long.MAX_VALUE) > 0 ? Long.MAX_VALUE : value;
    }
}
