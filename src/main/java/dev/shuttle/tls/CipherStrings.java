package dev.shuttle.tls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * OpenSSL's cipher strings ({@code man 1 ciphers}), as {@code ciphers} and {@code ciphersuites}
 * take them, turned into the JDK's cipher suite list. A {@code ciphers} string is a list of words
 * separated by {@code :} (or {@code ,} or spaces): a cipher name (OpenSSL's or IANA's), or an alias
 * ({@code HIGH}, {@code ECDHE}, {@code aRSA}, {@code AESGCM}, {@code TLSv1.2}...) that selects every
 * suite it describes, several joined by {@code +} to take their intersection; a word prefixed with
 * {@code !} removes its suites for good, {@code -} removes them (a later word may add them again),
 * {@code +} moves them to the end; {@code @STRENGTH} sorts by key size. The universe is what JSSE
 * implements: a word that selects nothing from it is left out with a warning, as OpenSSL leaves out
 * names it does not know, and a string that selects nothing at all is refused.
 */
public final class CipherStrings {
    /** The suites a string selected, in order, and what could not be honoured. */
    public record Result(List<String> suites, List<String> warnings) {
        public Result {
            suites = List.copyOf(suites);
            warnings = List.copyOf(warnings);
        }
    }

    private final List<CipherSuite> universe;

    /** Over the suites the JDK supports. */
    public static CipherStrings jdk() {
        return new CipherStrings(JdkTls.supportedCipherSuites());
    }

    CipherStrings(List<String> ianaNames) {
        List<CipherSuite> suites = new ArrayList<>();
        for (String name : ianaNames) {
            CipherSuite.of(name).ifPresent(suites::add);
        }
        this.universe = List.copyOf(suites);
    }

    /** The TLS 1.2-and-earlier suites of a {@code ciphers} string. */
    public Result ciphers(String text) throws TlsException {
        List<CipherSuite> selected = new ArrayList<>();
        Set<CipherSuite> banned = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        List<CipherSuite> candidates = universe.stream().filter(s -> !s.isTls13()).toList();
        for (String word : text.split("[:, ]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("@STRENGTH")) {
                selected.sort(Comparator.comparingInt(CipherSuite::bits).reversed());
                continue;
            }
            if (word.startsWith("@SECLEVEL=")) {
                warnings.add("'" + word + "' has no effect: JSSE's limits are set by the JDK's security properties "
                        + "(jdk.tls.disabledAlgorithms)");
                continue;
            }
            char operator = "!-+".indexOf(word.charAt(0)) >= 0 ? word.charAt(0) : ' ';
            String term = operator == ' ' ? word : word.substring(1);
            Optional<Predicate<CipherSuite>> selector = selector(term);
            if (selector.isEmpty()) {
                warnings.add("cipher '" + term + "' is not one JSSE implements: left out");
                continue;
            }
            List<CipherSuite> matching = candidates.stream().filter(selector.get()).toList();
            switch (operator) {
                case '!' -> {
                    banned.addAll(matching);
                    selected.removeAll(matching);
                }
                case '-' -> selected.removeAll(matching);
                case '+' -> {
                    List<CipherSuite> moved = selected.stream().filter(matching::contains).toList();
                    selected.removeAll(moved);
                    selected.addAll(moved);
                }
                default -> {
                    if (matching.isEmpty() && isName(term)) {
                        warnings.add("cipher '" + term + "' is not one JSSE implements: left out");
                    }
                    for (CipherSuite suite : matching) {
                        if (!banned.contains(suite) && !selected.contains(suite)) {
                            selected.add(suite);
                        }
                    }
                }
            }
        }
        if (selected.isEmpty()) {
            throw new TlsException("unable to set SSL cipher list to '" + text + "': no cipher suite of JSSE matches it");
        }
        return new Result(selected.stream().map(CipherSuite::iana).toList(), warnings);
    }

    /** The TLS 1.3 suites of a {@code ciphersuites} string: exact names only. */
    public Result ciphersuites(String text) throws TlsException {
        List<String> selected = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String word : text.split(":")) {
            if (word.isEmpty()) {
                continue;
            }
            Optional<CipherSuite> suite = universe.stream()
                    .filter(s -> s.isTls13() && s.iana().equalsIgnoreCase(word)).findFirst();
            if (suite.isPresent()) {
                if (!selected.contains(suite.get().iana())) {
                    selected.add(suite.get().iana());
                }
            } else if (word.startsWith("TLS_") && CipherSuite.of(word).map(CipherSuite::isTls13).orElse(false)) {
                warnings.add("ciphersuite '" + word + "' is not one JSSE implements: left out");
            } else {
                throw new TlsException("unable to set TLS 1.3 cipher suites to '" + text + "': unknown ciphersuite '"
                        + word + "'");
            }
        }
        if (selected.isEmpty()) {
            throw new TlsException("unable to set TLS 1.3 cipher suites to '" + text
                    + "': no cipher suite of JSSE matches it");
        }
        return new Result(selected, warnings);
    }

    /** Looks like one cipher's name rather than an alias. */
    private static boolean isName(String term) {
        return term.contains("-") || term.startsWith("TLS_");
    }

    /** What a term selects: one name, an alias, or several joined by {@code +}; empty when unknown. */
    private Optional<Predicate<CipherSuite>> selector(String term) {
        Predicate<CipherSuite> all = suite -> true;
        for (String part : term.split("\\+")) {
            Optional<Predicate<CipherSuite>> one = single(part);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            all = all.and(one.get());
        }
        return Optional.of(all);
    }

    private Optional<Predicate<CipherSuite>> single(String part) {
        Predicate<CipherSuite> alias = alias(part);
        if (alias != null) {
            return Optional.of(alias);
        }
        boolean known = universe.stream().anyMatch(s -> s.openSslName().equals(part) || s.iana().equalsIgnoreCase(part));
        if (known || isName(part)) {
            return Optional.of(s -> s.openSslName().equals(part) || s.iana().equalsIgnoreCase(part));
        }
        return Optional.empty();
    }

    /** OpenSSL's aliases ({@code man 1 ciphers}, "CIPHER STRINGS"), or null. */
    private static Predicate<CipherSuite> alias(String word) {
        return switch (word) {
            case "ALL", "DEFAULT" -> s -> !s.cipher().equals("NULL") && !s.authentication().equals("anon");
            case "COMPLEMENTOFALL", "COMPLEMENTOFDEFAULT", "eNULL", "NULL" -> s -> s.cipher().equals("NULL");
            case "HIGH" -> s -> s.bits() >= 128 && !s.cipher().equals("3DES") && !s.cipher().equals("RC4")
                    && !s.cipher().equals("NULL");
            case "MEDIUM" -> s -> s.cipher().equals("3DES") || s.cipher().equals("RC4") || s.cipher().equals("SEED");
            case "LOW", "EXPORT", "EXP", "EXPORT40", "EXPORT56" -> s -> false;
            case "aNULL", "ADH", "AECDH" -> s -> s.authentication().equals("anon");
            case "kRSA", "RSA" -> s -> s.keyExchange().equals("RSA");
            case "aRSA" -> s -> s.authentication().equals("RSA");
            case "kEDH", "kDHE", "EDH", "DHE" -> s -> s.keyExchange().equals("DHE") && !s.authentication().equals("anon");
            case "kEECDH", "kECDHE", "EECDH", "ECDHE" ->
                    s -> s.keyExchange().equals("ECDHE") && !s.authentication().equals("anon");
            case "ECDH" -> s -> s.keyExchange().startsWith("ECDH");
            case "aECDSA", "ECDSA" -> s -> s.authentication().equals("ECDSA");
            case "aDSS", "DSS" -> s -> s.authentication().equals("DSS");
            case "AES" -> s -> s.cipher().equals("AES");
            case "AES128" -> s -> s.cipher().equals("AES") && s.bits() == 128;
            case "AES256" -> s -> s.cipher().equals("AES") && s.bits() == 256;
            case "AESGCM" -> s -> s.cipher().equals("AES") && s.mode().equals("GCM");
            case "AESCCM" -> s -> s.cipher().equals("AES") && s.mode().startsWith("CCM");
            case "AESCCM8" -> s -> s.cipher().equals("AES") && s.mode().equals("CCM8");
            case "CHACHA20" -> s -> s.cipher().equals("CHACHA20");
            case "3DES" -> s -> s.cipher().equals("3DES");
            case "DES" -> s -> s.cipher().equals("DES");
            case "RC4" -> s -> s.cipher().equals("RC4");
            case "CAMELLIA", "CAMELLIA128", "CAMELLIA256" -> s -> s.cipher().equals("CAMELLIA");
            case "ARIA", "ARIA128", "ARIA256", "ARIAGCM" -> s -> s.cipher().equals("ARIA");
            case "SEED", "IDEA", "PSK", "kPSK", "aPSK", "SRP", "kSRP", "GOST", "SM4" -> s -> false;
            case "MD5" -> s -> s.mac().equals("MD5");
            case "SHA1", "SHA" -> s -> s.mac().equals("SHA1");
            case "SHA256" -> s -> s.mac().equals("SHA256");
            case "SHA384" -> s -> s.mac().equals("SHA384");
            case "TLSv1.2" -> s -> s.isAead() || !s.mac().equals("SHA1");
            case "TLSv1.0", "TLSv1", "SSLv3" -> s -> !s.isAead() && s.mac().equals("SHA1");
            default -> null;
        };
    }

    /** The IANA names of the TLS 1.3 suites of a list. */
    public static List<String> tls13(List<String> suites) {
        return suites.stream().filter(s -> CipherSuite.of(s).map(CipherSuite::isTls13).orElse(false)).toList();
    }

    /** The IANA names of the TLS 1.2-and-earlier suites of a list. */
    public static List<String> upToTls12(List<String> suites) {
        return suites.stream().filter(s -> CipherSuite.of(s).map(c -> !c.isTls13()).orElse(false)).toList();
    }

    /** OpenSSL's name of a suite given by its IANA name ({@code %sslc}, {@code ssl_fc_cipher}). */
    public static String openSslName(String iana) {
        return CipherSuite.of(iana).map(CipherSuite::openSslName).orElse(iana.toUpperCase(Locale.ROOT));
    }
}
