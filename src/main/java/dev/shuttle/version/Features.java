package dev.shuttle.version;

import java.util.List;
import java.util.Locale;

/**
 * The build features Shuttle reports in {@code -vv} and answers for in {@code feature(NAME)}.
 *
 * <p>Reg-tests skip themselves with {@code feature(OPENSSL)} and the like, so a name is listed
 * as present only when the capability really works; everything HAProxy users commonly probe
 * for and Shuttle lacks is listed as absent, so {@code -vv} shows it with a minus sign.
 */
public final class Features {
    private static final List<String> PRESENT = List.of("THREAD");
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
