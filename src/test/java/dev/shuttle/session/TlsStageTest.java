package dev.shuttle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuttle.config.BindConfig;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.TlsBindSettings;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.io.BufferPool;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.stats.TlsCounters;
import dev.shuttle.tls.CertificateStore;
import dev.shuttle.tls.FrontTls;
import dev.shuttle.tls.TestPki;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS stage on real loopback sockets, with JSSE as the client: what a handshake settles reaches
 * the session and the protocol choice, the plaintext flows through the new buffer, and every way a
 * handshake fails is recorded and logged as HAProxy does.
 */
@Timeout(20)
class TlsStageTest {
    @TempDir
    static Path dir;
    private static String certificate;
    private static String caFile;
    private static TestPki.Issued client;
    private static TestPki pki;

    private final AtomicReference<Session> served = new AtomicReference<>();
    private final AtomicReference<String> firstLine = new AtomicReference<>();
    private final AtomicReference<Session> failed = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        pki = new TestPki(dir);
        TestPki.Issued ca = pki.ca("ca");
        certificate = pki.leaf("site", TestPki.Key.EC_PKCS8, ca, "www.example.org").combined(dir.resolve("site.pem"))
                .toString();
        client = pki.leaf("client", TestPki.Key.RSA_PKCS8, ca, "client.example.org");
        caFile = ca.certificate().toString();
    }

    private record Listener(Frontend frontend, ConnectionPipeline pipeline) {}

    private Listener listener(String mode, String bindOptions, String extra) throws Exception {
        Path file = dir.resolve("test-" + System.nanoTime() + ".cfg");
        Files.writeString(file, """
                defaults
                    timeout client 2s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    mode %s
                    bind :8443 ssl crt %s %s
                %s
                """.formatted(mode, certificate, bindOptions, extra));
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        Frontend frontend = new Frontend(configuration.frontends().getFirst());
        BindConfig bind = frontend.config().binds().getFirst();
        TlsBindSettings settings = bind.tls().orElseThrow();
        CertificateStore store = new CertificateStore(configuration.global().tls().files().certificates());
        FrontTls tls = new FrontTls(settings.certificates(), settings.options(), settings.strictSni(),
                configuration.global().tls().sessions(), store, configuration.global().tls().files());
        SessionHandler handler = (session, connection) -> {
            served.set(session);
            int end = connection.input().findLineEnd(1024);
            firstLine.set(new String(connection.input().array(), connection.input().start(),
                    end - connection.input().start(), StandardCharsets.US_ASCII).strip());
            OutputStream out = connection.socket().getOutputStream();
            out.write("served\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
        ConnectionErrorLog errors = (session, label, error, detail, anyByte) -> {
            failed.set(session);
            failure.set(label + ": " + error.message() + detail.map(d -> " (" + d + ")").orElse("")
                    + (anyByte ? "" : " [nothing]"));
        };
        ConnectionPipeline pipeline = new ConnectionPipeline(new ProtocolChoice(handler, handler), new BufferPool(16384, 0),
                ProcessInfo.forThisProcess(ProcessInfo.Proxies.NONE, 1), VariableStore.local())
                .withTls(tls, new ReadDeadlines(), errors, "1", new TlsCounters());
        return new Listener(frontend, pipeline);
    }

    /** Runs the pipeline on the accepted side while {@code client} drives the other. */
    private void run(Listener listener, ClientSide client) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread pipeline = Thread.ofVirtual().start(() -> {
                try (Socket accepted = server.accept()) {
                    listener.pipeline().handle(accepted, System.nanoTime(), listener.frontend(), "", new NoChild());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
                client.drive(socket);
            }
            pipeline.join();
        }
    }

    @FunctionalInterface
    private interface ClientSide {
        void drive(Socket socket) throws Exception;
    }

    private static SSLSocket tls(Socket socket, String sni, List<String> alpn, boolean withCertificate) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (withCertificate) {
            Path p12 = dir.resolve("client.p12");
            pki.openssl("pkcs12", "-export", "-in", client.certificate().toString(), "-inkey", client.key().toString(),
                    "-out", p12.toString(), "-passout", "pass:pw");
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                store.load(in, "pw".toCharArray());
            }
            keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, "pw".toCharArray());
        }
        context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {new TrustAll()}, null);
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, "peer", 443, true);
        ssl.setUseClientMode(true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        ssl.setSSLParameters(parameters);
        return ssl;
    }

    private static String exchange(SSLSocket ssl) throws IOException {
        ssl.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        ssl.getOutputStream().flush();
        byte[] answer = ssl.getInputStream().readNBytes(7);
        return new String(answer, StandardCharsets.US_ASCII);
    }

    @Test
    void aHandshakeSettlesFactsAndThePlaintextFlows() throws Exception {
        Listener listener = listener("http", "", "");
        AtomicReference<String> answer = new AtomicReference<>();
        run(listener, socket -> answer.set(exchange(tls(socket, "www.example.org", List.of("http/1.1"), false))));
        assertEquals("served\n", answer.get());
        assertEquals("GET / HTTP/1.1", firstLine.get());
        TlsConnection settled = served.get().tls().orElseThrow();
        assertEquals(Optional.of("www.example.org"), settled.serverName());
        assertEquals(Optional.of("http/1.1"), settled.alpn());
        assertEquals("TLSv1.3", settled.protocol());
        assertEquals(certificate, settled.certificateName());
        assertTrue(served.get().context().frontTls().isPresent());
        assertNull(failure.get());
    }

    @Test
    void aClientCertificateIsRequiredAndVerified() throws Exception {
        Listener listener = listener("tcp", "verify required ca-file " + caFile, "");
        run(listener, socket -> exchange(tls(socket, null, List.of(), true)));
        TlsConnection settled = served.get().tls().orElseThrow();
        X509Certificate peer = settled.sessionCertificates().getFirst();
        assertTrue(peer.getSubjectX500Principal().getName().contains("CN=client.example.org"));
        assertEquals(0, settled.verifyResult());

        Listener strict = listener("tcp", "verify required ca-file " + caFile, "");
        served.set(null);
        run(strict, socket -> assertThrows(IOException.class, () -> exchange(tls(socket, null, List.of(), false))));
        assertNull(served.get());
        assertEquals(ConnectionError.SSL_HANDSHAKE, failed.get().error().orElseThrow());
        assertTrue(failure.get().contains("peer did not return a certificate"), failure.get());
    }

    @Test
    void somethingElseThanTlsIsAHandshakeFailureWithOpensslsReason() throws Exception {
        Listener listener = listener("http", "", "");
        run(listener, socket -> {
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        });
        assertEquals("1: SSL handshake failure (error:0A00009C:SSL routines::http request)", failure.get());
        assertEquals(0x0A00009C, failed.get().context().frontSslError());
        assertEquals("{h6,-,-,-,-,-,-}", failed.get().context().terminationEvents().describe());
    }

    @Test
    void aClientThatLeavesSilentlyIsAnEmptyHandshake() throws Exception {
        run(listener("http", "", ""), socket -> socket.close());
        assertEquals("1: Connection closed during SSL handshake [nothing]", failure.get());
    }

    @Test
    void aClientThatClosesInItsHelloIsAnEmptyHandshakeAsIn35() throws Exception {
        run(listener("http", "", ""), socket -> {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x50, 0x01}); // a cut ClientHello
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        });
        assertEquals("1: Connection closed during SSL handshake", failure.get());
        assertEquals(0, failed.get().context().frontSslError());
        assertEquals("{f2,-,-,-,-,-,-}", failed.get().context().terminationEvents().describe());
    }

    @Test
    void aClientThatResetsInItsHelloIsAHandshakeFailureWithoutOpensslErrorAsIn35() throws Exception {
        run(listener("http", "", ""), socket -> {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x50, 0x01});
            socket.setSoLinger(true, 0); // the close resets the connection
        });
        assertEquals("1: SSL handshake failure", failure.get());
        assertEquals(0, failed.get().context().frontSslError());
        assertEquals("{h6,-,-,-,-,-,-}", failed.get().context().terminationEvents().describe());
    }

    @Test
    void aClientThatNeverFinishesTimesOutAtClientHs() throws Exception {
        long started = System.nanoTime();
        run(listener("http", "", "    timeout client-hs 300ms"), socket -> socket.getInputStream().read());
        assertEquals("1: Timeout during SSL handshake [nothing]", failure.get());
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 300);
    }

    @Test
    void strictSniRefusesAnUnknownNameWithAnAlert() throws Exception {
        Listener listener = listener("http", "strict-sni", "");
        run(listener, socket -> {
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                    () -> tls(socket, "unknown.test", List.of(), false).startHandshake());
            assertTrue(refused.getMessage().contains("unrecognized_name"), refused.getMessage());
        });
        assertTrue(failure.get().startsWith("1: SSL handshake failure ("), failure.get());
        assertFalse(failed.get().tls().isPresent());
    }

    /** The pipeline registers nothing with the supervisor itself. */
    private static final class NoChild implements Supervisor.Child {
        @Override
        public void closeOnAbort(Closeable resource) {
        }

        @Override
        public void forget(Closeable resource) {
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
