package dev.shuttle.version;

import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** What the running JDK's TLS (JSSE) enables by default, for {@code -vv}. */
final class TlsSupport {
    private TlsSupport() {}

    static String protocols() {
        return String.join(" ", defaults().getProtocols());
    }

    static String cipherSuites() {
        return String.join(" ", defaults().getCipherSuites());
    }

    private static SSLParameters defaults() {
        try {
            return SSLContext.getDefault().getDefaultSSLParameters();
        } catch (GeneralSecurityException e) {
            return new SSLParameters(new String[0], new String[0]);
        }
    }
}
