package dev.shuttle.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates, made at test time by the {@code openssl} command (Debian's, which
 * {@code scripts/test} has): a CA, intermediates, leaves with DNS names, every key type and key
 * layout OpenSSL writes, revocation lists. Nothing is committed: each test gets fresh files in its
 * own directory.
 */
public final class TestPki {
    /** The key layouts a PEM file may hold. */
    public enum Key {
        /** {@code RSA PRIVATE KEY} (PKCS#1, OpenSSL's traditional form). */
        RSA_PKCS1,
        /** {@code PRIVATE KEY} holding an RSA key (PKCS#8). */
        RSA_PKCS8,
        /** {@code EC PARAMETERS} then {@code EC PRIVATE KEY} (SEC 1), as {@code openssl ecparam -genkey} writes. */
        EC_SEC1,
        /** {@code PRIVATE KEY} holding a P-256 key. */
        EC_PKCS8,
        /** {@code PRIVATE KEY} holding an Ed25519 key. */
        ED25519
    }

    /** A certificate and its key, as files. */
    public record Issued(Path certificate, Path key) {
        /** The certificate, then the key: what {@code crt} loads. */
        public Path combined(Path file) throws IOException {
            Files.writeString(file, Files.readString(certificate) + Files.readString(key));
            return file;
        }
    }

    private final Path dir;
    private int serial = 1;

    public TestPki(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Whether {@code openssl} can be run; tests without it are skipped. */
    public static boolean available() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs openssl in the directory; fails the test with its output if it fails. */
    public void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    public Path key(String name, Key type) throws IOException, InterruptedException {
        String file = name + ".key";
        switch (type) {
            case RSA_PKCS1 -> openssl("genrsa", "-traditional", "-out", file, "2048");
            case RSA_PKCS8 -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", file);
            case EC_SEC1 -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", file);
            case EC_PKCS8 -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file);
            case ED25519 -> openssl("genpkey", "-algorithm", "ED25519", "-out", file);
        }
        return dir.resolve(file);
    }

    /** A self-signed CA. */
    public Issued ca(String name) throws IOException, InterruptedException {
        Path key = key(name, Key.RSA_PKCS8);
        openssl("req", "-x509", "-new", "-key", key.getFileName().toString(), "-subj", "/O=Shuttle tests/CN=" + name,
                "-days", "30", "-addext", "basicConstraints=critical,CA:true", "-addext",
                "keyUsage=critical,keyCertSign,cRLSign", "-out", name + ".crt");
        return new Issued(dir.resolve(name + ".crt"), key);
    }

    /** An intermediate CA signed by {@code issuer}. */
    public Issued intermediate(String name, Issued issuer) throws IOException, InterruptedException {
        return sign(name, "/O=Shuttle tests/CN=" + name, key(name, Key.RSA_PKCS8), issuer,
                "basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n", 30);
    }

    /** A leaf certificate for {@code dnsNames} (the first is also its CN), signed by {@code issuer}. */
    public Issued leaf(String name, Key type, Issued issuer, String... dnsNames) throws IOException, InterruptedException {
        return leaf(name, type, issuer, 30, dnsNames);
    }

    public Issued leaf(String name, Key type, Issued issuer, int days, String... dnsNames)
            throws IOException, InterruptedException {
        StringBuilder extensions = new StringBuilder("basicConstraints=CA:false\n");
        if (dnsNames.length > 0) {
            extensions.append("subjectAltName=");
            for (int i = 0; i < dnsNames.length; i++) {
                extensions.append(i == 0 ? "" : ",").append("DNS:").append(dnsNames[i]);
            }
            extensions.append('\n');
        }
        String cn = dnsNames.length > 0 ? dnsNames[0] : name;
        return sign(name, "/C=FR/O=Shuttle tests/OU=TLS/CN=" + cn, key(name, type), issuer, extensions.toString(), days);
    }

    /** A self-signed leaf (no CA behind it). */
    public Issued selfSigned(String name, Key type, String cn) throws IOException, InterruptedException {
        Path key = key(name, type);
        openssl("req", "-x509", "-new", "-key", key.getFileName().toString(), "-subj", "/CN=" + cn, "-days", "30",
                "-addext", "subjectAltName=DNS:" + cn, "-out", name + ".crt");
        return new Issued(dir.resolve(name + ".crt"), key);
    }

    private Issued sign(String name, String subject, Path key, Issued issuer, String extensions, int days)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-new", "-key", key.getFileName().toString(), "-subj", subject, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", issuer.certificate().toString(), "-CAkey",
                issuer.key().toString(), "-set_serial", Integer.toString(1000 + serial++), "-days", Integer.toString(days),
                "-extfile", name + ".ext", "-out", name + ".crt");
        return new Issued(dir.resolve(name + ".crt"), key);
    }

    /** A CRL of {@code issuer} listing {@code revoked} (possibly none). */
    public Path crl(String name, Issued issuer, Issued... revoked) throws IOException, InterruptedException {
        Path ca = Files.createDirectories(dir.resolve(name + "-ca"));
        Files.writeString(ca.resolve("index.txt"), "");
        Files.writeString(ca.resolve("crlnumber"), "01\n");
        Files.writeString(ca.resolve("ca.cnf"), """
                [ca]
                default_ca = this
                [this]
                database = %s/index.txt
                crlnumber = %s/crlnumber
                certificate = %s
                private_key = %s
                default_md = sha256
                default_crl_days = 30
                """.formatted(ca, ca, issuer.certificate(), issuer.key()));
        for (Issued certificate : revoked) {
            openssl("ca", "-config", ca.resolve("ca.cnf").toString(), "-revoke", certificate.certificate().toString(),
                    "-batch");
        }
        openssl("ca", "-config", ca.resolve("ca.cnf").toString(), "-gencrl", "-out", name + ".crl", "-batch");
        return dir.resolve(name + ".crl");
    }

    /** Concatenates files into one. */
    public Path concat(String name, Path... parts) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path part : parts) {
            text.append(Files.readString(part));
        }
        return Files.writeString(dir.resolve(name), text.toString());
    }
}
