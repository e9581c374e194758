package dev.shuttle.tls;

import java.util.Locale;
import java.util.Optional;

/**
 * The certificate verification errors Shuttle reports, with OpenSSL's numbers and names (its
 * {@code X509_V_ERR_*} constants, which {@code ssl_c_err}, {@code ssl_c_ca_err}, {@code
 * ssl_c_verify} return and {@code crt-ignore-err}/{@code ca-ignore-err} accept).
 */
public enum X509Error {
    UNABLE_TO_GET_ISSUER_CERT(2, "unable to get issuer certificate"),
    UNABLE_TO_GET_CRL(3, "unable to get certificate CRL"),
    CERT_SIGNATURE_FAILURE(7, "certificate signature failure"),
    CRL_SIGNATURE_FAILURE(8, "CRL signature failure"),
    CERT_NOT_YET_VALID(9, "certificate is not yet valid"),
    CERT_HAS_EXPIRED(10, "certificate has expired"),
    CRL_NOT_YET_VALID(11, "CRL is not yet valid"),
    CRL_HAS_EXPIRED(12, "CRL has expired"),
    DEPTH_ZERO_SELF_SIGNED_CERT(18, "self-signed certificate"),
    SELF_SIGNED_CERT_IN_CHAIN(19, "self-signed certificate in certificate chain"),
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY(20, "unable to get local issuer certificate"),
    UNABLE_TO_VERIFY_LEAF_SIGNATURE(21, "unable to verify the first certificate"),
    CERT_CHAIN_TOO_LONG(22, "certificate chain too long"),
    CERT_REVOKED(23, "certificate revoked"),
    INVALID_CA(24, "invalid CA certificate"),
    INVALID_PURPOSE(26, "unsupported certificate purpose"),
    CERT_UNTRUSTED(27, "certificate not trusted"),
    HOSTNAME_MISMATCH(62, "hostname mismatch");

    private final int code;
    private final String text;

    X509Error(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** OpenSSL's message ({@code X509_verify_cert_error_string}). */
    public String text() {
        return text;
    }

    /** The constant's name, {@code X509_V_ERR_CERT_HAS_EXPIRED}. */
    public String constantName() {
        return "X509_V_ERR_" + name();
    }

    /** The error a {@code crt-ignore-err} word names: a number, or a constant's name with or without its prefix. */
    public static Optional<Integer> parse(String word) {
        if (word.matches("\\d+")) {
            return Optional.of(Integer.parseInt(word));
        }
        String name = word.toUpperCase(Locale.ROOT);
        for (X509Error error : values()) {
            if (error.constantName().equals(name) || error.name().equals(name)) {
                return Optional.of(error.code);
            }
        }
        return Optional.empty();
    }
}
