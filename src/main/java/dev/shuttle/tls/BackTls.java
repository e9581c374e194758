package dev.shuttle.tls;

import java.io.IOException;
import java.net.IDN;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS to one server ({@code server ... ssl}): one JSSE client context, made at startup with the
 * server's trust ({@code verify}, {@code ca-file}, {@code crl-file}) and client certificate
 * ({@code crt}), and a handshake per new connection with that request's SNI ({@link #handshake}).
 *
 * <p>Sessions are resumed ({@code ssl-reuse}, the default) from the context's cache, keyed by the
 * server's address and the SNI: JSSE keys its client cache by a host and port, and Shuttle gives it
 * that pair. {@code no-ssl-reuse} gives it no host, and JSSE then caches nothing.
 *
 * <p>The certificate's names are checked against the SNI sent, else {@code verifyhost}; with
 * neither, they are not checked (configuration.txt, server "verify").
 */
public final class BackTls {
    private final SSLContext context;
    private final SSLParameters parameters;
    private final List<String> alpn;
    private final boolean reuse;

    /**
     * @param clientCertificate the name of the certificate in {@code store} to present, if any
     * @param verifyHost        the name to check the certificate against when no SNI is sent
     */
    public BackTls(TlsOptions options, Optional<String> clientCertificate, Optional<String> verifyHost, boolean reuse,
                   SessionCache sessions, CertificateStore store, TlsFiles files) throws TlsException {
        X509ExtendedTrustManager trust;
        if (options.verifyOr(VerifyMode.REQUIRED) == VerifyMode.NONE) {
            trust = new TrustEverything();
        } else {
            List<X509Certificate> anchors = new ArrayList<>(options.caFile().map(files::caFile).orElse(List.of()));
            trust = new CertificateVerifier(anchors, List.of(), options.crlFile().map(files::crlFile).orElse(List.of()),
                    IgnoredErrors.NONE, IgnoredErrors.NONE, session -> requestedName(session).or(() -> verifyHost));
        }
        this.context = Contexts.make(clientCertificate.map(name -> new ClientCertificateManager(name, store))
                .orElse(null), trust, false, !options.noTlsTickets().orElse(false), sessions.size(),
                sessions.lifetimeSeconds());
        this.parameters = Contexts.parameters(options);
        this.alpn = options.alpn().orElse(List.of());
        this.reuse = reuse;
    }

    /**
     * Runs the handshake over a new connection {@code plain} to a server at {@code address} (a text
     * that tells servers apart, for the session cache), sending {@code serverName} as SNI when it is
     * a host name; a read timeout of {@code timeoutMillis} bounds it.
     */
    public Established handshake(Socket plain, String address, Optional<String> serverName, int timeoutMillis)
            throws IOException {
        return handshake(plain, address, serverName, alpn, timeoutMillis);
    }

    /** The ALPN protocols the server's connections offer ({@code alpn}), in order; empty when none. */
    public List<String> alpn() {
        return alpn;
    }

    /**
     * As {@link #handshake(Socket, String, Optional, int)}, offering {@code protocols} by ALPN (none
     * when empty) in place of the server's {@code alpn}: a health check's {@code check-alpn}.
     */
    public Established handshake(Socket plain, String address, Optional<String> serverName, List<String> protocols,
                                 int timeoutMillis) throws IOException {
        long started = System.currentTimeMillis();
        Optional<String> sni = serverName.filter(BackTls::isHostName);
        String cacheKey = reuse ? address + "/" + sni.orElse("") : null;
        ReplaySocket beneath = plain instanceof ReplaySocket watched ? watched : new ReplaySocket(plain, new byte[0]);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(beneath, cacheKey, plain.getPort(), true);
        SSLParameters connection = copy(parameters);
        List<SNIServerName> names = new ArrayList<>();
        sni.ifPresent(name -> names.add(new SNIHostName(name)));
        connection.setServerNames(names);
        if (!protocols.isEmpty()) {
            connection.setApplicationProtocols(protocols.toArray(String[]::new));
        }
        tls.setSSLParameters(connection);
        int before = plain.getSoTimeout();
        plain.setSoTimeout(timeoutMillis);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            closeQuietly(tls);
            throw e;
        }
        plain.setSoTimeout(before);
        return Established.of(tls, sni, started, beneath);
    }

    /**
     * {@code plain}, watched for what its own reads and writes meet ({@link SocketBeneath}): given
     * to {@link #handshake}, it tells the caller whether a handshake that failed met the socket's
     * end or failure, or failed in TLS itself.
     */
    public static Socket watched(Socket plain) throws IOException {
        return new ReplaySocket(plain, new byte[0]);
    }

    private static SSLParameters copy(SSLParameters template) {
        SSLParameters copy = new SSLParameters(template.getCipherSuites(), template.getProtocols());
        copy.setNamedGroups(template.getNamedGroups());
        copy.setSignatureSchemes(template.getSignatureSchemes());
        copy.setUseCipherSuitesOrder(template.getUseCipherSuitesOrder());
        return copy;
    }

    /** SNI carries DNS names only (RFC 6066 §3): not IP literals, nor anything JSSE would refuse. */
    static boolean isHostName(String name) {
        if (name.isEmpty() || name.endsWith(".") || name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
            return false;
        }
        try {
            new SNIHostName(IDN.toASCII(name.toLowerCase(Locale.ROOT)));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> requestedName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return Optional.of(host.getAsciiName());
                }
            }
        }
        return Optional.empty();
    }

    private static void closeQuietly(SSLSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the handshake failed; the socket goes either way
        }
    }

    /** {@code verify none}: any certificate is accepted. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
