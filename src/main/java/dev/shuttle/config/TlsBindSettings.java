package dev.shuttle.config;

import dev.shuttle.tls.SniEntry;
import dev.shuttle.tls.TlsOptions;
import java.util.List;

/**
 * The TLS side of a {@code bind ... ssl} line (configuration.txt §5.1): its certificates, from
 * {@code crt}, {@code default-crt} and {@code crt-list}, in declaration order, and its options,
 * already over the {@code ssl-default-bind-*} ones, with the HTTP-mode ALPN default filled in.
 *
 * @param strictSni no default certificate: a client whose SNI matches none is refused
 */
public record TlsBindSettings(List<SniEntry> certificates, TlsOptions options, boolean strictSni) {
    public TlsBindSettings {
        certificates = List.copyOf(certificates);
    }
}
