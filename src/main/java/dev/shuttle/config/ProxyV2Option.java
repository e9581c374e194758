package dev.shuttle.config;

import java.util.Optional;

/**
 * The options of a server's {@code proxy-v2-options} (configuration.txt §5.2): what a version 2
 * PROXY header carries beyond the addresses. The five TLS ones add the SSL TLV (checked on HAProxy
 * 3.5: any of them does, {@code ssl} or not).
 */
public enum ProxyV2Option {
    /** The SSL TLV: whether the client used TLS, its version, the verify result. */
    SSL("ssl"),
    /** The client certificate's Common Name, inside the SSL TLV. */
    CERT_CN("cert-cn"),
    /** The cipher's OpenSSL name, inside the SSL TLV. */
    SSL_CIPHER("ssl-cipher"),
    /** The signature algorithm of the certificate the frontend presented, inside the SSL TLV. */
    CERT_SIG("cert-sig"),
    /** The key algorithm of the certificate the frontend presented, inside the SSL TLV. */
    CERT_KEY("cert-key"),
    /** The authority: a received PROXY header's, else the client's SNI. */
    AUTHORITY("authority"),
    /** The CRC32C of the whole header. */
    CRC32C("crc32c"),
    /** The stream's unique ID ({@code unique-id-format}). */
    UNIQUE_ID("unique-id");

    private final String keyword;

    ProxyV2Option(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** Whether the option puts something into the SSL TLV (and so makes the header carry one). */
    public boolean addsSslTlv() {
        return this == SSL || this == CERT_CN || this == SSL_CIPHER || this == CERT_SIG || this == CERT_KEY;
    }

    public static Optional<ProxyV2Option> of(String keyword) {
        for (ProxyV2Option option : values()) {
            if (option.keyword.equals(keyword)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }
}
