package dev.shuttle.tls;

/**
 * A TLS file or setting that cannot be used: an unreadable PEM file, a key that matches no
 * certificate, a cipher the JDK does not have. The message says what and where, in HAProxy's
 * words where it has them; the configuration loader adds the line it came from.
 */
public final class TlsException extends Exception {
    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
