package dev.shuttle.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OpenSSL cipher strings turned into JSSE's suites, and back to OpenSSL's names. */
class CipherStringsTest {
    private final CipherStrings strings = CipherStrings.jdk();

    @Test
    void mozillasIntermediateListMapsOneToOne() throws Exception {
        CipherStrings.Result result = strings.ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
                + "ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384");
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"), result.suites());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void aliasesSelectAndExclusionsRemove() throws Exception {
        List<String> high = strings.ciphers("HIGH:!aNULL:!MD5").suites();
        assertTrue(high.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(high.stream().anyMatch(s -> s.startsWith("TLS_AES")), "TLS 1.3 suites are ciphersuites' business");
        List<String> ecdheGcm = strings.ciphers("ECDHE+AESGCM").suites();
        assertTrue(ecdheGcm.stream().allMatch(s -> s.startsWith("TLS_ECDHE_") && s.contains("_GCM_")), ecdheGcm.toString());
        List<String> noEcdsa = strings.ciphers("ECDHE:!aECDSA").suites();
        assertTrue(noEcdsa.stream().noneMatch(s -> s.contains("ECDSA")));
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                strings.ciphers("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:@STRENGTH").suites());
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                strings.ciphers("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:-AES128").suites());
    }

    @Test
    void whatJsseLacksIsLeftOutWithAWarningAndNothingLeftIsRefused() throws Exception {
        CipherStrings.Result result = strings.ciphers("ECDHE-RSA-CAMELLIA256-SHA384:ECDHE-RSA-AES128-GCM-SHA256");
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), result.suites());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().getFirst().contains("ECDHE-RSA-CAMELLIA256-SHA384"));
        assertThrows(TlsException.class, () -> strings.ciphers("FOO"));
        assertThrows(TlsException.class, () -> strings.ciphers("RC4-SHA"));
    }

    @Test
    void tls13SuitesAreExactNames() throws Exception {
        assertEquals(List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"),
                strings.ciphersuites("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256").suites());
        CipherStrings.Result ccm = strings.ciphersuites("TLS_AES_128_CCM_SHA256:TLS_AES_256_GCM_SHA384");
        assertEquals(List.of("TLS_AES_256_GCM_SHA384"), ccm.suites());
        assertEquals(1, ccm.warnings().size());
        assertThrows(TlsException.class, () -> strings.ciphersuites("TLS_FOO"));
    }

    @Test
    void opensslNamesOfJsseSuites() {
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", CipherStrings.openSslName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals("ECDHE-ECDSA-CHACHA20-POLY1305",
                CipherStrings.openSslName("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
        assertEquals("DHE-RSA-AES256-SHA", CipherStrings.openSslName("TLS_DHE_RSA_WITH_AES_256_CBC_SHA"));
        assertEquals("ECDHE-RSA-AES128-SHA256", CipherStrings.openSslName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
        assertEquals("AES128-GCM-SHA256", CipherStrings.openSslName("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals("DES-CBC3-SHA", CipherStrings.openSslName("TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertEquals("TLS_AES_256_GCM_SHA384", CipherStrings.openSslName("TLS_AES_256_GCM_SHA384"));
        assertEquals(256, CipherSuite.of("TLS_CHACHA20_POLY1305_SHA256").orElseThrow().bits());
        assertEquals(128, CipherSuite.of("TLS_AES_128_GCM_SHA256").orElseThrow().bits());
    }

    @Test
    void groupsAndSignatureSchemesByOpensslNames() throws Exception {
        assertEquals(List.of("x25519", "secp256r1", "secp384r1"), TlsNames.groups("X25519:P-256:secp384r1"));
        assertThrows(TlsException.class, () -> TlsNames.groups("P-999"));
        assertEquals(List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256", "rsa_pkcs1_sha256"),
                TlsNames.signatureSchemes("ECDSA+SHA256:rsa_pss_rsae_sha256:RSA+SHA256"));
        assertThrows(TlsException.class, () -> TlsNames.signatureSchemes("FOO+BAR"));
    }

    @Test
    void versionsFromMinMaxForceAndNo() {
        TlsOptions.Builder builder = new TlsOptions.Builder();
        assertEquals(List.of(TlsVersion.TLSV13, TlsVersion.TLSV12), builder.build().versions());
        builder.disabled.add(TlsVersion.TLSV13);
        assertEquals(List.of(TlsVersion.TLSV12), builder.build().versions());
        builder.forcedVersion = Optional.of(TlsVersion.TLSV13);
        assertEquals(List.of(TlsVersion.TLSV13), builder.build().versions());
        TlsOptions.Builder range = new TlsOptions.Builder();
        range.minVersion = Optional.of(TlsVersion.TLSV13);
        range.disabled.add(TlsVersion.TLSV13);
        assertEquals(List.of(), range.build().versions());
    }
}
