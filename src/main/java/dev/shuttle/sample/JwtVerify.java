package dev.shuttle.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code jwt_verify(<alg>,<key>)} converter (configuration.txt §7.3.1): verifies the signature
 * of a JWS in compact form ({@code header.payload.signature}, RFC 7515 §7.1) with an algorithm of
 * RFC 7518 §3.1 and a key, and answers 1 (verified), 0 (not), or HAProxy's error codes: -1 an
 * unknown algorithm, -2 one not managed, -3 an invalid token, -5 an unknown public key. HMAC
 * algorithms take the key as the secret; the others take the path of a PEM public key (SPKI
 * "PUBLIC KEY", or PKCS#1 "RSA PUBLIC KEY" for RSA), loaded with the configuration, never at run
 * time: a key named by a variable must be one of those loaded (as HAProxy's key cache). ECDSA
 * signatures are JWS's raw {@code R || S}. Either argument may name a variable ({@code txn.alg}).
 */
public final class JwtVerify {
    /** The algorithms, with their JCA names. */
    private enum Algorithm {
        NONE(null), HS256("HmacSHA256"), HS384("HmacSHA384"), HS512("HmacSHA512"),
        RS256("SHA256withRSA"), RS384("SHA384withRSA"), RS512("SHA512withRSA"),
        ES256("SHA256withECDSAinP1363Format"), ES384("SHA384withECDSAinP1363Format"),
        ES512("SHA512withECDSAinP1363Format"), PS256("RSASSA-PSS"), PS384("RSASSA-PSS"), PS512("RSASSA-PSS");

        final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        boolean isHmac() {
            return jcaName != null && jcaName.startsWith("Hmac");
        }

        static Optional<Algorithm> named(String name) {
            if (name.equals("none")) {
                return Optional.of(NONE);
            }
            for (Algorithm algorithm : values()) {
                if (algorithm != NONE && algorithm.name().equals(name)) {
                    return Optional.of(algorithm);
                }
            }
            return Optional.empty();
        }
    }

    static final int VERIFIED = 1;
    static final int NOT_VERIFIED = 0;
    static final int UNKNOWN_ALGORITHM = -1;
    static final int INVALID_TOKEN = -3;
    static final int UNKNOWN_KEY = -5;

    private JwtVerify() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("jwt_verify", List.of(ArgType.STR, ArgType.STR), 2,
                SampleType.BIN, SampleType.SINT, JwtVerify::convert, JwtVerify::check));
    }

    /**
     * The compiled arguments: the algorithm (a variable or an {@link Algorithm}), the key (a
     * variable or its text), and the public keys loaded from files, by path.
     */
    private record Compiled(Object algorithm, Object key, Map<String, PublicKey> keys) {}

    private static Arguments check(Arguments arguments) throws SampleCompileException {
        Object algorithm = ConverterArguments.variableName(arguments.str(0)).map(v -> (Object) v).orElse(null);
        if (algorithm == null) {
            algorithm = Algorithm.named(arguments.str(0)).orElseThrow(
                    () -> new SampleCompileException("unknown JWT algorithm: " + arguments.str(0)));
        }
        Object key = ConverterArguments.variableName(arguments.str(1)).map(v -> (Object) v).orElse(arguments.str(1));
        Map<String, PublicKey> keys = new HashMap<>();
        if (key instanceof String path && !(algorithm instanceof Algorithm a && a.isHmac())) {
            Optional<PublicKey> loaded = load(Path.of(path));
            if (loaded.isPresent()) {
                keys.put(path, loaded.get());
            } else if (!(algorithm instanceof VariableName)) {
                throw new SampleCompileException("unable to load the public key '" + path + "'");
            }
        }
        return new Arguments(new ArrayList<>(Arrays.asList(new Compiled(algorithm, key, Map.copyOf(keys)))));
    }

    private static Optional<Sample> convert(Sample input, Arguments arguments, SampleContext context) {
        Compiled compiled = (Compiled) arguments.values().get(0);
        Optional<String> algorithmName = text(compiled.algorithm(), context);
        Optional<String> key = text(compiled.key(), context);
        if (algorithmName.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Sample.sint(verify(new String(input.asBytes(), StandardCharsets.ISO_8859_1),
                algorithmName.get(), key.get(), compiled.keys())));
    }

    private static Optional<String> text(Object argument, SampleContext context) {
        if (argument instanceof VariableName variable) {
            return ConverterArguments.read(context, variable, SampleType.STR).map(Sample::asString);
        }
        return Optional.of(argument instanceof Algorithm a ? (a == Algorithm.NONE ? "none" : a.name())
                : (String) argument);
    }

    /** RFC 7515 §5.2: the signature over {@code header.payload}, checked as 3.5's jwt_verify() does. */
    static int verify(String token, String algorithmName, String key, Map<String, PublicKey> keys) {
        Optional<Algorithm> found = Algorithm.named(algorithmName);
        if (found.isEmpty()) {
            return UNKNOWN_ALGORITHM;
        }
        Algorithm algorithm = found.get();
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            return INVALID_TOKEN; // exactly three parts
        }
        String signature = token.substring(secondDot + 1);
        if (algorithm == Algorithm.NONE) {
            return signature.isEmpty() ? VERIFIED : NOT_VERIFIED;
        }
        Optional<Sample> decoded = signature.isEmpty() ? Optional.empty() : EncodingConverters.base64UrlDecode(signature);
        if (decoded.isEmpty()) {
            return INVALID_TOKEN;
        }
        byte[] signed = token.substring(0, secondDot).getBytes(StandardCharsets.ISO_8859_1);
        try {
            if (algorithm.isHmac()) {
                Mac mac = Mac.getInstance(algorithm.jcaName);
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.ISO_8859_1), algorithm.jcaName));
                return MessageDigest.isEqual(mac.doFinal(signed), decoded.get().asBytes()) ? VERIFIED : NOT_VERIFIED;
            }
            PublicKey publicKey = keys.get(key);
            if (publicKey == null) {
                return UNKNOWN_KEY;
            }
            Signature verifier = Signature.getInstance(algorithm.jcaName);
            if (algorithm.jcaName.equals("RSASSA-PSS")) {
                String hash = "SHA-" + algorithm.name().substring(2);
                int hashLength = Integer.parseInt(algorithm.name().substring(2)) / 8;
                verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), hashLength, 1));
            }
            verifier.initVerify(publicKey);
            verifier.update(signed);
            return verifier.verify(decoded.get().asBytes()) ? VERIFIED : NOT_VERIFIED;
        } catch (GeneralSecurityException | IllegalArgumentException wrongKeyOrSignature) {
            return NOT_VERIFIED; // e.g. an EC key for RS256, a signature of the wrong size
        }
    }

    /** A PEM public key: SPKI ("PUBLIC KEY", RSA or EC) or PKCS#1 ("RSA PUBLIC KEY"); empty when unreadable. */
    static Optional<PublicKey> load(Path path) {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        for (String label : List.of("PUBLIC KEY", "RSA PUBLIC KEY")) {
            String begin = "-----BEGIN " + label + "-----";
            int start = pem.indexOf(begin);
            int end = pem.indexOf("-----END " + label + "-----");
            if (start < 0 || end < start) {
                continue;
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
                byte[] spki = label.equals("PUBLIC KEY") ? der : rsaSpki(der);
                for (String family : List.of("RSA", "EC")) {
                    try {
                        return Optional.of(KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(spki)));
                    } catch (GeneralSecurityException notThisFamily) {
                        // try the next one
                    }
                }
            } catch (IllegalArgumentException badBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 8017 §A.1.1's RSAPublicKey wrapped as an RFC 5280 SubjectPublicKeyInfo, which the JDK reads:
     * SEQUENCE { SEQUENCE { OID rsaEncryption, NULL }, BIT STRING { 0 unused bits, RSAPublicKey } }.
     */
    private static byte[] rsaSpki(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] bitString = derElement(0x03, concat(new byte[] {0}, pkcs1));
        return derElement(0x30, concat(algorithm, bitString));
    }

    private static byte[] derElement(int tag, byte[] content) {
        byte[] length;
        if (content.length < 0x80) {
            length = new byte[] {(byte) content.length};
        } else if (content.length < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) content.length};
        } else {
            length = new byte[] {(byte) 0x82, (byte) (content.length >> 8), (byte) content.length};
        }
        return concat(concat(new byte[] {(byte) tag}, length), content);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
