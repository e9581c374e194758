package dev.shuttle.tls;

import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A TLS connection whose handshake succeeded: the socket to read and write through, and what the
 * handshake settled, for the {@code ssl_fc*}/{@code ssl_bc*}/{@code ssl_c*} fetches and the logs.
 *
 * @param serverName the SNI the client sent (listener side) or that was sent (server side)
 * @param alpn       the protocol ALPN settled on, if any
 * @param resumed    the session was resumed (a ticket or the session cache), not negotiated anew
 * @param verify     what verifying the peer's certificate found (OK when it was not verified)
 * @param beneath    what the TCP socket beneath meets on its own (for the termination events)
 */
public record Established(SSLSocket socket, SSLSession session, Optional<String> serverName, Optional<String> alpn,
                          boolean resumed, VerifyOutcome verify, SocketBeneath beneath) {
    /** Reads the facts off a socket right after its handshake, which began at {@code startedMillis}. */
    static Established of(SSLSocket socket, Optional<String> serverName, long startedMillis, SocketBeneath beneath) {
        SSLSession session = socket.getSession();
        String protocol = socket.getApplicationProtocol();
        Object outcome = session.getValue(CertificateVerifier.OUTCOME);
        // A resumed session keeps the creation time of the handshake that made it (checked on JDK 21-25).
        boolean resumed = session.getCreationTime() < startedMillis;
        return new Established(socket, session, serverName,
                protocol == null || protocol.isEmpty() ? Optional.empty() : Optional.of(protocol), resumed,
                outcome instanceof VerifyOutcome verify ? verify : VerifyOutcome.OK, beneath);
    }
}
