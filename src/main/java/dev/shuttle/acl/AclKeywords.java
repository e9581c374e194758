package dev.shuttle.acl;

import dev.shuttle.pattern.MatchMethod;
import dev.shuttle.sample.SampleRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ACL-only declinations of fetches (configuration.txt §7.1 and the "ACL derivatives" of §7.3):
 * {@code hdr_beg(host)} is {@code hdr(host)} matched with {@code -m beg}, {@code path_len} is
 * {@code path} matched by length. The table is the set haproxy 2.6 accepts, which is smaller than
 * what its manual lists ({@code res.hdr_beg} and {@code req.cook_beg} are refused by 2.6).
 *
 * <p>A declination names the fetch it stands for by candidates, first found in the registry
 * wins. The header and cookie families name the fetch of their own direction, as haproxy 2.6's
 * ACL keyword list does: {@code hdr} and every {@code hdr_*} are {@code req.hdr}, {@code cook*}
 * {@code req.cook}, {@code shdr*} {@code res.hdr}, {@code scook*} {@code res.cook}. This matters
 * for {@code hdr}: the sample fetch of that name follows the direction ({@code %[hdr(x)]} in an
 * {@code http-response} rule reads the response), the ACL keyword does not (haproxy 2.6 warns
 * that {@code { hdr(x) y }} "will never match" in {@code http-response}). The deprecated integer
 * and address forms ({@code hdr_cnt}, {@code hdr_val}, {@code hdr_ip}...) are ordinary fetches
 * in HAProxy; they are listed here, without a method, only for a registry that has the modern
 * name alone.
 */
final class AclKeywords {
    /** A resolved declination: the fetch it stands for, and the method it implies (null: the fetch's default). */
    record Declination(String fetch, MatchMethod method) {}

    private record Entry(List<String> candidates, MatchMethod method) {}

    private static final List<MatchMethod> STRING_SUFFIXES = List.of(MatchMethod.BEG, MatchMethod.DIR,
            MatchMethod.DOM, MatchMethod.END, MatchMethod.LEN, MatchMethod.REG, MatchMethod.SUB);

    private static final Map<String, Entry> TABLE = build();

    private AclKeywords() {}

    private static Map<String, Entry> build() {
        Map<String, Entry> table = new HashMap<>();
        stringFamily(table, "base", List.of("base"));
        stringFamily(table, "path", List.of("path"));
        stringFamily(table, "url", List.of("url"));
        stringFamily(table, "hdr", List.of("req.hdr"));
        stringFamily(table, "shdr", List.of("res.hdr"));
        stringFamily(table, "cook", List.of("req.cook"));
        stringFamily(table, "scook", List.of("res.cook"));
        stringFamily(table, "urlp", List.of("urlp", "url_param"));
        // The families' own names, with the fetch's default method (str).
        table.put("hdr", new Entry(List.of("req.hdr"), null));
        table.put("shdr", new Entry(List.of("res.hdr"), null));
        table.put("cook", new Entry(List.of("req.cook"), null));
        table.put("scook", new Entry(List.of("res.cook"), null));
        table.put("ssl_fc_sni_end", new Entry(List.of("ssl_fc_sni"), MatchMethod.END));
        table.put("ssl_fc_sni_reg", new Entry(List.of("ssl_fc_sni"), MatchMethod.REG));
        for (String[] alias : new String[][] {
                {"hdr_cnt", "req.hdr_cnt"}, {"hdr_val", "req.hdr_val"}, {"hdr_ip", "req.hdr_ip"},
                {"shdr_cnt", "res.hdr_cnt"}, {"shdr_val", "res.hdr_val"}, {"shdr_ip", "res.hdr_ip"},
                {"cook_cnt", "req.cook_cnt"}, {"cook_val", "req.cook_val"},
                {"scook_cnt", "res.cook_cnt"}, {"scook_val", "res.cook_val"}}) {
            table.put(alias[0], new Entry(List.of(alias[0], alias[1]), null));
        }
        return Map.copyOf(table);
    }

    private static void stringFamily(Map<String, Entry> table, String prefix, List<String> candidates) {
        for (MatchMethod method : STRING_SUFFIXES) {
            table.put(prefix + "_" + method.keyword(), new Entry(candidates, method));
        }
    }

    /** The declination {@code name} stands for, if it is one and its fetch is in the registry. */
    static Optional<Declination> resolve(String name, SampleRegistry registry) {
        Entry entry = TABLE.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        return entry.candidates().stream().filter(candidate -> registry.fetch(candidate).isPresent()).findFirst()
                .map(fetch -> new Declination(fetch, entry.method()));
    }
}
