package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuttle.tls.TestPki;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS socket's head reads are bounded by its own read timeout, not by shutting its input down
 * (JSSE would close the connection, and the 408 could not be sent): the read ends with a
 * {@link SocketTimeoutException} at the deadline, the connection still writes, and a record that
 * arrives later, even one half-read when the deadline passed, is read whole.
 */
class TlsReadDeadlinesTest {
    @TempDir
    static Path dir;
    private static SSLContext server;
    private static SSLContext client;

    @BeforeAll
    static void contexts() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        TestPki pki = new TestPki(dir);
        TestPki.Issued leaf = pki.selfSigned("site", TestPki.Key.EC_PKCS8, "localhost");
        pki.openssl("pkcs12", "-export", "-in", leaf.certificate().toString(), "-inkey", leaf.key().toString(),
                "-out", "site.p12", "-passout", "pass:pw");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("site.p12"))) {
            store.load(in, "pw".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, "pw".toCharArray());
        server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new X509TrustManager() {
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
        }}, null);
    }

    @Test
    @Timeout(10)
    void aTlsReadTimesOutAndTheConnectionLivesOn() throws Exception {
        ReadDeadlines deadlines = new ReadDeadlines();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SSLSocket peer = (SSLSocket) client.getSocketFactory().createSocket(listener.getInetAddress(),
                     listener.getLocalPort())) {
            Thread handshake = Thread.ofVirtual().start(() -> {
                try {
                    peer.startHandshake();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                accepted.startHandshake();
                handshake.join();
                long started = System.nanoTime();
                try (ReadDeadlines.Watch watch = deadlines.register(accepted)) {
                    watch.arm(started + 150_000_000L);
                    assertThrows(SocketTimeoutException.class, () -> accepted.getInputStream().read());
                    assertFalse(watch.disarm(), "a TLS watch reports its expiry by the exception");
                }
                assertTrue((System.nanoTime() - started) / 1_000_000 >= 150);
                assertEquals(0, accepted.getSoTimeout(), "the read timeout is cleared after the read");
                accepted.getOutputStream().write("408".getBytes());
                accepted.getOutputStream().flush();
                byte[] answer = peer.getInputStream().readNBytes(3);
                assertEquals("408", new String(answer));
                peer.getOutputStream().write('x');
                peer.getOutputStream().flush();
                assertEquals('x', accepted.getInputStream().read(), "the connection still reads");
            }
        }
    }
}
