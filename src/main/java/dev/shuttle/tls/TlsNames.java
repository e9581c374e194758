package dev.shuttle.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenSSL's names for named groups ({@code curves}, {@code ecdhe}) and signature algorithms
 * ({@code sigalgs}) turned into the JDK's (RFC 8446 §4.2.7 and §4.2.3 names). A name neither knows
 * is refused, as OpenSSL refuses it.
 */
public final class TlsNames {
    private static final Map<String, String> GROUP_ALIASES = Map.ofEntries(
            Map.entry("p-256", "secp256r1"), Map.entry("prime256v1", "secp256r1"), Map.entry("secp256r1", "secp256r1"),
            Map.entry("p-384", "secp384r1"), Map.entry("secp384r1", "secp384r1"),
            Map.entry("p-521", "secp521r1"), Map.entry("secp521r1", "secp521r1"),
            Map.entry("x25519", "x25519"), Map.entry("x448", "x448"),
            Map.entry("ffdhe2048", "ffdhe2048"), Map.entry("ffdhe3072", "ffdhe3072"),
            Map.entry("ffdhe4096", "ffdhe4096"), Map.entry("ffdhe6144", "ffdhe6144"),
            Map.entry("ffdhe8192", "ffdhe8192"), Map.entry("x25519mlkem768", "X25519MLKEM768"));
    /** OpenSSL's {@code ALG+HASH} forms; TLS 1.3 scheme names pass through. */
    private static final Map<String, String> SIGALG_ALIASES = Map.ofEntries(
            Map.entry("ecdsa+sha256", "ecdsa_secp256r1_sha256"), Map.entry("ecdsa+sha384", "ecdsa_secp384r1_sha384"),
            Map.entry("ecdsa+sha512", "ecdsa_secp521r1_sha512"), Map.entry("ecdsa+sha1", "ecdsa_sha1"),
            Map.entry("ecdsa+sha224", "ecdsa_sha224"),
            Map.entry("rsa+sha256", "rsa_pkcs1_sha256"), Map.entry("rsa+sha384", "rsa_pkcs1_sha384"),
            Map.entry("rsa+sha512", "rsa_pkcs1_sha512"), Map.entry("rsa+sha1", "rsa_pkcs1_sha1"),
            Map.entry("rsa+sha224", "rsa_sha224"),
            Map.entry("rsa-pss+sha256", "rsa_pss_rsae_sha256"), Map.entry("rsa-pss+sha384", "rsa_pss_rsae_sha384"),
            Map.entry("rsa-pss+sha512", "rsa_pss_rsae_sha512"), Map.entry("pss+sha256", "rsa_pss_rsae_sha256"),
            Map.entry("pss+sha384", "rsa_pss_rsae_sha384"), Map.entry("pss+sha512", "rsa_pss_rsae_sha512"),
            Map.entry("dsa+sha256", "dsa_sha256"), Map.entry("dsa+sha1", "dsa_sha1"));
    private static final List<String> SCHEMES = List.of("ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384",
            "ecdsa_secp521r1_sha512", "ed25519", "ed448", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384",
            "rsa_pss_rsae_sha512", "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
            "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512", "dsa_sha256", "ecdsa_sha224", "rsa_sha224",
            "dsa_sha224", "ecdsa_sha1", "rsa_pkcs1_sha1", "dsa_sha1");

    private TlsNames() {}

    /** The JDK's named groups for a {@code curves} list ({@code X25519:P-256}). */
    public static List<String> groups(String list) throws TlsException {
        List<String> out = new ArrayList<>();
        for (String name : list.split(":")) {
            String group = GROUP_ALIASES.get(name.toLowerCase(Locale.ROOT));
            if (group == null || !(JdkTls.namedGroups().isEmpty() || JdkTls.namedGroups().contains(group)
                    || group.equals("X25519MLKEM768"))) {
                throw new TlsException("unable to set curves list to '" + list + "': curve '" + name
                        + "' is not one JSSE implements");
            }
            if (group.equals("X25519MLKEM768") && !JdkTls.namedGroups().contains(group)) {
                throw new TlsException("unable to set curves list to '" + list + "': this JDK has no '" + name + "'");
            }
            if (!out.contains(group)) {
                out.add(group);
            }
        }
        return out;
    }

    /** The JDK's signature schemes for a {@code sigalgs} list ({@code ECDSA+SHA256:rsa_pss_rsae_sha256}). */
    public static List<String> signatureSchemes(String list) throws TlsException {
        List<String> out = new ArrayList<>();
        for (String name : list.split(":")) {
            String lower = name.toLowerCase(Locale.ROOT);
            String scheme = SIGALG_ALIASES.getOrDefault(lower, lower);
            if (!SCHEMES.contains(scheme)) {
                throw new TlsException("unable to set signature algorithms to '" + list + "': '" + name
                        + "' is not one JSSE implements");
            }
            if (!out.contains(scheme)) {
                out.add(scheme);
            }
        }
        return out;
    }
}
