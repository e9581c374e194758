package dev.shuttle.tls;

import java.util.List;

/**
 * One certificate of a listener, as a {@code crt}, {@code default-crt} or {@code crt-list} line
 * declared it (configuration.txt §5.1, "crt-list").
 *
 * @param certificate the certificate's name in the {@link CertificateStore}
 * @param options     the line's own {@code [options]}, over the listener's
 * @param filters     the line's SNI filters, lower case ({@code www.example.org}, {@code *.example.org},
 *                    {@code *} for a default certificate); empty: the certificate's own names
 * @param negative    the line's negative filters ({@code !secure.example.org}), lower case
 * @param explicitDefault declared a default ({@code default-crt}, or a {@code *} filter)
 * @param origin      where it was declared, for {@code show ssl crt-list}: a crt-list file and line,
 *                    a directory, or empty for a {@code crt} of the listener itself
 */
public record SniEntry(String certificate, TlsOptions options, List<String> filters, List<String> negative,
                       boolean explicitDefault, String origin) {
    public SniEntry {
        filters = List.copyOf(filters);
        negative = List.copyOf(negative);
    }

    /** A certificate named on the {@code bind} line itself. */
    public static SniEntry of(String certificate, boolean explicitDefault) {
        return new SniEntry(certificate, TlsOptions.NONE, List.of(), List.of(), explicitDefault, "");
    }

    /** Whether its filters make it a default certificate ({@code *}). */
    boolean starFilter() {
        return filters.contains("*");
    }
}
