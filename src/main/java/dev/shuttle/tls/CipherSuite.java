package dev.shuttle.tls;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One cipher suite by its IANA name (the JDK's), with the attributes OpenSSL's cipher strings
 * select on and the name OpenSSL gives it ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256} is
 * {@code ECDHE-RSA-AES128-GCM-SHA256}). TLS 1.3 suites keep their IANA name in OpenSSL too.
 *
 * @param keyExchange {@code ECDHE}, {@code DHE}, {@code RSA}, {@code ECDH}, {@code DH}, or {@code TLS13}
 * @param authentication {@code ECDSA}, {@code RSA}, {@code DSS}, {@code anon}, or {@code TLS13}
 * @param cipher     {@code AES}, {@code CHACHA20}, {@code 3DES}, {@code CAMELLIA}, {@code ARIA}, {@code RC4}, {@code NULL}...
 * @param bits       the cipher's key size
 * @param mode       {@code GCM}, {@code CCM}, {@code CCM8}, {@code CBC}, {@code POLY1305}, or empty
 * @param mac        {@code SHA1}, {@code SHA256}, {@code SHA384}, {@code MD5}
 */
public record CipherSuite(String iana, String keyExchange, String authentication, String cipher, int bits, String mode,
                          String mac) {
    private static final Set<String> EXCHANGES = Set.of("ECDHE", "DHE", "RSA", "ECDH", "DH");

    /** The suite an IANA name describes, or empty for a name that is not a cipher suite (SCSVs). */
    public static Optional<CipherSuite> of(String iana) {
        if (!iana.startsWith("TLS_") || iana.endsWith("_SCSV")) {
            return Optional.empty();
        }
        int with = iana.indexOf("_WITH_");
        if (with < 0) {
            // TLS 1.3: TLS_<cipher>_<bits>_<mode>_<hash>, TLS_CHACHA20_POLY1305_SHA256
            String[] parts = iana.substring(4).split("_");
            return Optional.of(suite(iana, "TLS13", "TLS13", parts));
        }
        String[] exchange = iana.substring(4, with).split("_");
        String keyExchange = exchange[0];
        if (!EXCHANGES.contains(keyExchange)) {
            return Optional.empty();
        }
        String authentication = exchange.length > 1 ? exchange[1] : "RSA";
        String[] parts = iana.substring(with + 6).split("_");
        return Optional.of(suite(iana, keyExchange, authentication, parts));
    }

    private static CipherSuite suite(String iana, String keyExchange, String authentication, String[] parts) {
        String cipher = parts[0];
        int index = 1;
        int bits = 0;
        if (cipher.equals("3DES")) {
            index = 3; // 3DES_EDE_CBC
            bits = 112;
            return new CipherSuite(iana, keyExchange, authentication, cipher, bits, "CBC", parts[parts.length - 1]);
        }
        if (index < parts.length && parts[index].matches("\\d+")) {
            bits = Integer.parseInt(parts[index]);
            index++;
        }
        if (cipher.equals("CHACHA20")) {
            bits = 256;
        }
        String mode = "";
        String mac = parts[parts.length - 1];
        if (index < parts.length - 1) {
            mode = parts[index];
            if (index + 1 < parts.length - 1) {
                mode += parts[index + 1]; // CCM_8
            }
        } else if (index == parts.length - 1 && (mac.equals("CCM") || mac.equals("8"))) {
            mode = mac;
            mac = "AEAD";
        }
        if (mac.equals("SHA")) {
            mac = "SHA1";
        }
        return new CipherSuite(iana, keyExchange, authentication, cipher, bits, mode, mac);
    }

    public boolean isTls13() {
        return keyExchange.equals("TLS13");
    }

    /** Authenticated encryption: GCM, CCM, ChaCha20-Poly1305 (OpenSSL's {@code AEAD}). */
    public boolean isAead() {
        return mode.startsWith("GCM") || mode.startsWith("CCM") || mode.equals("POLY1305");
    }

    /** OpenSSL's name for the suite. */
    public String openSslName() {
        if (isTls13()) {
            return iana;
        }
        String prefix = switch (keyExchange + "_" + authentication) {
            case "ECDHE_ECDSA" -> "ECDHE-ECDSA-";
            case "ECDHE_RSA" -> "ECDHE-RSA-";
            case "DHE_RSA" -> "DHE-RSA-";
            case "DHE_DSS" -> "DHE-DSS-";
            case "ECDH_ECDSA" -> "ECDH-ECDSA-";
            case "ECDH_RSA" -> "ECDH-RSA-";
            case "DH_anon" -> "ADH-";
            case "ECDH_anon" -> "AECDH-";
            default -> "";
        };
        if (cipher.equals("3DES")) {
            return (keyExchange.equals("DHE") ? "EDH-" + authentication + "-" : prefix) + "DES-CBC3-SHA";
        }
        String body = switch (cipher) {
            case "CHACHA20" -> "CHACHA20-POLY1305";
            case "NULL" -> "NULL-" + mac.replace("SHA1", "SHA");
            case "RC4" -> "RC4-" + mac.replace("SHA1", "SHA");
            default -> {
                String name = cipher + bits;
                if (mode.startsWith("GCM")) {
                    yield name + "-GCM-" + mac;
                }
                if (mode.startsWith("CCM")) {
                    yield name + "-" + mode;
                }
                yield name + "-" + mac.replace("SHA1", "SHA");
            }
        };
        return prefix + body;
    }

    @Override
    public String toString() {
        return iana.toUpperCase(Locale.ROOT);
    }
}
