package dev.shuttle.tls;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * Makes the JDK's {@link SSLContext}s and the {@link SSLParameters} a set of {@link TlsOptions}
 * asks for.
 *
 * <p>{@code no-tls-tickets}: JSSE has no per-context switch for stateless session tickets; it reads
 * the system property {@code jdk.tls.server.enableSessionTicketExtension} (and its client twin)
 * when a context is made. So a context without tickets is made with the property set to false for
 * that moment, under a lock (contexts are made at startup, by one thread, but the lock keeps that
 * true). Sessions are then resumed from the context's cache by session ID (TLS 1.2) or stateful
 * PSK (TLS 1.3), as OpenSSL does with {@code SSL_OP_NO_TICKET}.
 */
final class Contexts {
    private static final ReentrantLock PROPERTY_LOCK = new ReentrantLock();

    private Contexts() {}

    static SSLContext make(KeyManager keys, TrustManager trust, boolean server, boolean tickets, int cacheSize,
                           int lifetimeSeconds) throws TlsException {
        String property = server ? "jdk.tls.server.enableSessionTicketExtension"
                : "jdk.tls.client.enableSessionTicketExtension";
        PROPERTY_LOCK.lock();
        String before = System.getProperty(property);
        try {
            if (!tickets) {
                System.setProperty(property, "false");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : new KeyManager[] {keys},
                    trust == null ? null : new TrustManager[] {trust}, null);
            if (cacheSize > 0) {
                (server ? context.getServerSessionContext() : context.getClientSessionContext())
                        .setSessionCacheSize(cacheSize);
            }
            if (lifetimeSeconds > 0) {
                (server ? context.getServerSessionContext() : context.getClientSessionContext())
                        .setSessionTimeout(lifetimeSeconds);
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsException("unable to make a TLS context: " + e.getMessage(), e);
        } finally {
            if (!tickets) {
                if (before == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, before);
                }
            }
            PROPERTY_LOCK.unlock();
        }
    }

    /** The parameters of every connection made with {@code options}. */
    static SSLParameters parameters(TlsOptions options) throws TlsException {
        SSLParameters parameters = new SSLParameters();
        String[] protocols = options.protocols();
        if (protocols.length == 0) {
            throw new TlsException("all SSL/TLS versions are disabled");
        }
        parameters.setProtocols(protocols);
        List<String> suites = new ArrayList<>();
        suites.addAll(options.ciphersuites().orElse(CipherStrings.tls13(JdkTls.defaultCipherSuites())));
        suites.addAll(options.ciphers().orElse(CipherStrings.upToTls12(JdkTls.defaultCipherSuites())));
        parameters.setCipherSuites(suites.toArray(String[]::new));
        options.groups().ifPresent(groups -> parameters.setNamedGroups(groups.toArray(String[]::new)));
        options.signatureSchemes().ifPresent(schemes -> parameters.setSignatureSchemes(schemes.toArray(String[]::new)));
        parameters.setUseCipherSuitesOrder(!options.preferClientCiphers().orElse(false));
        return parameters;
    }
}
