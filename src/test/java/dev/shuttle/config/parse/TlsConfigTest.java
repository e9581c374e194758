package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuttle.config.BindConfig;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.TlsBindSettings;
import dev.shuttle.config.TlsServerSettings;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.tls.SniEntry;
import dev.shuttle.tls.TestPki;
import dev.shuttle.tls.TlsVersion;
import dev.shuttle.tls.VerifyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS keywords: bind options, crt-list files, crt-store sections, server options, the
 * {@code ssl-default-*} settings, and the checks HAProxy makes once the whole configuration is read
 * (messages checked against HAProxy 3.5).
 */
class TlsConfigTest {
    @TempDir
    static Path certs;
    @TempDir
    Path directory;
    private ConfigFixture fixture;
    private static String ec;
    private static String rsa;
    private static String ca;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        TestPki pki = new TestPki(certs);
        TestPki.Issued root = pki.ca("root");
        ec = pki.leaf("ec", TestPki.Key.EC_SEC1, root, "www.example.org").combined(certs.resolve("ec.pem")).toString();
        rsa = pki.leaf("rsa", TestPki.Key.RSA_PKCS1, root, "www.example.org", "*.example.net")
                .combined(certs.resolve("rsa.pem")).toString();
        ca = root.certificate().toString();
    }

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Loaded frontend(String bind) {
        return fixture.load(TIMEOUTS + "frontend fe\n    mode http\n    bind 127.0.0.1:8443 " + bind + "\n");
    }

    private static TlsBindSettings tls(Loaded loaded) {
        BindConfig bind = loaded.proxy("fe").binds().getFirst();
        return bind.tls().orElseThrow(() -> new AssertionError("no TLS on " + bind));
    }

    @Test
    void aBindLineWithCertificatesAndOptions() {
        Loaded loaded = frontend("ssl crt " + ec + " crt " + rsa + " alpn http/1.1,http/1.0 ssl-min-ver TLSv1.3 "
                + "ciphers ECDHE-RSA-AES128-GCM-SHA256 ciphersuites TLS_AES_128_GCM_SHA256 curves X25519:P-256 "
                + "verify optional ca-file " + ca + " no-tls-tickets");
        TlsBindSettings tls = tls(loaded);
        assertEquals(List.of(ec, rsa), tls.certificates().stream().map(SniEntry::certificate).toList());
        assertEquals(Optional.of(List.of("http/1.1", "http/1.0")), tls.options().alpn());
        assertEquals(List.of(TlsVersion.TLSV13), tls.options().versions());
        assertEquals(Optional.of(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")), tls.options().ciphers());
        assertEquals(Optional.of(List.of("x25519", "secp256r1")), tls.options().groups());
        assertEquals(Optional.of(VerifyMode.OPTIONAL), tls.options().verify());
        assertEquals(Optional.of(true), tls.options().noTlsTickets());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void httpModeOffersH2AndHttp11ByDefaultAndLeavesH3OutWithAWarning() {
        assertEquals(Optional.of(List.of("h2", "http/1.1")), tls(frontend("ssl crt " + ec)).options().alpn());
        Loaded h2 = frontend("ssl crt " + ec + " alpn h2,http/1.1");
        assertEquals(Optional.of(List.of("h2", "http/1.1")), tls(h2).options().alpn());
        assertEquals(List.of(), h2.warnings());
        Loaded h3 = frontend("ssl crt " + ec + " alpn h3,http/1.1");
        assertEquals(Optional.of(List.of("http/1.1")), tls(h3).options().alpn());
        assertTrue(h3.warnings().getFirst().contains("offers 'h3', which Shuttle does not speak yet"),
                h3.warnings().toString());
        Loaded tcp = fixture.load(TIMEOUTS + "frontend fe\n    mode tcp\n    bind :8443 ssl crt " + ec + " alpn h2\n");
        assertEquals(Optional.of(List.of("h2")), tls(tcp).options().alpn(), "TCP mode passes bytes through");
        assertEquals(Optional.of(List.of()), tls(frontend("ssl crt " + ec + " no-alpn")).options().alpn());
    }

    @Test
    void bindErrorsReadAsHaproxys() {
        String context = "'bind 127.0.0.1:8443' in section 'frontend' : ";
        // 3.5 names no option before these two.
        assertAlert(frontend("ssl crt /nonexistent.pem"), 7, context + "unable to stat SSL certificate from "
                + "file '/nonexistent.pem' : No such file or directory.");
        assertAlert(frontend("ssl crt " + ec + " ssl-min-ver TLSv9"), 7, context + "'TLSv9' : unknown ssl/tls version");
        assertAlert(frontend("ssl crt " + ec + " verify maybe"), 7, context + "'verify' : unknown verify method 'maybe', "
                + "only 'none', 'optional', and 'required' are supported");
        assertAlert(frontend("ssl crt " + ec + " alpn"), 7, context + "'alpn' : missing the comma-delimited ALPN "
                + "protocol suite");
        assertAlert(frontend("ssl crt " + ec + " crt-ignore-err BOGUS"), 7, context + "'crt-ignore-err' : error "
                + "constant 'BOGUS' unknown in error IDs list 'BOGUS'");
        assertAlert(frontend("ssl crt " + ec + " crt-list /nonexistent"), 7, context + "'crt-list' : cannot open file "
                + "'/nonexistent' : No such file or directory");
        assertTrue(alert(frontend("ssl crt " + ec + " npn h2")).contains("'npn' : NPN is not supported by Shuttle"));
        assertTrue(alert(frontend("ssl crt " + ec + " client-sigalgs RSA+SHA256")).contains("'client-sigalgs' : not supported"));
        assertTrue(alert(frontend("ssl crt " + ec + " ciphers FOO")).contains("unable to set SSL cipher list to 'FOO'"));
        assertTrue(alert(frontend("ssl crt " + ec + " curves P-999")).contains("unable to set curves list"));
    }

    @Test
    void wholeConfigurationChecks() {
        Loaded noCertificate = frontend("ssl");
        assertEquals(noCertificate.at(7) + "Proxy 'fe': no SSL certificate specified for bind '127.0.0.1:8443' at ["
                + noCertificate.file() + ":7] (use 'crt').", noCertificate.alerts().getFirst());
        Loaded strict = frontend("ssl strict-sni");
        assertTrue(strict.configuration().isPresent());
        assertTrue(strict.warnings().getFirst().endsWith("ssl connections will fail (use 'crt')."));
        Loaded verify = frontend("ssl crt " + ec + " verify required");
        assertEquals("config : Proxy 'fe': verify is enabled but no CA file specified for bind '127.0.0.1:8443' at ["
                + verify.file() + ":7].", verify.alerts().getFirst());
        Loaded noSsl = frontend("crt " + ec);
        assertTrue(noSsl.configuration().isPresent());
        assertTrue(noSsl.warnings().getFirst().contains("A certificate was specified but SSL was not enabled"));
        assertEquals(Optional.empty(), noSsl.proxy("fe").binds().getFirst().tls());
        Loaded allOff = frontend("ssl crt " + ec + " no-tlsv12 no-tlsv13");
        assertTrue(allOff.alerts().getFirst().contains("all SSL/TLS versions are disabled"), allOff.alerts().toString());
    }

    @Test
    void aCrtListGivesEachLineItsOptionsAndFilters() throws Exception {
        Path list = Files.writeString(directory.resolve("certs.list"), """
                # the default first
                %s *
                %s [alpn http/1.0 verify required ca-file %s ssl-min-ver TLSv1.3] www.example.org !skip.example.net *.example.net

                """.formatted(ec, rsa, ca));
        TlsBindSettings tls = tls(frontend("ssl crt-list " + list));
        assertEquals(2, tls.certificates().size());
        SniEntry star = tls.certificates().get(0);
        assertTrue(star.explicitDefault());
        SniEntry second = tls.certificates().get(1);
        assertEquals(List.of("www.example.org", "*.example.net"), second.filters());
        assertEquals(List.of("skip.example.net"), second.negative());
        assertEquals(Optional.of(VerifyMode.REQUIRED), second.options().verify());
        assertEquals(Optional.of(List.of("http/1.0")), second.options().alpn());
        assertEquals(list + ":3", second.origin());
        Path bad = Files.writeString(directory.resolve("bad.list"), ec + " [bogus 1]\n");
        assertTrue(alert(frontend("ssl crt-list " + bad)).contains("'" + bad + ":1' : unknown ssl keyword 'bogus'"));
    }

    @Test
    void crtStoresNameCertificatesByAlias() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                crt-store
                    load crt "%s" alias "site"
                crt-store web
                    load crt "%s"
                frontend fe
                    mode http
                    bind :8443 ssl crt "@/site" crt "@web/%s"
                """.formatted(ec, rsa, rsa));
        assertEquals(List.of("@/site", "@web/" + rsa),
                tls(loaded).certificates().stream().map(SniEntry::certificate).toList());
        assertTrue(alert(fixture.load(TIMEOUTS + "frontend fe\n    bind :8443 ssl crt @/nothing\n"))
                .contains("unable to find certificate '@/nothing' in a crt-store"));
    }

    @Test
    void globalDefaultsApplyUnderEachBindAndServer() {
        Loaded loaded = fixture.load("""
                global
                    ssl-default-bind-options ssl-min-ver TLSv1.3 no-tls-tickets
                    ssl-default-bind-ciphers ECDHE-RSA-AES256-GCM-SHA384
                    ssl-default-server-options ssl-max-ver TLSv1.2
                    ssl-server-verify none
                """ + TIMEOUTS + """
                frontend fe
                    mode tcp
                    bind :8443 ssl crt %s ciphers ECDHE-RSA-AES128-GCM-SHA256
                backend be
                    mode tcp
                    server s1 127.0.0.1:1 ssl
                """.formatted(ec));
        TlsBindSettings tls = tls(loaded);
        assertEquals(List.of(TlsVersion.TLSV13), tls.options().versions());
        assertEquals(Optional.of(true), tls.options().noTlsTickets());
        assertEquals(Optional.of(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")), tls.options().ciphers(),
                "the bind line wins over the default");
        TlsServerSettings server = loaded.proxy("be").servers().getFirst().tls();
        assertEquals(List.of(TlsVersion.TLSV12), server.options().versions());
        assertEquals(VerifyMode.NONE, server.verify());
    }

    @Test
    void serversVerifyByDefaultAndNeedACaFile() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    server s1 127.0.0.1:1 ssl\n");
        assertTrue(loaded.alerts().getFirst().endsWith("'server be/s1' : verify is enabled by default but no CA file "
                + "specified. If you're running on a LAN where you're certain to trust the server's certificate, please "
                + "set an explicit 'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in the "
                + "global section to disable server-side verifications by default."), loaded.alerts().toString());
        Loaded explicit = fixture.load(TIMEOUTS + "backend be\n    server s1 127.0.0.1:1 ssl verify required\n");
        assertTrue(explicit.alerts().getFirst().endsWith("'server be/s1' : verify is enabled but no CA file specified."));
    }

    /** 3.5 prepares the TLS of a no-ssl server under an ssl default-server too (set server ... ssl on may use it). */
    @Test
    void aNoSslServerOfAnSslDefaultServerHasItsTlsCheckedAndItsAutomaticSni() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    default-server ssl\n    server s1 127.0.0.1:1 no-ssl\n");
        assertTrue(loaded.alerts().getFirst().endsWith("'server be/s1' : verify is enabled by default but no CA file "
                + "specified. If you're running on a LAN where you're certain to trust the server's certificate, please "
                + "set an explicit 'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in the "
                + "global section to disable server-side verifications by default."), loaded.alerts().toString());
        Loaded http = fixture.load(TIMEOUTS + "backend be\n    mode http\n    default-server ssl verify none\n"
                + "    server s1 127.0.0.1:1 no-ssl\n    server s2 127.0.0.1:2\n");
        assertEquals(List.of(), http.alerts());
        TlsServerSettings clear = http.proxy("be").servers().get(0).tls();
        assertFalse(clear.enabled());
        assertTrue(clear.defaultServerSsl());
        assertTrue(clear.sni().isPresent(), "sni-auto, used once set server ... ssl on");
        assertTrue(http.proxy("be").servers().get(1).tls().enabled());
        Loaded plain = fixture.load(TIMEOUTS + "backend be\n    server s1 127.0.0.1:1 ssl verify none no-ssl\n");
        assertFalse(plain.proxy("be").servers().getFirst().tls().defaultServerSsl());
    }

    @Test
    void dashDvMakesServersSkipVerificationUnlessTheGlobalSectionSaysOtherwise() {
        String backend = TIMEOUTS + "backend be\n    server s1 127.0.0.1:1 ssl\n";
        Loaded dv = loadWithDv(backend);
        assertEquals(List.of(), dv.alerts());
        assertEquals(VerifyMode.NONE, dv.proxy("be").servers().getFirst().tls().verify());
        // ssl-server-verify, read after -dV, wins (HAProxy sets the same global in both places).
        Loaded required = loadWithDv("global\n    ssl-server-verify required\n" + backend);
        assertTrue(required.alerts().getFirst().contains("verify is enabled by default but no CA file specified."),
                required.alerts().toString());
        Loaded explicit = loadWithDv(TIMEOUTS + "backend be\n    server s1 127.0.0.1:1 ssl verify required\n");
        assertTrue(explicit.alerts().getFirst().endsWith("verify is enabled but no CA file specified."));
    }

    @Test
    void enabledServerSslVerifyNoneFollowsDvAndTheGlobalSection() {
        String probe = """
                .if enabled(SERVER-SSL-VERIFY-NONE)
                .notice "verify none"
                .else
                .notice "verify required"
                .endif
                """;
        assertEquals(List.of("verify required"), said(fixture.load(probe)));
        assertEquals(List.of("verify none"), said(loadWithDv(probe)));
        assertEquals(List.of("verify required", "verify none"),
                said(fixture.load(probe + "global\n    ssl-server-verify none\n" + probe)));
    }

    /** What the {@code .notice} lines said, without their location. */
    private static List<String> said(Loaded loaded) {
        return loaded.notices().stream().map(n -> n.replaceAll("^.*: '(.*)'\\.$", "$1")).toList();
    }

    private Loaded loadWithDv(String text) {
        Path file = fixture.write("dv.cfg", text);
        Diagnostics diagnostics = Diagnostics.collecting();
        Variables variables = Variables.of(java.util.Map.of());
        Optional<dev.shuttle.config.Configuration> configuration = new ConfigLoader(KeywordRegistry.standard())
                .serverVerifyNone(true).load(List.of(file), variables, diagnostics);
        return new Loaded(file, configuration, diagnostics.messages(), variables);
    }

    @Test
    void serverOptionsAndSniAutoInHttpModeOnly() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                backend web
                    mode http
                    default-server ssl ca-file %s
                    server auto 127.0.0.1:1
                    server fixed 127.0.0.1:1 sni str(api.test) alpn http/1.1 verifyhost api.test crt %s no-ssl-reuse
                    server off 127.0.0.1:1 no-sni-auto
                    server plain 127.0.0.1:1 no-ssl
                backend raw
                    mode tcp
                    server s 127.0.0.1:1 ssl verify none
                """.formatted(ca, ec));
        List<ServerConfig> web = loaded.proxy("web").servers();
        assertEquals("req.hdr(host),field(1,:)", web.get(0).tls().sni().orElseThrow().text());
        TlsServerSettings fixed = web.get(1).tls();
        assertEquals("str(api.test)", fixed.sni().orElseThrow().text());
        assertEquals(List.of("http/1.1"), fixed.alpn());
        assertEquals(Optional.of("api.test"), fixed.verifyHost());
        assertEquals(Optional.of(ec), fixed.certificate());
        assertFalse(fixed.reuse());
        assertEquals(Optional.empty(), web.get(2).tls().sni());
        assertFalse(web.get(3).tls().enabled());
        assertEquals(Optional.empty(), loaded.proxy("raw").servers().getFirst().tls().sni(), "sni-auto is HTTP only");
        assertEquals(List.of(), loaded.alerts());
    }

    @Test
    void httpslogPrintsTheHttpLineAndItsTlsFields() {
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    mode http\n    option httpslog\n    bind :8443\n");
        assertTrue(loaded.proxy("fe").http().httpLog());
        assertTrue(loaded.proxy("fe").isOptionSet("httpslog"));
    }

    @Test
    void ifFeatureOpensslWarns() {
        Loaded loaded = fixture.load(TIMEOUTS + ".if feature(OPENSSL)\n.endif\n");
        assertTrue(loaded.warnings().getFirst().contains("'feature(OPENSSL)' is false in Shuttle"));
    }

    private static String alert(Loaded loaded) {
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        return loaded.alerts().getFirst();
    }

    private static void assertAlert(Loaded loaded, int line, String expected) {
        assertEquals(loaded.at(line) + expected, alert(loaded));
    }
}
