package dev.shuttle.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What JSSE hides and the watched socket beneath it tells (JDK facts the termination events rest
 * on): JSSE ends its stream alike for a close_notify and for a TCP end without one, and throws an
 * {@code SSLException} for a record it cannot decrypt as for the peer's alert, while a reset comes
 * as a {@code SocketException}; {@link SocketBeneath} tells each apart.
 */
class SocketBeneathTest {
    @TempDir
    static Path dir;
    private static SSLContext serverContext;
    private static SSLContext clientContext;

    private ServerSocket listener;

    @BeforeAll
    static void certificates() throws Exception {
        assumeTrue(TestPki.available(), "openssl is needed to make test certificates");
        TestPki pki = new TestPki(dir);
        TestPki.Issued leaf = pki.leaf("site", TestPki.Key.EC_PKCS8, pki.ca("ca"), "www.test");
        Path p12 = dir.resolve("site.p12");
        pki.openssl("pkcs12", "-export", "-in", leaf.certificate().toString(), "-inkey", leaf.key().toString(),
                "-out", p12.toString(), "-passout", "pass:pw");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, "pw".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, "pw".toCharArray());
        serverContext = SSLContext.getInstance("TLSv1.2");
        serverContext.init(keys.getKeyManagers(), null, null);
        clientContext = SSLContext.getInstance("TLSv1.2");
        clientContext.init(null, new TrustManager[] {new TrustAll()}, null);
    }

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    /** How the test's TLS server ends its connection once the client's handshake is done. */
    @FunctionalInterface
    private interface Ending {
        void end(Socket plain, SSLSocket tls) throws IOException;
    }

    /**
     * A TLS client over a watched socket, whose server ends the connection by {@code ending}; returns
     * the socket beneath once the client's read met the end or failed ({@code outcome} holds what the
     * read did: -1 or the exception).
     */
    private ReplaySocket connect(Ending ending, Object[] outcome) throws Exception {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
            try (Socket plain = listener.accept()) {
                SSLSocket tls = (SSLSocket) serverContext.getSocketFactory().createSocket(plain, null, false);
                tls.setUseClientMode(false);
                tls.startHandshake();
                tls.getOutputStream().write('!');
                tls.getOutputStream().flush();
                tls.getInputStream().read(); // the client read the '!' (a reset would drop it unread)
                ending.end(plain, tls);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        plain.setSoTimeout(10_000);
        ReplaySocket beneath = (ReplaySocket) BackTls.watched(plain);
        SSLSocket tls = (SSLSocket) clientContext.getSocketFactory().createSocket(beneath, "www.test", 443, true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        assertEquals('!', tls.getInputStream().read());
        tls.getOutputStream().write('?');
        tls.getOutputStream().flush();
        try {
            outcome[0] = tls.getInputStream().read();
        } catch (IOException e) {
            outcome[0] = e;
        }
        tls.close();
        served.get(10, TimeUnit.SECONDS);
        return beneath;
    }

    @Test
    void aTcpEndWithoutCloseNotifyEndsTheTlsStreamAndIsSeenBeneath() throws Exception {
        Object[] outcome = new Object[1];
        ReplaySocket beneath = connect((plain, tls) -> plain.close(), outcome);
        assertEquals(-1, outcome[0]); // JSSE takes it for a close_notify
        assertTrue(beneath.ended());
        assertFalse(beneath.failed());
    }

    @Test
    void aCloseNotifyEndsTheTlsStreamWithoutReadingTheTcpEnd() throws Exception {
        Object[] outcome = new Object[1];
        ReplaySocket beneath = connect((plain, tls) -> tls.close(), outcome); // close_notify, then the FIN
        assertEquals(-1, outcome[0]);
        assertFalse(beneath.ended()); // the close_notify record is read alone
        assertFalse(beneath.failed());
    }

    @Test
    void aResetIsTheSocketsFailure() throws Exception {
        Object[] outcome = new Object[1];
        ReplaySocket beneath = connect((plain, tls) -> {
            plain.setSoLinger(true, 0);
            plain.close();
        }, outcome);
        assertTrue(outcome[0] instanceof SocketException, String.valueOf(outcome[0]));
        assertTrue(beneath.failed());
    }

    @Test
    void aRecordThatDoesNotDecryptIsTlssOwnError() throws Exception {
        Object[] outcome = new Object[1];
        ReplaySocket beneath = connect((plain, tls) -> {
            byte[] record = new byte[5 + 32];
            record[0] = 0x17; // application data, TLS 1.2, 32 bytes of zeros: its tag cannot match
            record[1] = 3;
            record[2] = 3;
            record[4] = 32;
            plain.getOutputStream().write(record);
            plain.getOutputStream().flush();
            try {
                plain.getInputStream().read(); // until the client's alert and close
            } catch (IOException ignored) {
                // the client may reset
            }
        }, outcome);
        assertTrue(outcome[0] instanceof SSLException, String.valueOf(outcome[0]));
        assertFalse(beneath.failed());
        assertFalse(beneath.ended());
    }

    @Test
    void aReadTimeoutIsNoFailure() throws Exception {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            ReplaySocket beneath = (ReplaySocket) BackTls.watched(plain);
            beneath.setSoTimeout(50);
            assertThrows(java.net.SocketTimeoutException.class, () -> beneath.getInputStream().read());
            assertFalse(beneath.failed());
            assertTrue(accepted.isConnected());
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
