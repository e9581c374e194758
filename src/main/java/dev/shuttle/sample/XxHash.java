package dev.shuttle.sample;

import java.util.HexFormat;

/**
 * The xxHash family, written from its public specification (Yann Collet's "xxHash fast digest
 * algorithm" specification, for XXH32, XXH64 and XXH3 64-bit): the hashes of the {@code xxh32},
 * {@code xxh64} and {@code xxh3} converters. Pure functions over a byte range; all arithmetic is
 * modulo 2^32 or 2^64, which Java's int and long give for free.
 */
public final class XxHash {
    private XxHash() {}

    private static final int P32_1 = 0x9E3779B1;
    private static final int P32_2 = 0x85EBCA77;
    private static final int P32_3 = 0xC2B2AE3D;
    private static final int P32_4 = 0x27D4EB2F;
    private static final int P32_5 = 0x165667B1;

    private static final long P64_1 = 0x9E3779B185EBCA87L;
    private static final long P64_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P64_3 = 0x165667B19E3779F9L;
    private static final long P64_4 = 0x85EBCA77C2B2AE63L;
    private static final long P64_5 = 0x27D4EB2F165667C5L;

    // ---- XXH32 ----

    /** XXH32 of the bytes, as an unsigned 32-bit value. */
    public static long xxh32(byte[] in, int seed) {
        int len = in.length;
        int p = 0;
        int acc;
        if (len >= 16) {
            int v1 = seed + P32_1 + P32_2;
            int v2 = seed + P32_2;
            int v3 = seed;
            int v4 = seed - P32_1;
            for (; p <= len - 16; p += 16) {
                v1 = round32(v1, le32(in, p));
                v2 = round32(v2, le32(in, p + 4));
                v3 = round32(v3, le32(in, p + 8));
                v4 = round32(v4, le32(in, p + 12));
            }
            acc = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            acc = seed + P32_5;
        }
        acc += len;
        for (; p <= len - 4; p += 4) {
            acc = Integer.rotateLeft(acc + le32(in, p) * P32_3, 17) * P32_4;
        }
        for (; p < len; p++) {
            acc = Integer.rotateLeft(acc + (in[p] & 0xff) * P32_5, 11) * P32_1;
        }
        acc ^= acc >>> 15;
        acc *= P32_2;
        acc ^= acc >>> 13;
        acc *= P32_3;
        acc ^= acc >>> 16;
        return acc & 0xffffffffL;
    }

    private static int round32(int acc, int lane) {
        return Integer.rotateLeft(acc + lane * P32_2, 13) * P32_1;
    }

    // ---- XXH64 ----

    /** XXH64 of the bytes. */
    public static long xxh64(byte[] in, long seed) {
        int len = in.length;
        int p = 0;
        long acc;
        if (len >= 32) {
            long v1 = seed + P64_1 + P64_2;
            long v2 = seed + P64_2;
            long v3 = seed;
            long v4 = seed - P64_1;
            for (; p <= len - 32; p += 32) {
                v1 = round64(v1, le64(in, p));
                v2 = round64(v2, le64(in, p + 8));
                v3 = round64(v3, le64(in, p + 16));
                v4 = round64(v4, le64(in, p + 24));
            }
            acc = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            acc = mergeRound(acc, v1);
            acc = mergeRound(acc, v2);
            acc = mergeRound(acc, v3);
            acc = mergeRound(acc, v4);
        } else {
            acc = seed + P64_5;
        }
        acc += len;
        for (; p <= len - 8; p += 8) {
            acc ^= round64(0, le64(in, p));
            acc = Long.rotateLeft(acc, 27) * P64_1 + P64_4;
        }
        if (p <= len - 4) {
            acc ^= (le32(in, p) & 0xffffffffL) * P64_1;
            acc = Long.rotateLeft(acc, 23) * P64_2 + P64_3;
            p += 4;
        }
        for (; p < len; p++) {
            acc ^= (in[p] & 0xff) * P64_5;
            acc = Long.rotateLeft(acc, 11) * P64_1;
        }
        return xxh64Avalanche(acc);
    }

    private static long round64(long acc, long lane) {
        return Long.rotateLeft(acc + lane * P64_2, 31) * P64_1;
    }

    private static long mergeRound(long acc, long v) {
        return (acc ^ round64(0, v)) * P64_1 + P64_4;
    }

    private static long xxh64Avalanche(long h) {
        h ^= h >>> 33;
        h *= P64_2;
        h ^= h >>> 29;
        h *= P64_3;
        h ^= h >>> 32;
        return h;
    }

    // ---- XXH3, 64-bit output ----

    /** The specification's default 192-byte secret. */
    private static final byte[] SECRET = hexBytes(
            "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
            + "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
            + "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
            + "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
            + "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
            + "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e");
    private static final int SECRET_SIZE_MIN = 136;
    private static final int STRIPE_LENGTH = 64;

    /** XXH3 (64-bit) of the bytes with a seed. */
    static long xxh3(byte[] in, long seed) {
        int len = in.length;
        if (len <= 16) {
            return xxh3UpTo16(in, len, seed);
        }
        if (len <= 128) {
            long acc = len * P64_1;
            if (len > 32) {
                if (len > 64) {
                    if (len > 96) {
                        acc += mix16(in, 48, 96, seed);
                        acc += mix16(in, len - 64, 112, seed);
                    }
                    acc += mix16(in, 32, 64, seed);
                    acc += mix16(in, len - 48, 80, seed);
                }
                acc += mix16(in, 16, 32, seed);
                acc += mix16(in, len - 32, 48, seed);
            }
            acc += mix16(in, 0, 0, seed);
            acc += mix16(in, len - 16, 16, seed);
            return xxh3Avalanche(acc);
        }
        if (len <= 240) {
            long acc = len * P64_1;
            for (int i = 0; i < 8; i++) {
                acc += mix16(in, 16 * i, 16 * i, seed);
            }
            acc = xxh3Avalanche(acc);
            for (int i = 8; i < len / 16; i++) {
                acc += mix16(in, 16 * i, 16 * (i - 8) + 3, seed);
            }
            acc += mix16(in, len - 16, SECRET_SIZE_MIN - 17, seed);
            return xxh3Avalanche(acc);
        }
        return xxh3Long(in, seed == 0 ? SECRET : seededSecret(seed));
    }

    private static long xxh3UpTo16(byte[] in, int len, long seed) {
        if (len > 8) {
            long bitflip1 = (le64(SECRET, 24) ^ le64(SECRET, 32)) + seed;
            long bitflip2 = (le64(SECRET, 40) ^ le64(SECRET, 48)) - seed;
            long low = le64(in, 0) ^ bitflip1;
            long high = le64(in, len - 8) ^ bitflip2;
            long acc = len + Long.reverseBytes(low) + high + mulFold64(low, high);
            return xxh3Avalanche(acc);
        }
        if (len >= 4) {
            seed ^= (Integer.reverseBytes((int) seed) & 0xffffffffL) << 32;
            long first = le32(in, 0) & 0xffffffffL;
            long last = le32(in, len - 4) & 0xffffffffL;
            long bitflip = (le64(SECRET, 8) ^ le64(SECRET, 16)) - seed;
            long keyed = (last + (first << 32)) ^ bitflip;
            return rrmxmx(keyed, len);
        }
        if (len > 0) {
            int c1 = in[0] & 0xff;
            int c2 = in[len >> 1] & 0xff;
            int c3 = in[len - 1] & 0xff;
            long combined = ((c1 << 16) | (c2 << 24) | c3 | (len << 8)) & 0xffffffffL;
            long bitflip = ((le32(SECRET, 0) ^ le32(SECRET, 4)) & 0xffffffffL) + seed;
            return xxh64Avalanche(combined ^ bitflip);
        }
        return xxh64Avalanche(seed ^ le64(SECRET, 56) ^ le64(SECRET, 64));
    }

    private static long xxh3Long(byte[] in, byte[] secret) {
        long[] acc = {P32_3 & 0xffffffffL, P64_1, P64_2, P64_3, P64_4, P32_2 & 0xffffffffL, P64_5, P32_1 & 0xffffffffL};
        int len = in.length;
        int stripesPerBlock = (secret.length - STRIPE_LENGTH) / 8;
        int blockLength = STRIPE_LENGTH * stripesPerBlock;
        int blocks = (len - 1) / blockLength;
        for (int n = 0; n < blocks; n++) {
            for (int s = 0; s < stripesPerBlock; s++) {
                accumulate(acc, in, n * blockLength + s * STRIPE_LENGTH, secret, s * 8);
            }
            scramble(acc, secret, secret.length - STRIPE_LENGTH);
        }
        int stripes = ((len - 1) - blockLength * blocks) / STRIPE_LENGTH;
        for (int s = 0; s < stripes; s++) {
            accumulate(acc, in, blocks * blockLength + s * STRIPE_LENGTH, secret, s * 8);
        }
        accumulate(acc, in, len - STRIPE_LENGTH, secret, secret.length - STRIPE_LENGTH - 7);
        long result = len * P64_1;
        for (int i = 0; i < 4; i++) {
            result += mulFold64(acc[2 * i] ^ le64(secret, 11 + 16 * i), acc[2 * i + 1] ^ le64(secret, 11 + 16 * i + 8));
        }
        return xxh3Avalanche(result);
    }

    private static void accumulate(long[] acc, byte[] in, int p, byte[] secret, int s) {
        for (int i = 0; i < 8; i++) {
            long value = le64(in, p + 8 * i);
            long keyed = value ^ le64(secret, s + 8 * i);
            acc[i ^ 1] += value;
            acc[i] += (keyed & 0xffffffffL) * (keyed >>> 32);
        }
    }

    private static void scramble(long[] acc, byte[] secret, int s) {
        for (int i = 0; i < 8; i++) {
            long a = acc[i];
            a ^= a >>> 47;
            a ^= le64(secret, s + 8 * i);
            acc[i] = a * (P32_1 & 0xffffffffL);
        }
    }

    private static byte[] seededSecret(long seed) {
        byte[] custom = new byte[SECRET.length];
        for (int i = 0; i < SECRET.length / 16; i++) {
            putLe64(custom, 16 * i, le64(SECRET, 16 * i) + seed);
            putLe64(custom, 16 * i + 8, le64(SECRET, 16 * i + 8) - seed);
        }
        return custom;
    }

    private static long mix16(byte[] in, int p, int s, long seed) {
        return mulFold64(le64(in, p) ^ (le64(SECRET, s) + seed), le64(in, p + 8) ^ (le64(SECRET, s + 8) - seed));
    }

    private static long mulFold64(long a, long b) {
        return (a * b) ^ Math.unsignedMultiplyHigh(a, b);
    }

    private static long rrmxmx(long h, int len) {
        h ^= Long.rotateLeft(h, 49) ^ Long.rotateLeft(h, 24);
        h *= 0x9FB21C651E98DF25L;
        h ^= (h >>> 35) + len;
        h *= 0x9FB21C651E98DF25L;
        return h ^ (h >>> 28);
    }

    private static long xxh3Avalanche(long h) {
        h ^= h >>> 37;
        h *= 0x165667919E3779F9L;
        return h ^ (h >>> 32);
    }

    // ---- little-endian access ----

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    private static long le64(byte[] b, int p) {
        return (le32(b, p) & 0xffffffffL) | ((long) le32(b, p + 4) << 32);
    }

    private static void putLe64(byte[] b, int p, long value) {
        for (int i = 0; i < 8; i++, value >>>= 8) {
            b[p + i] = (byte) value;
        }
    }

    private static byte[] hexBytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
