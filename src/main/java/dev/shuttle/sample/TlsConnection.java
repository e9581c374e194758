package dev.shuttle.sample;

import dev.shuttle.tls.SocketBeneath;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a TLS handshake settled on one side of a stream, as the {@code ssl_fc*}/{@code ssl_c*}/{@code
 * ssl_f*} (client side) and {@code ssl_bc*}/{@code ssl_s*} (server side) fetches read it. Made by
 * the layer that ran the handshake, once, from the JDK's session.
 *
 * @param protocol        the JDK's version name ({@code TLSv1.3})
 * @param cipher          the cipher suite's IANA name
 * @param serverName      the SNI the client sent (or, server side, that was sent)
 * @param alpn            the protocol ALPN settled on
 * @param resumed         the session was resumed rather than negotiated
 * @param peerCertificates the peer's chain as received in this connection's handshake (empty when
 *                        it sent none, or the session was resumed)
 * @param sessionCertificates the peer's chain the session holds, even when resumed
 * @param localCertificate the certificate this side presented
 * @param certificateName the name of the presented certificate in the store ({@code ssl_fc_crtname})
 * @param certificateError OpenSSL's code of the first verification error on the peer's certificate, 0 for none
 * @param chainError      the same for its chain, and {@link #chainErrorDepth} its depth
 * @param beneath         what the TCP socket beneath meets on its own, for the termination events
 *                        ({@link StreamTerminationEvents}); null when it is not watched
 */
public record TlsConnection(String protocol, String cipher, Optional<String> serverName, Optional<String> alpn,
                            byte[] sessionId, boolean resumed, List<X509Certificate> peerCertificates,
                            List<X509Certificate> sessionCertificates, Optional<X509Certificate> localCertificate,
                            String certificateName, int certificateError, int chainError, int chainErrorDepth,
                            SocketBeneath beneath) {
    public TlsConnection {
        peerCertificates = List.copyOf(peerCertificates);
        sessionCertificates = List.copyOf(sessionCertificates);
    }

    /** A connection whose socket beneath is not watched. */
    public TlsConnection(String protocol, String cipher, Optional<String> serverName, Optional<String> alpn,
                         byte[] sessionId, boolean resumed, List<X509Certificate> peerCertificates,
                         List<X509Certificate> sessionCertificates, Optional<X509Certificate> localCertificate,
                         String certificateName, int certificateError, int chainError, int chainErrorDepth) {
        this(protocol, cipher, serverName, alpn, sessionId, resumed, peerCertificates, sessionCertificates,
                localCertificate, certificateName, certificateError, chainError, chainErrorDepth, null);
    }

    /** Reads a session right after its handshake, over the socket {@code beneath}. */
    public static TlsConnection of(SSLSession session, Optional<String> serverName, Optional<String> alpn,
                                   boolean resumed, String certificateName, int certificateError, int chainError,
                                   int chainErrorDepth, SocketBeneath beneath) {
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    peer.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException none) {
            // no certificate from the peer
        }
        Certificate[] local = session.getLocalCertificates();
        Optional<X509Certificate> presented = local != null && local.length > 0 && local[0] instanceof X509Certificate x
                ? Optional.of(x) : Optional.empty();
        return new TlsConnection(session.getProtocol(), session.getCipherSuite(), serverName, alpn, session.getId(),
                resumed, resumed ? List.of() : peer, peer, presented, certificateName, certificateError, chainError,
                chainErrorDepth, beneath);
    }

    /** OpenSSL's verify result: the last error, 0 when none ({@code ssl_c_verify}). */
    public int verifyResult() {
        return certificateError != 0 ? certificateError : chainError;
    }
}
