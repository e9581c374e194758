package dev.shuttle.tls;

import java.util.Locale;
import java.util.Optional;

/** A protocol version as HAProxy names it ({@code ssl-min-ver TLSv1.2}) and as JSSE does ({@code TLSv1}). */
public enum TlsVersion {
    SSLV3("SSLv3", "SSLv3"),
    TLSV10("TLSv1.0", "TLSv1"),
    TLSV11("TLSv1.1", "TLSv1.1"),
    TLSV12("TLSv1.2", "TLSv1.2"),
    TLSV13("TLSv1.3", "TLSv1.3");

    private final String haproxyName;
    private final String jsseName;

    TlsVersion(String haproxyName, String jsseName) {
        this.haproxyName = haproxyName;
        this.jsseName = jsseName;
    }

    /** The version HAProxy's keywords name so ({@code SSLv3}, {@code TLSv1.0}...{@code TLSv1.3}). */
    public static Optional<TlsVersion> named(String name) {
        for (TlsVersion version : values()) {
            if (version.haproxyName.equals(name)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** The version JSSE names so, as an {@code SSLSession} reports it. */
    public static Optional<TlsVersion> ofJsse(String name) {
        for (TlsVersion version : values()) {
            if (version.jsseName.equals(name)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    public String haproxyName() {
        return haproxyName;
    }

    public String jsseName() {
        return jsseName;
    }

    /** The keyword suffix of {@code no-tlsv10}, {@code force-tlsv13}... */
    public String keywordSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the JDK's security settings forbid it whatever the configuration says. */
    public boolean disabledByJdk() {
        return JdkTls.disabledByJdk(jsseName);
    }
}
