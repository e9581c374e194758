package dev.shuttle.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate selection by SNI (configuration.txt §5.1, "crt-list"): names, wildcards, filters, defaults, key types. */
class SniIndexTest {
    @TempDir
    static Path dir;
    private static Map<String, CertificateKey> certificates;
    private CertificateStore store;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        TestPki pki = new TestPki(dir);
        TestPki.Issued ca = pki.ca("ca");
        certificates = new LinkedHashMap<>();
        for (String[] spec : List.of(new String[] {"default", "EC", "default.test"},
                new String[] {"www-ec", "EC", "www.example.org", "example.org"},
                new String[] {"www-rsa", "RSA", "www.example.org"},
                new String[] {"wild", "RSA", "*.example.org"},
                new String[] {"other", "RSA", "other.test"})) {
            TestPki.Key type = spec[1].equals("EC") ? TestPki.Key.EC_PKCS8 : TestPki.Key.RSA_PKCS8;
            TestPki.Issued leaf = pki.leaf(spec[0], type, ca, List.of(spec).subList(2, spec.length).toArray(String[]::new));
            Path file = leaf.combined(dir.resolve(spec[0] + ".pem"));
            certificates.put(spec[0], CertificateFiles.loadFile(file, spec[0]));
        }
    }

    @BeforeEach
    void makeStore() {
        store = new CertificateStore(certificates);
    }

    private SniIndex index(boolean strict, SniEntry... entries) {
        return new SniIndex(List.of(entries), TlsOptions.NONE, strict, store);
    }

    private static SniIndex.Asked asked(String name) {
        return new SniIndex.Asked(Optional.ofNullable(name), true, true, false);
    }

    private static String chosen(SniIndex index, SniIndex.Asked asked) {
        return index.select(asked).map(c -> c.entry().certificate()).orElse("none");
    }

    @Test
    void anExactNameWinsOverAWildcardAndTheFirstCertificateIsTheDefault() {
        SniIndex index = index(false, SniEntry.of("default", false), SniEntry.of("wild", false),
                SniEntry.of("www-rsa", false));
        assertEquals("www-rsa", chosen(index, asked("www.example.org")));
        assertEquals("wild", chosen(index, asked("api.example.org")));
        assertEquals("default", chosen(index, asked("a.b.example.org")), "a wildcard covers one label only");
        assertEquals("default", chosen(index, asked("unknown.test")));
        assertEquals("default", chosen(index, asked(null)));
    }

    @Test
    void strictSniRefusesWhatMatchesNothing() {
        SniIndex index = index(true, SniEntry.of("default", false), SniEntry.of("other", false));
        assertEquals("other", chosen(index, asked("other.test")));
        assertEquals("none", chosen(index, asked("unknown.test")));
        assertEquals("none", chosen(index, asked(null)));
    }

    @Test
    void ecdsaIsPreferredWhenTheClientAcceptsIt() {
        SniIndex index = index(false, SniEntry.of("www-rsa", false), SniEntry.of("www-ec", false));
        assertEquals("www-ec", chosen(index, asked("www.example.org")));
        assertEquals("www-rsa", chosen(index, new SniIndex.Asked(Optional.of("www.example.org"), false, true, false)));
    }

    @Test
    void filtersReplaceTheCertificatesNamesAndNegativeFiltersExcludeFromWildcards() {
        SniEntry filtered = new SniEntry("other", TlsOptions.NONE, List.of("*.example.org"), List.of("secure.example.org"),
                false, "list:1");
        SniIndex index = index(false, SniEntry.of("default", false), filtered);
        assertEquals("other", chosen(index, asked("api.example.org")));
        assertEquals("default", chosen(index, asked("secure.example.org")));
        assertEquals("default", chosen(index, asked("other.test")), "the filter replaced the certificate's own names");
    }

    @Test
    void explicitDefaultsAddToTheImplicitOne() {
        SniEntry starred = new SniEntry("www-rsa", TlsOptions.NONE, List.of("*"), List.of(), true, "list:1");
        SniIndex index = index(false, SniEntry.of("www-ec", false), starred);
        assertEquals("www-ec", chosen(index, asked("nothing.test")));
        assertEquals("www-rsa", chosen(index, new SniIndex.Asked(Optional.of("nothing.test"), false, true, false)));
        assertEquals(List.of("www-ec", "www-rsa"), index.names().get("*").stream().map(c -> c.entry().certificate()).toList());
    }

    @Test
    void aLinesOptionsApplyOverTheListeners() {
        TlsOptions.Builder bindOptions = new TlsOptions.Builder();
        bindOptions.alpn = Optional.of(List.of("http/1.1"));
        bindOptions.verify = Optional.of(VerifyMode.NONE);
        TlsOptions bind = bindOptions.build();
        TlsOptions.Builder lineOptions = new TlsOptions.Builder();
        lineOptions.verify = Optional.of(VerifyMode.REQUIRED);
        TlsOptions line = lineOptions.build();
        SniIndex index = new SniIndex(List.of(new SniEntry("other", line, List.of(), List.of(), false, "l:1")),
                bind, false, store);
        TlsOptions effective = index.select(asked("other.test")).orElseThrow().options();
        assertEquals(Optional.of(VerifyMode.REQUIRED), effective.verify());
        assertEquals(Optional.of(List.of("http/1.1")), effective.alpn());
    }

    @Test
    void aCommittedCertificateIsIndexedByItsNewNames() throws Exception {
        SniIndex before = index(false, SniEntry.of("default", false), SniEntry.of("other", false));
        assertEquals("other", chosen(before, asked("other.test")));
        String pem = Files.readString(dir.resolve("www-rsa.pem"));
        store.set("other", pem);
        store.commit("other");
        SniIndex after = index(false, SniEntry.of("default", false), SniEntry.of("other", false));
        assertEquals("default", chosen(after, asked("other.test")));
        assertEquals("other", chosen(after, asked("www.example.org")));
    }
}
