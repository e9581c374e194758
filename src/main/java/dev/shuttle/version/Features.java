package dev.shuttle.version;

import java.util.List;
import java.util.Locale;

/**
 * The build features Shuttle reports in {@code -vv} and answers for in {@code feature(NAME)}.
 *
 * <p>Reg-tests skip themselves with {@code feature(OPENSSL)} and the like, so a name is listed
 * as present only when the capability really works; everything HAProxy users commonly probe
 * for and Shuttle lacks is listed as absent, so {@code -vv} shows it with a minus sign.
 *
 * <p><b>TLS.</b> Shuttle's TLS is the JDK's (JSSE), not OpenSSL: {@code feature(OPENSSL)} is
 * false, so that HAProxy's TLS reg-tests, which check OpenSSL's own outputs (error strings and
 * codes, {@code show ssl cert} dumps, cipher and curve lists, OCSP, {@code openssl_version_atleast}),
 * skip; {@code feature(JSSE)} is true, and Shuttle's TLS tests gate on {@code feature(OPENSSL) ||
 * feature(JSSE)}, so that the same test runs against HAProxy and Shuttle. A configuration that
 * wraps its TLS lines in {@code .if feature(OPENSSL)} gets a warning (they would be skipped).
 */
public final class Features {
    /** The feature that says "TLS, by the JDK". */
    public static final String JSSE = "JSSE";
    private static final List<String> PRESENT = List.of("THREAD", JSSE);
    private static final List<String> ABSENT = List.of(
            "OPENSSL", "LUA", "PROMEX", "QUIC", "ZLIB", "SLZ", "PCRE", "PCRE2", "DEVICEATLAS", "51DEGREES", "WURFL",
            "SYSTEMD", "OT", "MEMORY_PROFILING", "TPROXY", "LINUX_TPROXY", "NETFILTER");

    private Features() {}

    /** True when Shuttle implements the feature named as HAProxy's {@code -vv} names it (case-insensitive). */
    public static boolean has(String name) {
        return PRESENT.contains(name.toUpperCase(Locale.ROOT));
    }

    /** The {@code Feature list :} line of {@code -vv}: {@code +NAME} for present, {@code -NAME} for absent. */
    public static String featureListLine() {
        StringBuilder line = new StringBuilder("Feature list :");
        PRESENT.forEach(name -> line.append(" +").append(name));
        ABSENT.forEach(name -> line.append(" -").append(name));
        return line.toString();
    }
}
