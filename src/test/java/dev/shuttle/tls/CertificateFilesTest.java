package dev.shuttle.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM files as {@code crt} loads them: every key layout OpenSSL writes, chains, and each way a file can be wrong. */
class CertificateFilesTest {
    @TempDir
    Path dir;
    private TestPki pki;
    private TestPki.Issued ca;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
    }

    @BeforeEach
    void makeCa() throws Exception {
        pki = new TestPki(dir);
        ca = pki.ca("ca");
    }

    @ParameterizedTest
    @EnumSource(TestPki.Key.class)
    void everyKeyLayoutLoads(TestPki.Key type) throws Exception {
        TestPki.Issued leaf = pki.leaf("leaf", type, ca, "www.example.org", "*.example.net");
        Path file = leaf.combined(dir.resolve("leaf.pem"));
        CertificateKey loaded = CertificateFiles.loadFile(file, file.toString());
        assertEquals(file.toString(), loaded.name());
        assertEquals(1, loaded.chain().size());
        assertEquals(Set.of("www.example.org", "*.example.net"), loaded.names());
        String expectedType = switch (type) {
            case RSA_PKCS1, RSA_PKCS8 -> "RSA";
            case EC_SEC1, EC_PKCS8 -> "EC";
            case ED25519 -> "EdDSA";
        };
        assertEquals(expectedType, loaded.keyType());
    }

    @Test
    void theChainFollowsTheCertificateInTheFilesOrderAndTheKeyMayComeFirst() throws Exception {
        TestPki.Issued intermediate = pki.intermediate("inter", ca);
        TestPki.Issued leaf = pki.leaf("leaf", TestPki.Key.EC_PKCS8, intermediate, "a.test");
        Path file = pki.concat("bundle.pem", leaf.key(), leaf.certificate(), intermediate.certificate());
        CertificateKey loaded = CertificateFiles.loadFile(file, "bundle");
        assertEquals(2, loaded.chain().size());
        assertTrue(loaded.chain().get(1).getSubjectX500Principal().getName().contains("CN=inter"));
        assertTrue(loaded.leaf().getSubjectX500Principal().getName().contains("CN=a.test"));
    }

    @Test
    void aKeyMissingFromTheFileIsReadFromItsKeyFile() throws Exception {
        TestPki.Issued leaf = pki.leaf("leaf", TestPki.Key.RSA_PKCS1, ca, "a.test");
        Path crt = Files.copy(leaf.certificate(), dir.resolve("site.pem"));
        Files.copy(leaf.key(), dir.resolve("site.pem.key"));
        assertEquals("RSA", CertificateFiles.loadFile(crt, crt.toString()).keyType());
    }

    @Test
    void aCrtExtensionIsDroppedBeforeTheKeyFileOnlyWhenAsked() throws Exception {
        TestPki.Issued leaf = pki.leaf("leaf", TestPki.Key.RSA_PKCS8, ca, "a.test");
        Path crt = Files.copy(leaf.certificate(), dir.resolve("site.crt"));
        Files.copy(leaf.key(), dir.resolve("site.key"));
        assertEquals("RSA", CertificateFiles.loadFile(crt, "site", Optional.empty(),
                CertificateFiles.KeyLookup.SIBLING_WITHOUT_CRT_EXTENSION).keyType());
        TlsException plain = assertThrows(TlsException.class, () -> CertificateFiles.loadFile(crt, crt.toString()));
        assertEquals("No Private Key found in '" + crt + ".key'.", plain.getMessage());
    }

    @Test
    void errorsReadAsHaproxys() throws Exception {
        TestPki.Issued leaf = pki.leaf("leaf", TestPki.Key.EC_PKCS8, ca, "a.test");
        TestPki.Issued other = pki.leaf("other", TestPki.Key.EC_PKCS8, ca, "b.test");
        Path missing = dir.resolve("missing.pem");
        assertEquals("unable to stat SSL certificate from file '" + missing + "' : No such file or directory.",
                assertThrows(TlsException.class, () -> CertificateFiles.loadFile(missing, missing.toString())).getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        assertEquals("unable to load certificate from file '" + garbage + "': no start line.",
                assertThrows(TlsException.class, () -> CertificateFiles.loadFile(garbage, garbage.toString())).getMessage());
        Path noKey = Files.copy(leaf.certificate(), dir.resolve("nokey.pem"));
        assertEquals("No Private Key found in '" + noKey + ".key'.",
                assertThrows(TlsException.class, () -> CertificateFiles.loadFile(noKey, noKey.toString())).getMessage());
        Path mismatch = pki.concat("mismatch.pem", leaf.certificate(), other.key());
        assertEquals("inconsistencies between private key and certificate loaded '" + mismatch + "'.",
                assertThrows(TlsException.class, () -> CertificateFiles.loadFile(mismatch, mismatch.toString())).getMessage());
        Path truncated = Files.writeString(dir.resolve("truncated.pem"),
                Files.readString(leaf.certificate()).replace("-----END CERTIFICATE-----", ""));
        assertTrue(assertThrows(TlsException.class, () -> CertificateFiles.loadFile(truncated, "t")).getMessage()
                .contains("no end line"));
    }

    @Test
    void encryptedKeysAreRefusedByName() throws Exception {
        TestPki.Issued leaf = pki.leaf("leaf", TestPki.Key.RSA_PKCS8, ca, "a.test");
        pki.openssl("pkey", "-in", leaf.key().toString(), "-aes256", "-passout", "pass:secret", "-out", "pkcs8enc.key");
        pki.openssl("rsa", "-in", leaf.key().toString(), "-traditional", "-aes128", "-passout", "pass:secret",
                "-out", "tradenc.key");
        for (String key : List.of("pkcs8enc.key", "tradenc.key")) {
            Path file = pki.concat(key + ".pem", leaf.certificate(), dir.resolve(key));
            String message = assertThrows(TlsException.class, () -> CertificateFiles.loadFile(file, "f")).getMessage();
            assertTrue(message.contains("encrypted") && message.contains("passphrase"), message);
        }
    }

    @Test
    void unusableExtrasAreNotedNotIgnored() throws Exception {
        TestPki.Issued leaf = pki.leaf("leaf", TestPki.Key.EC_PKCS8, ca, "a.test");
        pki.openssl("dhparam", "-dsaparam", "-out", "dh.pem", "1024");
        Path file = pki.concat("site.pem", leaf.certificate(), leaf.key(), dir.resolve("dh.pem"));
        Files.writeString(dir.resolve("site.pem.ocsp"), "");
        List<String> notes = CertificateFiles.loadFile(file, "site").notes();
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("DH parameters"));
        assertTrue(notes.get(1).contains(".ocsp"));
    }

    @Test
    void aDirectoryLoadsItsFilesInOrderSkippingReservedOnes() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        pki.leaf("b", TestPki.Key.EC_PKCS8, ca, "b.test").combined(certs.resolve("b.pem"));
        pki.leaf("a", TestPki.Key.RSA_PKCS8, ca, "a.test").combined(certs.resolve("a.pem"));
        Files.writeString(certs.resolve("a.pem.ocsp"), "");
        Files.writeString(certs.resolve(".hidden.pem"), "junk");
        List<CertificateKey> loaded = CertificateFiles.load(certs);
        assertEquals(List.of(certs.resolve("a.pem").toString(), certs.resolve("b.pem").toString()),
                loaded.stream().map(CertificateKey::name).toList());
    }

    @Test
    void caAndCrlFilesLoadEveryEntry() throws Exception {
        TestPki.Issued other = pki.ca("other");
        TestPki.Issued leaf = pki.leaf("leaf", TestPki.Key.EC_PKCS8, ca, "a.test");
        Path bundle = pki.concat("bundle.pem", ca.certificate(), other.certificate());
        assertEquals(2, TrustFiles.certificates(bundle.toString()).size());
        Path crl = pki.crl("ca", ca, leaf);
        assertEquals(1, TrustFiles.revocations(crl.toString()).size());
        assertEquals("Couldn't open the ca-file '/nonexistent.pem' (No such file or directory).",
                assertThrows(TlsException.class, () -> TrustFiles.certificates("/nonexistent.pem")).getMessage());
        assertTrue(TrustFiles.certificates(TrustFiles.SYSTEM_CA).size() > 10);
    }
}
