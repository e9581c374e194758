package dev.shuttle.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies a peer's certificate chain the way OpenSSL does for HAProxy, and reports what it found
 * with OpenSSL's error codes and depths: from the peer's certificate (depth 0) up, each certificate
 * must be within its validity dates, issued by the next one (its signature checks out, and that
 * issuer is a CA) until one is a trusted CA ({@code ca-file}, {@code ca-verify-file}), and, with a
 * {@code crl-file}, each issuer must have a revocation list that does not list it. A server's
 * certificate must also carry the expected host name ({@code sni}, else {@code verifyhost}) in its
 * DNS alternative names, else in its CN; a wildcard covers one left-most label.
 *
 * <p>An error that the listener ignores ({@code crt-ignore-err} at depth 0, {@code ca-ignore-err}
 * above) is recorded and the check goes on; any other aborts the handshake. The outcome is left in
 * the handshake's session under {@link #OUTCOME}, where the connection reads it afterwards.
 */
public final class CertificateVerifier extends X509ExtendedTrustManager {
    /** The session value that holds the {@link VerifyOutcome}. */
    public static final String OUTCOME = "shuttle.verify";
    /** OpenSSL's default verify depth. */
    private static final int MAX_DEPTH = 100;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_USAGE = "2.5.29.37.0";

    /** Why the handshake was aborted: the error and its depth. */
    public static final class VerifyFailure extends CertificateException {
        private final X509Error error;
        private final int depth;

        VerifyFailure(X509Error error, int depth) {
            super(error.text() + " (depth " + depth + ")", null);
            this.error = error;
            this.depth = depth;
        }

        public X509Error error() {
            return error;
        }

        public int depth() {
            return depth;
        }
    }

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> acceptedIssuers;
    private final List<X509CRL> revocations;
    private final IgnoredErrors ignoredAtDepthZero;
    private final IgnoredErrors ignoredAbove;
    private final Function<SSLSession, Optional<String>> expectedHost;

    /**
     * @param anchors         the trusted CAs
     * @param acceptedIssuers the CA names a listener sends in its certificate request (empty: {@code no-ca-names})
     * @param expectedHost    the host name a server's certificate must carry, from the handshake's session
     */
    public CertificateVerifier(List<X509Certificate> anchors, List<X509Certificate> acceptedIssuers,
                               List<X509CRL> revocations, IgnoredErrors ignoredAtDepthZero, IgnoredErrors ignoredAbove,
                               Function<SSLSession, Optional<String>> expectedHost) {
        this.anchors = List.copyOf(anchors);
        this.acceptedIssuers = List.copyOf(acceptedIssuers);
        this.revocations = List.copyOf(revocations);
        this.ignoredAtDepthZero = ignoredAtDepthZero;
        this.ignoredAbove = ignoredAbove;
        this.expectedHost = expectedHost;
    }

    /** Verifies {@code chain} (the peer's certificate first); the outcome, or a failure for an error not ignored. */
    public VerifyOutcome verify(List<X509Certificate> chain, boolean client, Optional<String> host, Date now)
            throws VerifyFailure {
        Outcome outcome = new Outcome();
        X509Certificate leaf = chain.getFirst();
        if (host.isPresent() && !hostMatches(leaf, host.get())) {
            outcome.report(X509Error.HOSTNAME_MISMATCH, 0);
        }
        checkPurpose(leaf, client ? CLIENT_AUTH : SERVER_AUTH, outcome);
        X509Certificate current = leaf;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            checkDates(current, depth, now, outcome);
            if (isAnchor(current)) {
                return outcome.done();
            }
            Optional<X509Certificate> anchor = issuerAmong(current, anchors);
            if (anchor.isPresent()) {
                checkRevocation(current, anchor.get(), depth, now, outcome);
                checkDates(anchor.get(), depth + 1, now, outcome);
                return outcome.done();
            }
            Optional<X509Certificate> issuer = issuerAmong(current, chain.subList(1, chain.size()));
            if (issuer.isEmpty() || issuer.get().equals(current)) {
                X509Error error = selfSigned(current) ? (depth == 0 ? X509Error.DEPTH_ZERO_SELF_SIGNED_CERT
                        : X509Error.SELF_SIGNED_CERT_IN_CHAIN) : X509Error.UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
                outcome.report(error, depth);
                return outcome.done();
            }
            if (issuer.get().getBasicConstraints() < 0) {
                outcome.report(X509Error.INVALID_CA, depth + 1);
            }
            checkRevocation(current, issuer.get(), depth, now, outcome);
            current = issuer.get();
        }
        outcome.report(X509Error.CERT_CHAIN_TOO_LONG, MAX_DEPTH);
        return outcome.done();
    }

    /** The errors found so far; throws at the first that is not ignored. */
    private final class Outcome {
        private X509Error atZero;
        private X509Error above;
        private int aboveDepth;

        void report(X509Error error, int depth) throws VerifyFailure {
            IgnoredErrors ignored = depth == 0 ? ignoredAtDepthZero : ignoredAbove;
            if (!ignored.ignores(error.code())) {
                throw new VerifyFailure(error, depth);
            }
            if (depth == 0 && atZero == null) {
                atZero = error;
            } else if (depth > 0 && above == null) {
                above = error;
                aboveDepth = depth;
            }
        }

        VerifyOutcome done() {
            return new VerifyOutcome(Optional.ofNullable(atZero), Optional.ofNullable(above), aboveDepth);
        }
    }

    private boolean isAnchor(X509Certificate certificate) {
        return anchors.contains(certificate);
    }

    /** The certificate among {@code candidates} that issued {@code certificate} (name and signature). */
    private static Optional<X509Certificate> issuerAmong(X509Certificate certificate, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && signedBy(certificate, candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean selfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && signedBy(certificate, certificate);
    }

    private static void checkDates(X509Certificate certificate, int depth, Date now, Outcome outcome)
            throws VerifyFailure {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            outcome.report(X509Error.CERT_HAS_EXPIRED, depth);
        } catch (CertificateNotYetValidException e) {
            outcome.report(X509Error.CERT_NOT_YET_VALID, depth);
        }
    }

    private void checkRevocation(X509Certificate certificate, X509Certificate issuer, int depth, Date now,
                                 Outcome outcome) throws VerifyFailure {
        if (revocations.isEmpty()) {
            return;
        }
        for (X509CRL crl : revocations) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                continue;
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                outcome.report(X509Error.CRL_SIGNATURE_FAILURE, depth);
                return;
            }
            if (crl.getThisUpdate() != null && crl.getThisUpdate().after(now)) {
                outcome.report(X509Error.CRL_NOT_YET_VALID, depth);
            }
            if (crl.getNextUpdate() != null && crl.getNextUpdate().before(now)) {
                outcome.report(X509Error.CRL_HAS_EXPIRED, depth);
            }
            if (crl.isRevoked(certificate)) {
                outcome.report(X509Error.CERT_REVOKED, depth);
            }
            return;
        }
        outcome.report(X509Error.UNABLE_TO_GET_CRL, depth);
    }

    private static void checkPurpose(X509Certificate leaf, String usage, Outcome outcome) throws VerifyFailure {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(usage) && !usages.contains(ANY_USAGE)) {
                outcome.report(X509Error.INVALID_PURPOSE, 0);
            }
        } catch (CertificateParsingException e) {
            outcome.report(X509Error.INVALID_PURPOSE, 0);
        }
    }

    /** RFC 6125 §6.4: the DNS alternative names, else the CN; a {@code *} only as the whole left-most label. */
    public static boolean hostMatches(X509Certificate certificate, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        List<String> names = CertificateKey.dnsNames(certificate);
        if (names.isEmpty()) {
            names = CertificateKey.commonName(certificate).map(cn -> List.of(cn.toLowerCase(Locale.ROOT))).orElse(List.of());
        }
        for (String name : names) {
            if (name.equals(wanted)) {
                return true;
            }
            if (name.startsWith("*.") && name.indexOf('*', 1) < 0) {
                int dot = wanted.indexOf('.');
                if (dot > 0 && wanted.substring(dot).equals(name.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    // X509ExtendedTrustManager: the JDK calls these during the handshake.

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        record(chain, true, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        record(chain, false, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        record(chain, true, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        record(chain, false, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        record(chain, true, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        record(chain, false, null);
    }

    private void record(X509Certificate[] chain, boolean client, SSLSession session) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("empty certificate chain");
        }
        Optional<String> host = client || session == null ? Optional.empty() : expectedHost.apply(session);
        VerifyOutcome outcome;
        try {
            outcome = verify(List.of(chain), client, host, new Date());
        } catch (VerifyFailure failure) {
            if (session != null) {
                session.putValue(OUTCOME, new VerifyOutcome(
                        failure.depth() == 0 ? Optional.of(failure.error()) : Optional.empty(),
                        failure.depth() > 0 ? Optional.of(failure.error()) : Optional.empty(), failure.depth()));
            }
            throw failure;
        }
        if (session != null) {
            session.putValue(OUTCOME, outcome);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.toArray(X509Certificate[]::new);
    }
}
