package dev.shuttle.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime API's certificate transaction: set, commit, abort, with HAProxy's answers. */
class CertificateStoreTest {
    @TempDir
    static Path dir;
    private static CertificateKey first;
    private static String secondPem;
    private static String secondKeyOnly;
    private static String secondCertificateOnly;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        TestPki pki = new TestPki(dir);
        TestPki.Issued ca = pki.ca("ca");
        first = CertificateFiles.loadFile(pki.leaf("one", TestPki.Key.EC_PKCS8, ca, "one.test").combined(dir.resolve("one.pem")),
                "site.pem");
        TestPki.Issued two = pki.leaf("two", TestPki.Key.RSA_PKCS8, ca, "two.test");
        secondPem = Files.readString(two.combined(dir.resolve("two.pem")));
        secondKeyOnly = Files.readString(two.key());
        secondCertificateOnly = Files.readString(two.certificate());
    }

    @Test
    void aCommitReplacesTheCertificateAndTellsItsUsers() throws Exception {
        CertificateStore store = new CertificateStore(Map.of("site.pem", first));
        AtomicInteger told = new AtomicInteger();
        store.onCommit(told::incrementAndGet);
        String before = store.get("site.pem").orElseThrow().alias();
        assertEquals("Transaction created for certificate site.pem!\n", store.set("site.pem", secondPem));
        assertEquals("Transaction updated for certificate site.pem!\n", store.set("site.pem", secondPem));
        assertEquals("EC", store.get("site.pem").orElseThrow().certificate().keyType(), "nothing changes before the commit");
        assertEquals("Committing site.pem.\nSuccess!\n", store.commit("site.pem"));
        CertificateStore.Version after = store.get("site.pem").orElseThrow();
        assertEquals("RSA", after.certificate().keyType());
        assertNotEquals(before, after.alias());
        assertEquals("EC", store.byAlias(before).orElseThrow().keyType(), "a handshake that chose the old one finishes");
        assertEquals(1, told.get());
    }

    @Test
    void aCertificateWithoutItsKeyFailsAtCommitUntilTheKeyComes() throws Exception {
        CertificateStore store = new CertificateStore(Map.of("site.pem", first));
        store.set("site.pem", secondCertificateOnly);
        assertEquals("inconsistencies between private key and certificate loaded 'site.pem'.\n",
                assertThrows(TlsException.class, () -> store.commit("site.pem")).getMessage());
        store.set("site.pem.key", secondKeyOnly);
        store.commit("site.pem");
        assertEquals("RSA", store.get("site.pem").orElseThrow().certificate().keyType());
    }

    @Test
    void wrongNamesAndMissingTransactionsAreRefused() throws Exception {
        CertificateStore store = new CertificateStore(Map.of("site.pem", first));
        assertEquals("No ongoing transaction! !\n", assertThrows(TlsException.class, () -> store.commit("site.pem")).getMessage());
        assertEquals("No ongoing transaction!\n", assertThrows(TlsException.class, () -> store.abort("site.pem")).getMessage());
        assertEquals("Can't replace a certificate which is not referenced by the configuration!\n",
                assertThrows(TlsException.class, () -> store.set("other.pem", secondPem)).getMessage());
        store.set("site.pem", secondPem);
        assertTrue(assertThrows(TlsException.class, () -> store.commit("other.pem")).getMessage()
                .startsWith("The ongoing transaction is about 'site.pem' but you are trying to set 'other.pem'"));
        assertEquals("Transaction aborted for certificate 'site.pem'!\n", store.abort("site.pem"));
        assertEquals("EC", store.get("site.pem").orElseThrow().certificate().keyType());
        assertTrue(assertThrows(TlsException.class, () -> store.set("site.pem", "garbage\n")).getMessage()
                .startsWith("unable to load certificate"));
    }
}
