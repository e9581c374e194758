package dev.shuttle.tls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A listener's certificates by the names a client may ask for with SNI (configuration.txt §5.1,
 * "crt-list", "snifilter"): an exact name first, then a wildcard one label deep ({@code
 * *.example.org} matches {@code www.example.org}, not {@code a.www.example.org}) unless a negative
 * filter of the same line names the host; failing both, the default certificates, unless {@code
 * strict-sni}. Among the certificates of the chosen name, ECDSA is preferred when the client
 * accepts it, then RSA, then EdDSA, as HAProxy chooses. Immutable: a commit of the runtime API
 * makes a new index.
 */
public final class SniIndex {
    /** A certificate that may be served, with its line's effective options. */
    public record Candidate(SniEntry entry, CertificateStore.Version version, TlsOptions options) {
        public CertificateKey certificate() {
            return version.certificate();
        }
    }

    /** What the client said that the choice depends on. */
    public record Asked(Optional<String> serverName, boolean ecdsa, boolean rsa, boolean eddsa) {
        public static Asked of(ClientHello hello) {
            return new Asked(hello.serverName(), hello.acceptsEcdsa(), hello.acceptsRsa(), hello.acceptsEdDsa());
        }
    }

    private final Map<String, List<Candidate>> exact = new HashMap<>();
    private final Map<String, List<Candidate>> wildcard = new HashMap<>();
    private final List<Candidate> defaults = new ArrayList<>();
    private final boolean strictSni;

    /**
     * @param entries     the listener's certificates in declaration order (the first is an implicit default)
     * @param bindOptions the listener's options, under each line's own
     */
    public SniIndex(List<SniEntry> entries, TlsOptions bindOptions, boolean strictSni, CertificateStore store) {
        this.strictSni = strictSni;
        for (int i = 0; i < entries.size(); i++) {
            SniEntry entry = entries.get(i);
            Optional<CertificateStore.Version> version = store.get(entry.certificate());
            if (version.isEmpty()) {
                continue;
            }
            Candidate candidate = new Candidate(entry, version.get(), entry.options().over(bindOptions));
            if (entry.explicitDefault() || entry.starFilter() || i == 0) {
                defaults.add(candidate);
            }
            List<String> names = entry.filters().isEmpty()
                    ? List.copyOf(version.get().certificate().names()) : entry.filters();
            for (String name : names) {
                if (name.equals("*")) {
                    continue;
                }
                Map<String, List<Candidate>> table = name.startsWith("*.") ? wildcard : exact;
                table.computeIfAbsent(name, unused -> new ArrayList<>()).add(candidate);
            }
        }
    }

    /** The certificate to serve, or empty when there is none to serve ({@code strict-sni}, no certificate). */
    public Optional<Candidate> select(Asked asked) {
        if (asked.serverName().isPresent()) {
            String host = asked.serverName().get();
            List<Candidate> named = exact.get(host);
            if (named == null || named.isEmpty()) {
                named = wildcardMatches(host);
            }
            if (!named.isEmpty()) {
                return Optional.of(preferred(named, asked));
            }
        }
        if (strictSni || defaults.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(preferred(defaults, asked));
    }

    private List<Candidate> wildcardMatches(String host) {
        int dot = host.indexOf('.');
        if (dot <= 0) {
            return List.of();
        }
        List<Candidate> found = wildcard.getOrDefault("*" + host.substring(dot), List.of());
        return found.stream().filter(c -> !c.entry().negative().contains(host)).toList();
    }

    private static Candidate preferred(List<Candidate> candidates, Asked asked) {
        for (Set<String> wanted : List.of(asked.ecdsa() ? Set.of("EC") : Set.<String>of(),
                asked.rsa() ? Set.of("RSA", "RSASSA-PSS") : Set.<String>of(),
                asked.eddsa() ? Set.of("EdDSA", "Ed25519", "Ed448") : Set.<String>of())) {
            for (Candidate candidate : candidates) {
                if (wanted.contains(candidate.certificate().keyType())) {
                    return candidate;
                }
            }
        }
        return candidates.getFirst();
    }

    /** Every name indexed, with the candidates under it ({@code show ssl sni}); {@code *} for the defaults. */
    public Map<String, List<Candidate>> names() {
        Map<String, List<Candidate>> all = new LinkedHashMap<>();
        all.putAll(exact);
        all.putAll(wildcard);
        if (!strictSni && !defaults.isEmpty()) {
            all.put("*", List.copyOf(defaults));
        }
        return all;
    }
}
