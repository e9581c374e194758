package dev.shuttle.tls;

import java.security.GeneralSecurityException;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** What the running JDK's TLS implementation (JSSE) offers: suites, protocols, named groups. */
final class JdkTls {
    private static final SSLParameters SUPPORTED;
    private static final SSLParameters DEFAULTS;

    static {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            SUPPORTED = context.getSupportedSSLParameters();
            DEFAULTS = context.getDefaultSSLParameters();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private JdkTls() {}

    static List<String> supportedCipherSuites() {
        return Arrays.asList(SUPPORTED.getCipherSuites());
    }

    static List<String> defaultCipherSuites() {
        return Arrays.asList(DEFAULTS.getCipherSuites());
    }

    static List<String> supportedProtocols() {
        return Arrays.asList(SUPPORTED.getProtocols());
    }

    /** The named groups JSSE enables by default (JDK 20+ lists them). */
    static List<String> namedGroups() {
        String[] groups = DEFAULTS.getNamedGroups();
        return groups == null ? List.of() : Arrays.asList(groups);
    }

    /** Whether the JDK's security properties disable a protocol version ({@code jdk.tls.disabledAlgorithms}). */
    static boolean disabledByJdk(String protocol) {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled == null) {
            return false;
        }
        for (String entry : disabled.split(",")) {
            if (entry.strip().toLowerCase(Locale.ROOT).equals(protocol.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
