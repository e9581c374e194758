package dev.shuttle.tls;

import java.util.Optional;

/**
 * What verifying a peer's certificate found: the first error on the certificate itself (depth 0)
 * and the first on its chain, with that one's depth. The handshake went on only if each error was
 * ignored ({@code crt-ignore-err}, {@code ca-ignore-err}); {@code ssl_c_err}, {@code ssl_c_ca_err}
 * and {@code ssl_c_verify} read it.
 */
public record VerifyOutcome(Optional<X509Error> certificateError, Optional<X509Error> chainError, int chainErrorDepth) {
    public static final VerifyOutcome OK = new VerifyOutcome(Optional.empty(), Optional.empty(), 0);

    /** OpenSSL's verify result: the last error seen, 0 when none ({@code ssl_c_verify}). */
    public int result() {
        return certificateError.or(() -> chainError).map(X509Error::code).orElse(0);
    }
}
