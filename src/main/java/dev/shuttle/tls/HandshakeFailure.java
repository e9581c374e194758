package dev.shuttle.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a handshake failed, in HAProxy's terms: the connection error ({@code fc_err}, the error log
 * line's message) and the OpenSSL error behind it ({@code ssl_fc_err}, the log line's detail).
 *
 * @param verify what certificate verification found, when it is what failed
 */
public record HandshakeFailure(Kind kind, Optional<OpenSslError> sslError, Optional<VerifyOutcome> verify) {
    /** HAProxy's connection error codes for a failed handshake (configuration.txt, "fc_err_str"). */
    public enum Kind {
        /** The peer closed before sending anything ({@code SSL_EMPTY}, "Connection closed during SSL handshake"). */
        CLOSED,
        /** The connection broke before anything came ({@code SSL_ABORT}, "Connection error during SSL handshake"). */
        ABORTED,
        /** The handshake did not end in time ({@code SSL_TIMEOUT}). */
        TIMEOUT,
        /** The peer's CA chain failed verification ({@code SSL_CA_FAIL}). */
        CA_FAILED,
        /** The peer's certificate failed verification ({@code SSL_CRT_FAIL}). */
        CERTIFICATE_FAILED,
        /** Any other failure ({@code SSL_HANDSHAKE}, "SSL handshake failure"). */
        FAILED
    }

    public static HandshakeFailure of(Kind kind, OpenSslError error) {
        return new HandshakeFailure(kind, Optional.of(error), Optional.empty());
    }

    /**
     * Classifies what a JSSE handshake threw.
     *
     * @param anyByte whether the peer had sent anything at all
     */
    public static HandshakeFailure classify(IOException failure, boolean anyByte) {
        if (failure instanceof InterruptedIOException) {
            return new HandshakeFailure(Kind.TIMEOUT, Optional.empty(), Optional.empty());
        }
        Optional<CertificateVerifier.VerifyFailure> verify = cause(failure, CertificateVerifier.VerifyFailure.class);
        if (verify.isPresent()) {
            int depth = verify.get().depth();
            VerifyOutcome outcome = new VerifyOutcome(depth == 0 ? Optional.of(verify.get().error()) : Optional.empty(),
                    depth > 0 ? Optional.of(verify.get().error()) : Optional.empty(), depth);
            return new HandshakeFailure(depth == 0 ? Kind.CERTIFICATE_FAILED : Kind.CA_FAILED,
                    Optional.of(OpenSslError.CERTIFICATE_VERIFY_FAILED), Optional.of(outcome));
        }
        if (!anyByte) {
            boolean closed = failure instanceof EOFException || cause(failure, EOFException.class).isPresent()
                    || !(failure instanceof SocketException || cause(failure, SocketException.class).isPresent());
            return new HandshakeFailure(closed ? Kind.CLOSED : Kind.ABORTED, Optional.empty(), Optional.empty());
        }
        return new HandshakeFailure(Kind.FAILED, Optional.of(openSslError(failure)), Optional.empty());
    }

    /** OpenSSL's words for what JSSE said (its messages and alert descriptions, JDK 21-25). */
    static OpenSslError openSslError(IOException failure) {
        String text = messages(failure).toLowerCase(Locale.ROOT);
        if (text.contains("no appropriate protocol") || text.contains("protocol_version")
                || text.contains("client requested protocol") || text.contains("unsupported protocol")) {
            return text.contains("received fatal alert") ? OpenSslError.ALERT_PROTOCOL_VERSION
                    : OpenSslError.UNSUPPORTED_PROTOCOL;
        }
        if (text.contains("no cipher suites in common") || text.contains("no negotiable cipher")) {
            return OpenSslError.NO_SHARED_CIPHER;
        }
        if (text.contains("empty client certificate chain") || text.contains("certificate_required")) {
            return OpenSslError.PEER_DID_NOT_RETURN_A_CERTIFICATE;
        }
        if (text.contains("unknown_ca")) {
            return OpenSslError.ALERT_UNKNOWN_CA;
        }
        if (text.contains("bad_certificate") || text.contains("certificate_unknown")) {
            return OpenSslError.ALERT_BAD_CERTIFICATE;
        }
        if (text.contains("no_application_protocol") || text.contains("application protocol")) {
            return OpenSslError.NO_APPLICATION_PROTOCOL;
        }
        if (text.contains("no available authentication scheme") || text.contains("no supported signature")) {
            return OpenSslError.NO_SUITABLE_SIGNATURE_ALGORITHM;
        }
        if (text.contains("unrecognized_name")) {
            return OpenSslError.UNRECOGNIZED_NAME;
        }
        if (text.contains("decrypt_error")) {
            return OpenSslError.ALERT_DECRYPT_ERROR;
        }
        if (text.contains("internal_error")) {
            return OpenSslError.ALERT_INTERNAL_ERROR;
        }
        if (text.contains("terminated the handshake") || text.contains("shut down incorrectly")) {
            return OpenSslError.UNEXPECTED_EOF;
        }
        if (text.contains("unsupported or unrecognized ssl message") || text.contains("plaintext connection")) {
            return OpenSslError.WRONG_VERSION_NUMBER;
        }
        return OpenSslError.HANDSHAKE_FAILURE;
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        return all.toString();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code failure} is a TLS-level failure rather than the connection's. */
    public static boolean isTls(IOException failure) {
        return failure instanceof SSLException;
    }
}
