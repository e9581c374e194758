package dev.shuttle.sample;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash converters (configuration.txt §7.3.1): the 32-bit load-balancing hashes djb2, sdbm,
 * wt6, crc32 and crc32c (optionally followed by the full avalanche hash, as {@code hash-type ...
 * avalanche} does), the xxHash family, and the message digests sha1, sha2, digest and hmac.
 */
public final class HashConverters {
    private HashConverters() {}

    public static void register(SampleRegistry registry) {
        loadBalancingHash(registry, "djb2", HashConverters::djb2);
        loadBalancingHash(registry, "sdbm", HashConverters::sdbm);
        loadBalancingHash(registry, "wt6", HashConverters::wt6);
        loadBalancingHash(registry, "crc32", data -> {
            CRC32 crc = new CRC32();
            crc.update(data);
            return crc.getValue();
        });
        loadBalancingHash(registry, "crc32c", data -> {
            CRC32C crc = new CRC32C();
            crc.update(data);
            return crc.getValue();
        });
        define(registry, "xxh32", List.of(ArgType.SINT), 0, SampleType.SINT,
                (in, a, c) -> Optional.of(Sample.sint(XxHash.xxh32(in.asBytes(), (int) ConverterArguments.sintOr(a, 0, 0)))));
        define(registry, "xxh64", List.of(ArgType.SINT), 0, SampleType.SINT,
                (in, a, c) -> Optional.of(Sample.sint(XxHash.xxh64(in.asBytes(), ConverterArguments.sintOr(a, 0, 0)))));
        define(registry, "xxh3", List.of(ArgType.SINT), 0, SampleType.SINT,
                (in, a, c) -> Optional.of(Sample.sint(XxHash.xxh3(in.asBytes(), ConverterArguments.sintOr(a, 0, 0)))));
        define(registry, "sha1", List.of(), 0, SampleType.BIN,
                (in, a, c) -> Optional.of(Sample.bin(digest("SHA-1", in.asBytes()))));
        define(registry, "sha2", List.of(ArgType.SINT), 0, SampleType.BIN,
                (in, a, c) -> Optional.of(Sample.bin(digest("SHA-" + ConverterArguments.sintOr(a, 0, 256), in.asBytes()))),
                HashConverters::checkSha2Bits);
        define(registry, "digest", List.of(ArgType.STR), 1, SampleType.BIN,
                (in, a, c) -> Optional.of(Sample.bin(digest(a.str(0), in.asBytes()))),
                a -> a.with(0, checkDigest(a.str(0))));
        define(registry, "hmac", List.of(ArgType.STR, ArgType.STR), 2, SampleType.BIN,
                HashConverters::hmac, HashConverters::checkHmac);
    }

    /**
     * The avalanche applied when a hash converter's {@code avalanche} argument is 1: Bob Jenkins'
     * 6-shift 32-bit integer hash, then a multiplication by 3221225473 (0xC0000001), which
     * HAProxy adds to spread values over its hash tree (checked against haproxy 2.6: without it,
     * the top two bits differ).
     */
    public static long fullAvalanche(long hash) {
        int a = (int) hash;
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return (a * 0xC0000001) & 0xffffffffL;
    }

    /** Dan Bernstein's hash: h = h * 33 + byte, from 5381. */
    public static long djb2(byte[] data) {
        int h = 5381;
        for (byte b : data) {
            h = (h << 5) + h + (b & 0xff);
        }
        return h & 0xffffffffL;
    }

    /** The sdbm database library's hash: h = byte + h * 65599. */
    public static long sdbm(byte[] data) {
        int h = 0;
        for (byte b : data) {
            h = (b & 0xff) + (h << 6) + (h << 16) - h;
        }
        return h & 0xffffffffL;
    }

    /**
     * Willy Tarreau's "wt6" hash, as used by HAProxy's {@code hash-function wt6}: two 32-bit
     * halves mixed with each byte by complement and addition, then rotated by amounts that the
     * mixed state itself chooses.
     */
    public static long wt6(byte[] data) {
        int h0 = 0xa53c965a;
        int h1 = 0x5ca6953a;
        int step0 = 6;
        int step1 = 18;
        for (byte b : data) {
            int t = b & 0xff;
            h0 = ~(h0 ^ t);
            h1 = ~(h1 + t);
            int rotated = Integer.rotateLeft(h1, step0);
            h1 = Integer.rotateLeft(h0, step1);
            h0 = rotated;
            t = ((h0 >>> 16) ^ h1) & 0xffff;
            step0 = t & 0x1f;
            step1 = t >>> 11;
        }
        return (h0 ^ h1) & 0xffffffffL;
    }

    private static void loadBalancingHash(SampleRegistry registry, String name, ToLongFunction<byte[]> hash) {
        define(registry, name, List.of(ArgType.SINT), 0, SampleType.SINT, (in, a, c) -> {
            long value = hash.applyAsLong(in.asBytes());
            return Optional.of(Sample.sint(ConverterArguments.sintOr(a, 0, 0) == 1 ? fullAvalanche(value) : value));
        });
    }

    static Arguments checkSha2Bits(Arguments args) throws SampleCompileException {
        long bits = ConverterArguments.sintOr(args, 0, 256);
        if (bits != 224 && bits != 256 && bits != 384 && bits != 512) {
            throw new SampleCompileException("Unsupported number of bits: '" + bits + "'.");
        }
        return args;
    }

    // OpenSSL digest names (as the manual asks for) and their JDK names, where they differ.
    private static final Map<String, String> OPENSSL_NAMES = Map.ofEntries(
            Map.entry("md2", "MD2"), Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"),
            Map.entry("sha224", "SHA-224"), Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"),
            Map.entry("sha512", "SHA-512"), Map.entry("sha512-224", "SHA-512/224"),
            Map.entry("sha512-256", "SHA-512/256"), Map.entry("sha3-224", "SHA3-224"),
            Map.entry("sha3-256", "SHA3-256"), Map.entry("sha3-384", "SHA3-384"), Map.entry("sha3-512", "SHA3-512"));

    /** The JDK's name for an OpenSSL digest name (case-insensitive), or the name itself. */
    static String javaDigestName(String opensslName) {
        return OPENSSL_NAMES.getOrDefault(opensslName.toLowerCase(Locale.ROOT), opensslName);
    }

    /** The JDK name of an available digest, given its OpenSSL name. */
    static String checkDigest(String algorithm) throws SampleCompileException {
        try {
            return MessageDigest.getInstance(javaDigestName(algorithm)).getAlgorithm();
        } catch (NoSuchAlgorithmException e) {
            throw new SampleCompileException("failed to get message digest '" + algorithm + "'");
        }
    }

    static byte[] digest(String javaName, byte[] data) {
        try {
            return MessageDigest.getInstance(javaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("digest checked at load time vanished: " + javaName, e);
        }
    }

    private static String hmacName(String algorithm) {
        return "Hmac" + javaDigestName(algorithm).replace("-", "").replace("/", "");
    }

    /**
     * Replaces the algorithm by the JDK's HMAC name, and the key by a {@link VariableName} when it
     * names one, else by the bytes its base64 text decodes to.
     */
    static Arguments checkHmac(Arguments args) throws SampleCompileException {
        String name = hmacName(args.str(0));
        try {
            checkDigest(args.str(0));
            Mac.getInstance(name);
        } catch (NoSuchAlgorithmException | SampleCompileException e) {
            throw new SampleCompileException("failed to get message digest '" + args.str(0) + "' for HMAC");
        }
        Optional<VariableName> variable = ConverterArguments.variableName(args.str(1));
        if (variable.isPresent()) {
            return args.with(0, name).with(1, variable.get());
        }
        try {
            return args.with(0, name).with(1, Base64.getDecoder().decode(args.str(1)));
        } catch (IllegalArgumentException e) {
            throw new SampleCompileException("hmac: the key must be base64 encoded or a variable name");
        }
    }

    /** {@code hmac}: a key held by a variable is base64 text, decoded at each use. */
    static Optional<Sample> hmac(Sample input, Arguments args, SampleContext context) {
        byte[] key;
        if (args.get(1) instanceof VariableName variable) {
            Optional<Sample> encoded = ConverterArguments.read(context, variable, SampleType.STR);
            if (encoded.isEmpty()) {
                return Optional.empty();
            }
            try {
                key = Base64.getDecoder().decode(encoded.get().asString());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            key = args.get(1);
        }
        try {
            String name = args.str(0);
            Mac mac = Mac.getInstance(name);
            // The JDK refuses an empty key; HMAC pads any key with zeros to the block size, so one zero byte is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, name));
            return Optional.of(Sample.bin(mac.doFinal(input.asBytes())));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType output, ConverterDefinition.Function function) {
        define(registry, name, argTypes, required, output, function, Arguments.Checker.NONE);
    }

    private static void define(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                               SampleType output, ConverterDefinition.Function function, Arguments.Checker checker) {
        registry.registerConverter(new ConverterDefinition(name, argTypes, required, SampleType.BIN, output, function, checker));
    }
}
