package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuttle.tls.TestPki;
import dev.shuttle.tls.TrustFiles;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssl fetches over a connection's TLS facts, in OpenSSL's formats (DNs, dates, algorithm names). */
class SslFetchesTest {
    @TempDir
    static Path dir;
    private static X509Certificate client;
    private static X509Certificate ca;
    private static X509Certificate served;
    private final SampleRegistry registry = SampleRegistry.withStandardFamilies();
    private SampleContext context;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        TestPki pki = new TestPki(dir);
        TestPki.Issued root = pki.ca("root");
        ca = TrustFiles.certificates(root.certificate().toString()).getFirst();
        client = TrustFiles.certificates(pki.leaf("client", TestPki.Key.RSA_PKCS8, root, "client.test", "alt.test")
                .certificate().toString()).getFirst();
        served = TrustFiles.certificates(pki.leaf("site", TestPki.Key.EC_PKCS8, root, "www.test")
                .certificate().toString()).getFirst();
    }

    @BeforeEach
    void context() {
        context = new SampleContext(null, null, null, "test", VariableStore.shared());
        context.beginExchange(null);
        context.phase(Phase.HTTP_REQUEST);
    }

    private String fetch(String expression) throws Exception {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toText).orElse("<none>");
    }

    private void secured(boolean resumed, int certificateError) {
        context.frontTls(new TlsConnection("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                Optional.of("www.test"), Optional.of("http/1.1"), new byte[] {1, 2, 3}, resumed,
                resumed ? List.of() : List.of(client, ca), List.of(client, ca), Optional.of(served), "/etc/site.pem",
                certificateError, 0, 0));
    }

    @Test
    void aPlainConnectionHasNoTls() throws Exception {
        assertEquals("0", fetch("ssl_fc"));
        assertEquals("<none>", fetch("ssl_fc_protocol"));
        assertEquals("<none>", fetch("ssl_c_s_dn"));
        assertEquals("0", fetch("fc_err"));
    }

    @Test
    void theConnectionsTlsInOpensslsNames() throws Exception {
        secured(false, 0);
        assertEquals("1", fetch("ssl_fc"));
        assertEquals("TLSv1.2", fetch("ssl_fc_protocol"));
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", fetch("ssl_fc_cipher"));
        assertEquals("128", fetch("ssl_fc_use_keysize"));
        assertEquals("www.test", fetch("ssl_fc_sni"));
        assertEquals("1", fetch("ssl_fc_has_sni"));
        assertEquals("http/1.1", fetch("ssl_fc_alpn"));
        assertEquals("010203", fetch("ssl_fc_session_id,hex"));
        assertEquals("0", fetch("ssl_fc_is_resumed"));
        assertEquals("/etc/site.pem", fetch("ssl_fc_crtname"));
        assertEquals("1", fetch("ssl_fc_has_crt"));
        assertEquals("1", fetch("ssl_c_used"));
        assertEquals("0", fetch("ssl_c_verify"));
        assertEquals("0", fetch("ssl_fc_err"));
    }

    @Test
    void aResumedSessionKeepsTheCertificateButNotThisConnection() throws Exception {
        secured(true, 10);
        assertEquals("1", fetch("ssl_fc_is_resumed"));
        assertEquals("0", fetch("ssl_fc_has_crt"));
        assertEquals("1", fetch("ssl_c_used"));
        assertEquals("10", fetch("ssl_c_err"));
        assertEquals("10", fetch("ssl_c_verify"));
    }

    @Test
    void certificateFieldsInOpensslsForms() throws Exception {
        secured(false, 0);
        assertEquals("/C=FR/O=Shuttle tests/OU=TLS/CN=client.test", fetch("ssl_c_s_dn"));
        assertEquals("client.test", fetch("ssl_c_s_dn(CN)"));
        assertEquals("Shuttle tests", fetch("ssl_c_s_dn(O,1)"));
        assertEquals("CN=client.test,OU=TLS,O=Shuttle tests,C=FR", fetch("ssl_c_s_dn(,0,rfc2253)"));
        assertEquals("/O=Shuttle tests/CN=root", fetch("ssl_c_i_dn"));
        assertEquals("/O=Shuttle tests/CN=root", fetch("ssl_c_r_dn"));
        assertEquals("DNS:client.test, DNS:alt.test", fetch("ssl_c_san"));
        assertEquals("RSA-SHA256", fetch("ssl_c_sig_alg"));
        assertEquals("rsaEncryption", fetch("ssl_c_key_alg"));
        assertEquals("3", fetch("ssl_c_version"));
        assertEquals(HexFormat.of().withUpperCase().formatHex(client.getSerialNumber().toByteArray()),
                fetch("ssl_c_serial,hex"));
        assertEquals(13, fetch("ssl_c_notafter").length());
        assertEquals('Z', fetch("ssl_c_notbefore").charAt(12));
        assertEquals("id-ecPublicKey", fetch("ssl_f_key_alg"));
        assertEquals("www.test", fetch("ssl_f_s_dn(CN)"));
        assertEquals(40, fetch("ssl_c_sha1,hex").length());
    }

    @Test
    void aFailedHandshakeIsReadByTheConnectionErrorFetches() throws Exception {
        context.frontError(ConnectionError.SSL_HANDSHAKE, 0x0A00010B, "wrong version number");
        assertEquals("34", fetch("fc_err"));
        assertEquals("SSL_HANDSHAKE", fetch("fc_err_name"));
        assertEquals("SSL handshake failure", fetch("fc_err_str"));
        assertEquals("A00010B", fetch("ssl_fc_err,hex").replaceFirst("^0+", ""));
        assertEquals("wrong version number", fetch("ssl_fc_err_str"));
    }
}
