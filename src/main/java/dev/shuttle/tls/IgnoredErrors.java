package dev.shuttle.tls;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code crt-ignore-err} or {@code ca-ignore-err}: the verification errors that do not abort the
 * handshake (they are still reported by {@code ssl_c_err}/{@code ssl_c_ca_err}).
 *
 * @param all    every error is ignored ({@code all})
 * @param codes  the OpenSSL codes ignored otherwise
 */
public record IgnoredErrors(boolean all, Set<Integer> codes) {
    public static final IgnoredErrors NONE = new IgnoredErrors(false, Set.of());

    public IgnoredErrors {
        codes = Set.copyOf(codes);
    }

    public boolean ignores(int code) {
        return all || codes.contains(code);
    }

    /** Parses {@code all|<error>[,<error>...]}. */
    public static IgnoredErrors parse(String list) throws TlsException {
        if (list.equals("all")) {
            return new IgnoredErrors(true, Set.of());
        }
        Set<Integer> codes = new HashSet<>();
        for (String word : list.split(",")) {
            codes.add(X509Error.parse(word).orElseThrow(() -> new TlsException("unknown error id '" + word + "'")));
        }
        return new IgnoredErrors(false, codes);
    }
}
