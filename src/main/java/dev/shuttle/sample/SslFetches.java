package dev.shuttle.sample;

import dev.shuttle.tls.CipherStrings;
import dev.shuttle.tls.CipherSuite;
import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;

/**
 * The TLS fetches of configuration.txt §7.3.4, "Fetching samples at Layer 5", and the connection
 * error fetches of §7.3.3 ({@code fc_err}, {@code fc_err_name}, {@code fc_err_str} and their
 * {@code bc_} twins for the server connection, see {@link SocketErrors}): the client
 * connection's TLS ({@code ssl_fc*}), the client's certificate ({@code ssl_c*}), the certificate
 * Shuttle presented to it ({@code ssl_f*}), and the server connection's TLS and certificate
 * ({@code ssl_bc*}, {@code ssl_s*}). They read the {@link TlsConnection}s of the
 * {@link SampleContext}; a plain connection has none, and then {@code ssl_fc} is false and the rest
 * find nothing.
 *
 * <p>Not here because JSSE does not expose them: the negotiated curve, the client and server
 * randoms, session keys and traffic secrets, the raw ClientHello lists ({@code *_cipherlist_*},
 * {@code *_eclist_bin}...), early data, NPN.
 */
public final class SslFetches {
    /** The handshake is over from the session rules on. */
    private static final Set<Phase> AFTER_HANDSHAKE = EnumSet.range(Phase.SESSION, Phase.LOG);
    /** A server connection exists once the backend connected. */
    private static final Set<Phase> WITH_SERVER = EnumSet.of(Phase.RESPONSE_CONTENT, Phase.HTTP_RESPONSE,
            Phase.HTTP_AFTER_RESPONSE, Phase.LOG);
    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);
    private static final List<ArgType> DN_ARGUMENTS = List.of(ArgType.STR, ArgType.SINT, ArgType.STR);

    private SslFetches() {}

    public static void register(SampleRegistry registry) {
        connectionErrors(registry);
        front(registry);
        clientCertificate(registry);
        certificate(registry, "ssl_f", AFTER_HANDSHAKE, context -> context.frontTls().flatMap(TlsConnection::localCertificate));
        back(registry);
        certificate(registry, "ssl_s", WITH_SERVER,
                context -> context.backTls().flatMap(tls -> tls.sessionCertificates().stream().findFirst()));
        fetch(registry, "ssl_s_chain_der", SampleType.BIN, WITH_SERVER,
                context -> context.backTls().filter(tls -> !tls.sessionCertificates().isEmpty())
                        .map(tls -> Sample.bin(chain(tls.sessionCertificates()))));
    }

    /**
     * {@code fc_err*} and {@code bc_err*} (§7.3.3): without an error, the ID is 0, the name empty
     * and the message "Success", as HAProxy 3.5 returns them; {@code bc_err*} find nothing before
     * the exchange tried a server connection.
     */
    private static void connectionErrors(SampleRegistry registry) {
        fetch(registry, "fc_err", SampleType.SINT, ANYWHERE, context -> Optional.of(errorId(context.frontError())));
        fetch(registry, "fc_err_name", SampleType.STR, ANYWHERE, context -> errorName(context.frontError()));
        fetch(registry, "fc_err_str", SampleType.STR, ANYWHERE,
                context -> Optional.of(errorMessage(context.frontError())));
        fetch(registry, "fc_conn_err", SampleType.SINT, ANYWHERE,
                context -> Optional.of(errorId(context.frontError())));
        fetch(registry, "bc_err", SampleType.SINT, WITH_SERVER, context -> context.backConnectionTried()
                ? Optional.of(errorId(context.backError())) : Optional.empty());
        fetch(registry, "bc_err_name", SampleType.STR, WITH_SERVER, context -> context.backConnectionTried()
                ? errorName(context.backError()) : Optional.empty());
        fetch(registry, "bc_err_str", SampleType.STR, WITH_SERVER, context -> context.backConnectionTried()
                ? Optional.of(errorMessage(context.backError())) : Optional.empty());
    }

    private static Sample errorId(Optional<ConnectionError> error) {
        return Sample.sint(error.map(ConnectionError::id).orElse(0));
    }

    private static Optional<Sample> errorName(Optional<ConnectionError> error) {
        return error.isEmpty() ? Optional.of(Sample.str("")) : error.get().symbolicName().map(Sample::str);
    }

    private static Sample errorMessage(Optional<ConnectionError> error) {
        return Sample.str(error.map(ConnectionError::message).orElse(ConnectionError.NO_ERROR_MESSAGE));
    }

    private static void front(SampleRegistry registry) {
        fetch(registry, "ssl_fc", SampleType.BOOL, ANYWHERE,
                context -> Optional.of(Sample.bool(context.frontTls().isPresent())));
        fetch(registry, "ssl_fc_protocol", SampleType.STR, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.str(protocol(tls.protocol()))));
        fetch(registry, "ssl_fc_cipher", SampleType.STR, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.str(cipher(tls.cipher()))));
        fetch(registry, "ssl_fc_alg_keysize", SampleType.SINT, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.sint(keySize(tls.cipher()))));
        fetch(registry, "ssl_fc_use_keysize", SampleType.SINT, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.sint(keySize(tls.cipher()))));
        fetch(registry, "ssl_fc_sni", SampleType.STR, AFTER_HANDSHAKE,
                context -> context.frontTls().flatMap(TlsConnection::serverName).map(Sample::str));
        fetch(registry, "ssl_fc_has_sni", SampleType.BOOL, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.bool(tls.serverName().isPresent())));
        fetch(registry, "ssl_fc_alpn", SampleType.STR, AFTER_HANDSHAKE,
                context -> context.frontTls().flatMap(TlsConnection::alpn).map(Sample::str));
        // False on a connection without TLS too (httpslog prints 0 there, HAProxy 3.5).
        fetch(registry, "ssl_fc_is_resumed", SampleType.BOOL, AFTER_HANDSHAKE,
                context -> Optional.of(Sample.bool(context.frontTls().map(TlsConnection::resumed).orElse(false))));
        fetch(registry, "ssl_fc_session_id", SampleType.BIN, AFTER_HANDSHAKE,
                context -> context.frontTls().filter(tls -> tls.sessionId().length > 0)
                        .map(tls -> Sample.bin(tls.sessionId())));
        fetch(registry, "ssl_fc_has_crt", SampleType.BOOL, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.bool(!tls.peerCertificates().isEmpty())));
        fetch(registry, "ssl_fc_crtname", SampleType.STR, AFTER_HANDSHAKE,
                context -> context.frontTls().map(TlsConnection::certificateName).filter(n -> !n.isEmpty())
                        .map(Sample::str));
        fetch(registry, "ssl_fc_err", SampleType.SINT, ANYWHERE, context -> context.frontTls().isPresent()
                || context.frontError().isPresent() ? Optional.of(Sample.sint(context.frontSslError())) : Optional.empty());
        fetch(registry, "ssl_fc_err_str", SampleType.STR, ANYWHERE, context -> context.frontSslErrorText().isEmpty()
                ? Optional.empty() : Optional.of(Sample.str(context.frontSslErrorText())));
    }

    private static void clientCertificate(SampleRegistry registry) {
        fetch(registry, "ssl_c_used", SampleType.BOOL, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.bool(!tls.sessionCertificates().isEmpty())));
        fetch(registry, "ssl_c_verify", SampleType.SINT, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.sint(tls.verifyResult())));
        fetch(registry, "ssl_c_err", SampleType.SINT, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.sint(tls.certificateError())));
        fetch(registry, "ssl_c_ca_err", SampleType.SINT, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.sint(tls.chainError())));
        fetch(registry, "ssl_c_ca_err_depth", SampleType.SINT, AFTER_HANDSHAKE,
                context -> context.frontTls().map(tls -> Sample.sint(tls.chainErrorDepth())));
        fetch(registry, "ssl_c_chain_der", SampleType.BIN, AFTER_HANDSHAKE,
                context -> context.frontTls().filter(tls -> tls.sessionCertificates().size() > 1)
                        .map(tls -> Sample.bin(chain(tls.sessionCertificates().subList(1, tls.sessionCertificates().size())))));
        fetch(registry, "ssl_c_san", SampleType.STR, AFTER_HANDSHAKE,
                context -> clientLeaf(context).flatMap(CertificateFields::alternativeNames).map(Sample::str));
        registry.registerFetch(new FetchDefinition("ssl_c_r_dn", DN_ARGUMENTS, 0, SampleType.STR, AFTER_HANDSHAKE,
                (args, context, all) -> context.frontTls().map(TlsConnection::sessionCertificates)
                        .filter(chain -> !chain.isEmpty())
                        .flatMap(chain -> CertificateFields.dn(chain.getLast().getIssuerX500Principal(), dnEntry(args),
                                dnOccurrence(args), dnFormat(args)))
                        .map(value -> List.of(Sample.str(value))).orElse(List.of()), SslFetches::checkDn));
        certificate(registry, "ssl_c", AFTER_HANDSHAKE, SslFetches::clientLeaf);
    }

    private static Optional<X509Certificate> clientLeaf(SampleContext context) {
        return context.frontTls().flatMap(tls -> tls.sessionCertificates().stream().findFirst());
    }

    private static void back(SampleRegistry registry) {
        fetch(registry, "ssl_bc", SampleType.BOOL, WITH_SERVER,
                context -> Optional.of(Sample.bool(context.backTls().isPresent())));
        fetch(registry, "ssl_bc_protocol", SampleType.STR, WITH_SERVER,
                context -> context.backTls().map(tls -> Sample.str(protocol(tls.protocol()))));
        fetch(registry, "ssl_bc_cipher", SampleType.STR, WITH_SERVER,
                context -> context.backTls().map(tls -> Sample.str(cipher(tls.cipher()))));
        fetch(registry, "ssl_bc_alg_keysize", SampleType.SINT, WITH_SERVER,
                context -> context.backTls().map(tls -> Sample.sint(keySize(tls.cipher()))));
        fetch(registry, "ssl_bc_use_keysize", SampleType.SINT, WITH_SERVER,
                context -> context.backTls().map(tls -> Sample.sint(keySize(tls.cipher()))));
        fetch(registry, "ssl_bc_alpn", SampleType.STR, WITH_SERVER,
                context -> context.backTls().flatMap(TlsConnection::alpn).map(Sample::str));
        fetch(registry, "ssl_bc_sni", SampleType.STR, WITH_SERVER,
                context -> context.backTls().flatMap(TlsConnection::serverName).map(Sample::str));
        fetch(registry, "ssl_bc_is_resumed", SampleType.BOOL, WITH_SERVER,
                context -> context.backTls().map(tls -> Sample.bool(tls.resumed())));
        fetch(registry, "ssl_bc_session_id", SampleType.BIN, WITH_SERVER,
                context -> context.backTls().filter(tls -> tls.sessionId().length > 0)
                        .map(tls -> Sample.bin(tls.sessionId())));
        fetch(registry, "ssl_bc_err", SampleType.SINT, WITH_SERVER,
                context -> context.backTls().map(tls -> Sample.sint(0)));
    }

    /** {@code <prefix>_der}, {@code _s_dn}, {@code _i_dn}, {@code _notbefore}... of one certificate. */
    private static void certificate(SampleRegistry registry, String prefix, Set<Phase> phases,
                                    Function<SampleContext, Optional<X509Certificate>> which) {
        fetch(registry, prefix + "_der", SampleType.BIN, phases,
                context -> which.apply(context).map(c -> Sample.bin(CertificateFields.der(c))));
        fetch(registry, prefix + "_sha1", SampleType.BIN, phases,
                context -> which.apply(context).map(c -> Sample.bin(CertificateFields.sha1(c))));
        fetch(registry, prefix + "_serial", SampleType.BIN, phases,
                context -> which.apply(context).map(c -> Sample.bin(CertificateFields.serial(c))));
        fetch(registry, prefix + "_notbefore", SampleType.STR, phases,
                context -> which.apply(context).map(c -> Sample.str(CertificateFields.date(c.getNotBefore()))));
        fetch(registry, prefix + "_notafter", SampleType.STR, phases,
                context -> which.apply(context).map(c -> Sample.str(CertificateFields.date(c.getNotAfter()))));
        fetch(registry, prefix + "_sig_alg", SampleType.STR, phases,
                context -> which.apply(context).map(c -> Sample.str(CertificateFields.signatureAlgorithm(c))));
        fetch(registry, prefix + "_key_alg", SampleType.STR, phases,
                context -> which.apply(context).map(c -> Sample.str(CertificateFields.keyAlgorithm(c))));
        fetch(registry, prefix + "_version", SampleType.SINT, phases,
                context -> which.apply(context).map(c -> Sample.sint(CertificateFields.version(c))));
        dn(registry, prefix + "_s_dn", phases, which, X509Certificate::getSubjectX500Principal);
        dn(registry, prefix + "_i_dn", phases, which, X509Certificate::getIssuerX500Principal);
    }

    private static void dn(SampleRegistry registry, String name, Set<Phase> phases,
                           Function<SampleContext, Optional<X509Certificate>> which,
                           Function<X509Certificate, X500Principal> part) {
        registry.registerFetch(new FetchDefinition(name, DN_ARGUMENTS, 0, SampleType.STR, phases,
                (args, context, all) -> which.apply(context)
                        .flatMap(c -> CertificateFields.dn(part.apply(c), dnEntry(args), dnOccurrence(args), dnFormat(args)))
                        .map(value -> List.of(Sample.str(value))).orElse(List.of()), SslFetches::checkDn));
    }

    private static String dnEntry(Arguments args) {
        return args.has(0) ? args.str(0) : "";
    }

    private static long dnOccurrence(Arguments args) {
        return args.has(1) ? args.sint(1) : 0;
    }

    private static String dnFormat(Arguments args) {
        return args.has(2) ? args.str(2) : "";
    }

    private static Arguments checkDn(Arguments args) throws SampleCompileException {
        if (args.has(2) && !args.str(2).equals("rfc2253")) {
            throw new SampleCompileException("only rfc2253 or a blank value are currently supported as the format argument.");
        }
        return args;
    }

    private static byte[] chain(List<X509Certificate> certificates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        certificates.forEach(c -> out.writeBytes(CertificateFields.der(c)));
        return out.toByteArray();
    }

    /** OpenSSL's version names: {@code TLSv1} is {@code TLSv1} there too. */
    static String protocol(String jsse) {
        return jsse;
    }

    /** OpenSSL's cipher name of an IANA suite name ({@code ECDHE-RSA-AES128-GCM-SHA256}). */
    static String cipher(String iana) {
        return CipherStrings.openSslName(iana);
    }

    /** The symmetric cipher's key size in bits ({@code *_alg_keysize}, {@code *_use_keysize}). */
    static long keySize(String iana) {
        return CipherSuite.of(iana).map(CipherSuite::bits).orElse(0);
    }

    private static void fetch(SampleRegistry registry, String name, SampleType type, Set<Phase> phases,
                              Function<SampleContext, Optional<Sample>> value) {
        registry.registerFetch(new FetchDefinition(name, List.of(), 0, type, phases,
                (args, context, all) -> value.apply(context).map(List::of).orElse(List.of())));
    }
}
