package dev.shuttle.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate verification with OpenSSL's error codes and depths, ignore lists, host names and CRLs. */
class CertificateVerifierTest {
    @TempDir
    static Path dir;
    private static X509Certificate root;
    private static X509Certificate intermediate;
    private static X509Certificate leaf;
    private static X509Certificate wildcard;
    private static X509Certificate selfSigned;
    private static X509Certificate revoked;
    private static X509CRL crl;
    private static X509CRL intermediateCrl;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        TestPki pki = new TestPki(dir);
        TestPki.Issued ca = pki.ca("root");
        TestPki.Issued inter = pki.intermediate("inter", ca);
        TestPki.Issued good = pki.leaf("good", TestPki.Key.EC_PKCS8, inter, "www.example.org");
        TestPki.Issued bad = pki.leaf("bad", TestPki.Key.EC_PKCS8, inter, "bad.example.org");
        root = load(ca.certificate());
        intermediate = load(inter.certificate());
        leaf = load(good.certificate());
        revoked = load(bad.certificate());
        wildcard = load(pki.leaf("wild", TestPki.Key.EC_PKCS8, inter, "*.example.net").certificate());
        selfSigned = load(pki.selfSigned("self", TestPki.Key.EC_PKCS8, "self.test").certificate());
        intermediateCrl = TrustFiles.revocations(pki.crl("inter", inter, bad).toString()).getFirst();
        crl = TrustFiles.revocations(pki.crl("root", ca).toString()).getFirst();
    }

    private static X509Certificate load(Path file) throws Exception {
        return TrustFiles.certificates(file.toString()).getFirst();
    }

    private static CertificateVerifier verifier(List<X509CRL> crls, IgnoredErrors atZero, IgnoredErrors above) {
        return new CertificateVerifier(List.of(root), List.of(root), crls, atZero, above, session -> Optional.empty());
    }

    private static int failure(CertificateVerifier verifier, List<X509Certificate> chain, Optional<String> host, Date now) {
        CertificateVerifier.VerifyFailure failure = assertThrows(CertificateVerifier.VerifyFailure.class,
                () -> verifier.verify(chain, true, host, now));
        return failure.error().code() * 100 + failure.depth();
    }

    @Test
    void aChainToATrustedRootVerifies() throws Exception {
        VerifyOutcome outcome = verifier(List.of(), IgnoredErrors.NONE, IgnoredErrors.NONE)
                .verify(List.of(leaf, intermediate), false, Optional.of("www.example.org"), new Date());
        assertEquals(0, outcome.result());
    }

    @Test
    void errorsCarryOpensslsCodesAndDepths() {
        CertificateVerifier strict = verifier(List.of(), IgnoredErrors.NONE, IgnoredErrors.NONE);
        Date now = new Date();
        assertEquals(20 * 100 + 0, failure(strict, List.of(leaf), Optional.empty(), now), "no intermediate sent");
        assertEquals(18 * 100 + 0, failure(strict, List.of(selfSigned), Optional.empty(), now));
        Date later = new Date(System.currentTimeMillis() + 400L * 24 * 3600 * 1000);
        assertEquals(10 * 100 + 0, failure(strict, List.of(leaf, intermediate), Optional.empty(), later));
        Date before = new Date(System.currentTimeMillis() - 2L * 24 * 3600 * 1000);
        assertEquals(9 * 100 + 0, failure(strict, List.of(leaf, intermediate), Optional.empty(), before));
        assertEquals(62 * 100 + 0, failure(strict, List.of(leaf, intermediate), Optional.of("other.example.org"), now));
    }

    @Test
    void ignoredErrorsAreRecordedAndTheCheckGoesOn() throws Exception {
        CertificateVerifier lenient = verifier(List.of(), new IgnoredErrors(false, Set.of(10)),
                new IgnoredErrors(true, Set.of()));
        Date later = new Date(System.currentTimeMillis() + 400L * 24 * 3600 * 1000);
        VerifyOutcome outcome = lenient.verify(List.of(leaf, intermediate), true, Optional.empty(), later);
        assertEquals(Optional.of(X509Error.CERT_HAS_EXPIRED), outcome.certificateError());
        assertEquals(Optional.of(X509Error.CERT_HAS_EXPIRED), outcome.chainError());
        assertEquals(1, outcome.chainErrorDepth());
        assertEquals(10, outcome.result());
    }

    @Test
    void hostNamesMatchExactlyOrOneWildcardLabel() {
        assertTrue(CertificateVerifier.hostMatches(leaf, "WWW.example.org"));
        assertFalse(CertificateVerifier.hostMatches(leaf, "example.org"));
        assertTrue(CertificateVerifier.hostMatches(wildcard, "a.example.net"));
        assertFalse(CertificateVerifier.hostMatches(wildcard, "a.b.example.net"));
        assertFalse(CertificateVerifier.hostMatches(wildcard, "example.net"));
    }

    @Test
    void crlsRevokeAndAMissingCrlIsAnError() {
        CertificateVerifier withCrls = verifier(List.of(crl, intermediateCrl), IgnoredErrors.NONE, IgnoredErrors.NONE);
        Date now = new Date();
        assertEquals(23 * 100 + 0, failure(withCrls, List.of(revoked, intermediate), Optional.empty(), now));
        CertificateVerifier onlyRoot = verifier(List.of(crl), IgnoredErrors.NONE, IgnoredErrors.NONE);
        assertEquals(3 * 100 + 0, failure(onlyRoot, List.of(leaf, intermediate), Optional.empty(), now),
                "the intermediate's CRL is missing (OpenSSL's CRL_CHECK_ALL)");
    }

    @Test
    void errorNamesParseAsCrtIgnoreErrWritesThem() throws Exception {
        assertEquals(Optional.of(10), X509Error.parse("X509_V_ERR_CERT_HAS_EXPIRED"));
        assertEquals(Optional.of(10), X509Error.parse("10"));
        assertEquals(Optional.empty(), X509Error.parse("BOGUS"));
        assertTrue(IgnoredErrors.parse("all").ignores(62));
        assertTrue(IgnoredErrors.parse("X509_V_ERR_CERT_HAS_EXPIRED,20").ignores(20));
        assertThrows(TlsException.class, () -> IgnoredErrors.parse("X509_V_ERR_CERT_HAS_EXPIRED,BOGUS"));
    }
}
