package dev.shuttle.tls;

/**
 * What the TCP socket beneath a TLS connection met on its own reads and writes, which JSSE hides
 * from the reader of the TLS stream: HAProxy's connection logs it as the socket layer's events
 * ({@code f}/{@code F}) apart from the TLS transport's ({@code x}/{@code X}), and only this tells
 * them apart in Java.
 *
 * <ul>
 * <li>JSSE ends its stream both on a close_notify and on a TCP end without one (unless the
 *     process-wide {@code com.sun.net.ssl.requireCloseNotify} is set): {@link #ended} says whether
 *     the TCP end was read (3.5 logs {@code f2x2} then, {@code x2} for a close_notify alone, as it
 *     reads a close_notify record without reading further);
 * <li>JSSE throws an {@code SSLException} for the peer's fatal alert or a record it cannot decrypt,
 *     and passes a socket's error on: {@link #failed} says whether the socket's own call failed
 *     (3.5: {@code f3x3} for a reset, {@code x3} alone for the TLS layer's error).
 * </ul>
 */
public interface SocketBeneath {
    /** Whether a read of the socket returned its end of stream (the peer's FIN). */
    boolean ended();

    /** Whether a read or a write of the socket failed (a reset, a broken pipe), a timeout aside. */
    boolean failed();
}
