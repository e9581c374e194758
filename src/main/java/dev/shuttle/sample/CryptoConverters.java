package dev.shuttle.sample;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES converters of configuration.txt §7.3.1, which HAProxy builds on OpenSSL and Shuttle on the
 * JDK's own ciphers: {@code aes_gcm_enc}, {@code aes_gcm_dec}, {@code aes_cbc_enc}, {@code aes_cbc_dec}.
 * Keys, nonces, tags and additional data are base64 text, given literally or held by a variable;
 * the ciphertext is raw bytes. GCM's 16-byte tag travels apart from the ciphertext, in the
 * {@code aead_tag} variable. CBC pads with PKCS#7, as OpenSSL does by default.
 */
public final class CryptoConverters {
    private static final int TAG_BITS = 128;

    private CryptoConverters() {}

    public static void register(SampleRegistry registry) {
        List<ArgType> gcm = List.of(ArgType.SINT, ArgType.STR, ArgType.STR, ArgType.STR, ArgType.STR);
        List<ArgType> cbc = List.of(ArgType.SINT, ArgType.STR, ArgType.STR, ArgType.STR);
        registry.registerConverter(new ConverterDefinition("aes_gcm_enc", gcm, 4, SampleType.BIN, SampleType.BIN,
                CryptoConverters::gcmEncrypt, args -> check(args, "aes_gcm_enc", true, true)));
        registry.registerConverter(new ConverterDefinition("aes_gcm_dec", gcm, 4, SampleType.BIN, SampleType.BIN,
                CryptoConverters::gcmDecrypt, args -> check(args, "aes_gcm_dec", true, false)));
        registry.registerConverter(new ConverterDefinition("aes_cbc_enc", cbc, 3, SampleType.BIN, SampleType.BIN,
                (in, a, c) -> cbc(in, a, c, Cipher.ENCRYPT_MODE), args -> check(args, "aes_cbc_enc", false, false)));
        registry.registerConverter(new ConverterDefinition("aes_cbc_dec", cbc, 3, SampleType.BIN, SampleType.BIN,
                (in, a, c) -> cbc(in, a, c, Cipher.DECRYPT_MODE), args -> check(args, "aes_cbc_dec", false, false)));
    }

    /**
     * The key size must be 128, 192 or 256; each base64 argument becomes its bytes, or the variable
     * it names; the tag of {@code aes_gcm_enc} must be a variable (it receives the tag).
     */
    private static Arguments check(Arguments args, String name, boolean gcm, boolean tagIsOutput)
            throws SampleCompileException {
        long bits = args.sint(0);
        if (bits != 128 && bits != 192 && bits != 256) {
            throw new SampleCompileException(name + ": key size must be 128, 192 or 256 (bits).");
        }
        if (!gcm && args.has(3)) {
            throw new SampleCompileException(name + ": CBC mode has no additional authenticated data; Shuttle "
                    + "refuses the <aad> argument rather than ignore it.");
        }
        Arguments checked = args;
        for (int i = 1; i < (gcm ? 5 : 3) && args.has(i); i++) {
            if (gcm && i == 3 && tagIsOutput) {
                checked = checked.with(i, ConverterArguments.requireVariableName(args.str(i)));
                continue;
            }
            checked = checked.with(i, base64OrVariable(args.str(i), name));
        }
        return checked;
    }

    private static Object base64OrVariable(String text, String name) throws SampleCompileException {
        Optional<VariableName> variable = ConverterArguments.variableName(text);
        if (variable.isPresent()) {
            return variable.get();
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SampleCompileException(name + ": failed to parse '" + text
                    + "': expecting a base64 string or a variable name.");
        }
    }

    /** An argument's bytes: decoded at load time, or from the variable's base64 text now. */
    private static Optional<byte[]> bytes(Arguments args, int index, SampleContext context) {
        if (!args.has(index)) {
            return Optional.of(new byte[0]);
        }
        Object value = args.get(index);
        if (value instanceof VariableName variable) {
            try {
                return ConverterArguments.read(context, variable, SampleType.STR)
                        .map(text -> Base64.getDecoder().decode(text.asString().strip()));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.of((byte[]) value);
    }

    private static Optional<SecretKeySpec> key(Arguments args, SampleContext context) {
        return bytes(args, 2, context).filter(key -> key.length * 8L == args.sint(0))
                .map(key -> new SecretKeySpec(key, "AES"));
    }

    private static Optional<Sample> gcmEncrypt(Sample input, Arguments args, SampleContext context) {
        Optional<byte[]> nonce = bytes(args, 1, context);
        Optional<SecretKeySpec> key = key(args, context);
        Optional<byte[]> aad = bytes(args, 4, context);
        if (nonce.isEmpty() || key.isEmpty() || aad.isEmpty() || nonce.get().length == 0) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, nonce.get()));
            cipher.updateAAD(aad.get());
            byte[] sealed = cipher.doFinal(input.asBytes());
            int split = sealed.length - TAG_BITS / 8;
            VariableName tagVariable = args.variable(3);
            Optional<VariableStore> store = context.variables(tagVariable.scope());
            if (store.isEmpty()) {
                return Optional.empty();
            }
            store.get().set(tagVariable.name(),
                    Sample.str(Base64.getEncoder().encodeToString(Arrays.copyOfRange(sealed, split, sealed.length))));
            return Optional.of(Sample.bin(Arrays.copyOf(sealed, split)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Sample> gcmDecrypt(Sample input, Arguments args, SampleContext context) {
        Optional<byte[]> nonce = bytes(args, 1, context);
        Optional<SecretKeySpec> key = key(args, context);
        Optional<byte[]> tag = bytes(args, 3, context);
        Optional<byte[]> aad = bytes(args, 4, context);
        if (nonce.isEmpty() || key.isEmpty() || tag.isEmpty() || aad.isEmpty() || nonce.get().length == 0) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(tag.get().length * 8, nonce.get()));
            cipher.updateAAD(aad.get());
            byte[] data = input.asBytes();
            byte[] sealed = Arrays.copyOf(data, data.length + tag.get().length);
            System.arraycopy(tag.get(), 0, sealed, data.length, tag.get().length);
            return Optional.of(Sample.bin(cipher.doFinal(sealed)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Sample> cbc(Sample input, Arguments args, SampleContext context, int mode) {
        Optional<byte[]> iv = bytes(args, 1, context);
        Optional<SecretKeySpec> key = key(args, context);
        if (iv.isEmpty() || key.isEmpty() || iv.get().length != 16) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, key.get(), new IvParameterSpec(iv.get()));
            return Optional.of(Sample.bin(cipher.doFinal(input.asBytes())));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
