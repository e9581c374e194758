package dev.shuttle.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** The ClientHello codec, fed with what a real client (JSSE's) sends, whole and one byte at a time. */
class ClientHelloTest {
    /** The first flight of a JSSE client with these settings. */
    static byte[] clientHello(String serverName, List<String> alpn, String... protocols) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine("peer", 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (serverName != null) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        } else {
            parameters.setServerNames(List.of());
        }
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        if (protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        engine.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    @Test
    void readsTheServerNameAlpnVersionsAndSchemes() throws Exception {
        byte[] bytes = clientHello("WWW.Example.org", List.of("h2", "http/1.1"));
        ClientHello.Reading.Complete complete = assertInstanceOf(ClientHello.Reading.Complete.class,
                ClientHello.read(bytes, bytes.length));
        ClientHello hello = complete.hello();
        assertEquals(Optional.of("www.example.org"), hello.serverName());
        assertEquals(List.of("h2", "http/1.1"), hello.alpn());
        assertTrue(hello.offersTls13());
        assertTrue(hello.acceptsEcdsa());
        assertTrue(hello.acceptsRsa());
        assertEquals(bytes.length, complete.length());
    }

    @Test
    void aTls12ClientWithoutEcdsaSuitesDoesNotAcceptAnEcdsaCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        engine.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        byte[] bytes = Arrays.copyOf(out.array(), out.position());
        ClientHello hello = ((ClientHello.Reading.Complete) ClientHello.read(bytes, bytes.length)).hello();
        assertFalse(hello.offersTls13());
        assertFalse(hello.acceptsEcdsa());
        assertTrue(hello.acceptsRsa());
        assertEquals(Optional.empty(), hello.serverName());
    }

    @Test
    void oneByteAtATimeItAsksForMoreUntilTheWholeHelloIsThere() throws Exception {
        byte[] bytes = clientHello("a.test", List.of());
        for (int length = 0; length < bytes.length; length++) {
            ClientHello.Reading reading = ClientHello.read(Arrays.copyOf(bytes, length), length);
            ClientHello.Reading.NeedMore more = assertInstanceOf(ClientHello.Reading.NeedMore.class, reading,
                    "at " + length + " bytes");
            assertTrue(more.atLeast() > length && more.atLeast() <= bytes.length, "at " + length + ": " + more);
        }
        assertInstanceOf(ClientHello.Reading.Complete.class, ClientHello.read(bytes, bytes.length));
    }

    @Test
    void aHelloSplitOverTwoRecordsIsJoined() throws Exception {
        byte[] bytes = clientHello("split.test", List.of("http/1.1"));
        int fragment = ((bytes[3] & 0xFF) << 8) | (bytes[4] & 0xFF);
        int first = fragment / 2;
        byte[] split = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, split, 0, 5 + first);
        split[3] = (byte) (first >> 8);
        split[4] = (byte) first;
        int second = fragment - first;
        split[5 + first] = 22;
        split[6 + first] = bytes[1];
        split[7 + first] = bytes[2];
        split[8 + first] = (byte) (second >> 8);
        split[9 + first] = (byte) second;
        System.arraycopy(bytes, 5 + first, split, 10 + first, second);
        ClientHello hello = ((ClientHello.Reading.Complete) ClientHello.read(split, split.length)).hello();
        assertEquals(Optional.of("split.test"), hello.serverName());
    }

    @Test
    void whatIsNotTlsIsNamedAsOpensslNamesIt() {
        assertEquals(OpenSslError.HTTP_REQUEST, notTls("GET / HTTP/1.1\r\n\r\n"));
        assertEquals(OpenSslError.HTTP_REQUEST, notTls("POST /x HTTP/1.1\r\n"));
        assertEquals(OpenSslError.HTTPS_PROXY_REQUEST, notTls("CONNECT a:443 HTTP/1.1\r\n"));
        assertEquals(OpenSslError.WRONG_VERSION_NUMBER, notTls("hello\n"));
        assertEquals(OpenSslError.UNSUPPORTED_PROTOCOL, notTls("\u0080\u002e\u0001\u0003\u0001"));
        // "GE" could still become "GET ": wait for more rather than judge.
        assertInstanceOf(ClientHello.Reading.NeedMore.class, ClientHello.read("GE".getBytes(StandardCharsets.ISO_8859_1), 2));
    }

    @Test
    void aNonHandshakeRecordOrMessageIsNotAHello() {
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
        assertEquals(OpenSslError.UNEXPECTED_RECORD,
                assertInstanceOf(ClientHello.Reading.NotTls.class, ClientHello.read(alert, alert.length)).reason());
        byte[] serverHello = {0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00};
        assertEquals(OpenSslError.UNEXPECTED_MESSAGE,
                assertInstanceOf(ClientHello.Reading.NotTls.class, ClientHello.read(serverHello, serverHello.length)).reason());
        byte[] truncatedBody = {0x16, 0x03, 0x01, 0x00, 0x06, 0x01, 0x00, 0x00, 0x02, 0x03, 0x03};
        assertEquals(OpenSslError.BAD_CLIENT_HELLO, assertInstanceOf(ClientHello.Reading.NotTls.class,
                ClientHello.read(truncatedBody, truncatedBody.length)).reason());
    }

    private static OpenSslError notTls(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return assertInstanceOf(ClientHello.Reading.NotTls.class, ClientHello.read(bytes, bytes.length)).reason();
    }
}
