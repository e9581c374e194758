package dev.shuttle.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads certificate files as HAProxy's {@code crt} does (configuration.txt §5.1, "crt"): a PEM
 * file with the certificate first, then its chain, and its private key anywhere in it, or in a file
 * of the same name with {@code .key} appended; or a directory, whose files are read in alphabetic
 * order except dot files and the reserved extensions {@code .key}, {@code .issuer}, {@code .ocsp},
 * {@code .sctl}. Errors read as HAProxy's do.
 */
public final class CertificateFiles {
    private static final List<String> RESERVED_EXTENSIONS = List.of(".key", ".issuer", ".ocsp", ".sctl");

    private CertificateFiles() {}

    /** The certificates a {@code crt} argument names: one for a file, each file's for a directory. */
    public static List<CertificateKey> load(Path path) throws TlsException {
        if (Files.isDirectory(path)) {
            List<CertificateKey> all = new ArrayList<>();
            for (Path file : directoryEntries(path)) {
                all.add(loadFile(file, file.toString()));
            }
            return all;
        }
        return List.of(loadFile(path, path.toString()));
    }

    /** The files of a {@code crt} directory that hold certificates, in alphabetic order. */
    public static List<Path> directoryEntries(Path directory) throws TlsException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> RESERVED_EXTENSIONS.stream().noneMatch(ext -> p.getFileName().toString().endsWith(ext)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TlsException("unable to scan directory '" + directory + "' : " + reason(e) + ".");
        }
    }

    /**
     * One PEM file, under {@code name}; a missing key is looked for in {@code <file>.key}.
     */
    public static CertificateKey loadFile(Path file, String name) throws TlsException {
        return loadFile(file, name, Optional.empty(), KeyLookup.SIBLING);
    }

    /** Where a certificate file's key may be when the file has none ({@code ssl-load-extra-files}, {@code -del-ext}). */
    public enum KeyLookup {
        /** Nowhere else: the key must be in the file. */
        NONE,
        /** In {@code <file>.key}. */
        SIBLING,
        /** In {@code <file>.key}, a {@code .crt} extension dropped first. */
        SIBLING_WITHOUT_CRT_EXTENSION
    }

    /**
     * One PEM file, under {@code name}. {@code keyFile}, when given, holds the key instead
     * ({@code crt-store}'s {@code key}); otherwise a missing key is looked for as {@code lookup} says.
     */
    public static CertificateKey loadFile(Path file, String name, Optional<Path> keyFile, KeyLookup lookup)
            throws TlsException {
        String text = read(file, "unable to stat SSL certificate from file '" + file + "' : ");
        return fromPem(text, name, file, keyFile, lookup);
    }

    /**
     * A certificate from PEM text (a file's, or a runtime API payload's). {@code origin} is the file
     * the text came from, for the {@code .key}, {@code .ocsp} files next to it; null for a payload.
     */
    public static CertificateKey fromPem(String text, String name, Path origin, Optional<Path> keyFile,
                                         KeyLookup lookup) throws TlsException {
        List<String> notes = new ArrayList<>();
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        for (PemBlocks.Block block : blocks(text, name)) {
            switch (block.label()) {
                case "CERTIFICATE", "X509 CERTIFICATE" -> chain.add(certificate(block.der(), name));
                case "DH PARAMETERS", "X9.42 DH PARAMETERS" -> notes.add("the DH parameters in '" + name + "' are not used: JSSE "
                        + "negotiates its own finite-field groups (RFC 7919)");
                default -> {
                    Optional<PrivateKey> found = privateKey(block, name);
                    if (key == null && found.isPresent()) {
                        key = found.get();
                    }
                }
            }
        }
        if (chain.isEmpty()) {
            throw new TlsException("unable to load certificate from file '" + name + "': no start line.");
        }
        if (keyFile.isPresent()) {
            key = keyFrom(keyFile.get(), keyFile.get().toString());
        } else if (key == null && origin != null && lookup != KeyLookup.NONE) {
            String base = origin.toString();
            if (lookup == KeyLookup.SIBLING_WITHOUT_CRT_EXTENSION && base.endsWith(".crt")) {
                base = base.substring(0, base.length() - 4);
            }
            Path sibling = Path.of(base + ".key");
            if (Files.exists(sibling)) {
                key = keyFrom(sibling, sibling.toString());
            }
            if (key == null) {
                throw new TlsException("No Private Key found in '" + sibling + "'.");
            }
        } else if (key == null) {
            throw new TlsException("No Private Key found in '" + name + "'.");
        }
        if (!matches(key, chain.getFirst().getPublicKey())) {
            throw new TlsException("inconsistencies between private key and certificate loaded '" + name + "'.");
        }
        if (origin != null) {
            noteExtraFiles(origin, notes);
        }
        return new CertificateKey(name, chain, key, notes);
    }

    /** The private key of a separate key file ({@code .key}, or {@code crt-store}'s {@code key}). */
    private static PrivateKey keyFrom(Path file, String name) throws TlsException {
        String text = read(file, "unable to load private key from file '" + file + "' (");
        for (PemBlocks.Block block : blocks(text, name)) {
            Optional<PrivateKey> key = privateKey(block, name);
            if (key.isPresent()) {
                return key.get();
            }
        }
        throw new TlsException("No Private Key found in '" + name + "'.");
    }

    private static Optional<PrivateKey> privateKey(PemBlocks.Block block, String name) throws TlsException {
        try {
            return PrivateKeys.from(block);
        } catch (TlsException e) {
            throw new TlsException("unable to load private key from file '" + name + "' (" + e.getMessage() + ").");
        }
    }

    private static List<PemBlocks.Block> blocks(String text, String name) throws TlsException {
        try {
            return PemBlocks.parse(text);
        } catch (TlsException e) {
            throw new TlsException("unable to load certificate from file '" + name + "': " + e.getMessage() + ".");
        }
    }

    static X509Certificate certificate(byte[] der, String name) throws TlsException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new TlsException("unable to load certificate from file '" + name + "': " + e.getMessage() + ".");
        }
    }

    /** OpenSSL's X509_check_private_key: the key is the certificate's public key's other half. */
    static boolean matches(PrivateKey key, PublicKey certificateKey) {
        if (key instanceof RSAKey rsa && certificateKey instanceof RSAKey publicRsa) {
            return rsa.getModulus().equals(publicRsa.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null || !key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Files HAProxy would read next to a certificate, and that Shuttle cannot use. */
    private static void noteExtraFiles(Path origin, List<String> notes) {
        if (Files.exists(Path.of(origin + ".ocsp"))) {
            notes.add("'" + origin + ".ocsp' is not stapled: JSSE cannot staple an OCSP response read from a file");
        }
        if (Files.exists(Path.of(origin + ".sctl"))) {
            notes.add("'" + origin + ".sctl' is not sent: JSSE has no signed certificate timestamp extension");
        }
    }

    static String read(Path file, String prefix) throws TlsException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsException(prefix + reason(e) + (prefix.endsWith("(") ? ")." : "."));
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return String.valueOf(e.getMessage());
    }
}
