package dev.shuttle.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Gives JSSE a listener's certificate for each handshake: the one the listener chose from the
 * ClientHello before the handshake ({@code chosen}, by socket), else the one its {@link SniIndex}
 * chooses for the server name and signature algorithms of the handshake's session. JSSE asks once
 * per key type it could use; only the chosen certificate's type gets an answer. Certificates are
 * read from the {@link CertificateStore} by alias, so a runtime update takes effect at the next
 * handshake.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final Supplier<SniIndex> index;
    private final CertificateStore store;
    private final Map<Socket, SniIndex.Candidate> chosen;

    SniKeyManager(Supplier<SniIndex> index, CertificateStore store, Map<Socket, SniIndex.Candidate> chosen) {
        this.index = index;
        this.store = store;
        this.chosen = chosen;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SniIndex.Candidate decided = socket == null ? null : chosen.get(socket);
        if (decided != null) {
            return fits(decided, keyType) ? decided.version().alias() : null;
        }
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        return choose(keyType, session);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    private String choose(String keyType, SSLSession session) {
        Optional<SniIndex.Candidate> selected = index.get().select(asked(session));
        if (selected.isEmpty()) {
            return null;
        }
        return fits(selected.get(), keyType) ? selected.get().version().alias() : null;
    }

    private static boolean fits(SniIndex.Candidate candidate, String keyType) {
        String type = candidate.certificate().keyType();
        return type.equals(keyType) || (keyType.equals("EdDSA") && type.startsWith("Ed"));
    }

    /** The server name and signature algorithms of a handshake in progress. */
    static SniIndex.Asked asked(SSLSession session) {
        Optional<String> name = Optional.empty();
        boolean ecdsa = false;
        boolean rsa = false;
        boolean eddsa = false;
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName server : extended.getRequestedServerNames()) {
                if (server instanceof SNIHostName host) {
                    name = Optional.of(host.getAsciiName().toLowerCase(Locale.ROOT));
                }
            }
            String[] algorithms = extended.getPeerSupportedSignatureAlgorithms();
            if (algorithms.length == 0) {
                rsa = true; // TLS 1.2 without the extension: RSA is assumed (RFC 5246 §7.4.1.4.1)
            }
            for (String algorithm : algorithms) {
                String upper = algorithm.toUpperCase(Locale.ROOT);
                ecdsa |= upper.contains("ECDSA");
                rsa |= upper.contains("RSA");
                eddsa |= upper.contains("ED25519") || upper.contains("ED448") || upper.contains("EDDSA");
            }
        }
        return new SniIndex.Asked(name, ecdsa, rsa, eddsa);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return store.byAlias(alias).map(key -> key.chain().toArray(X509Certificate[]::new)).orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return store.byAlias(alias).map(CertificateKey::key).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return index.get().names().values().stream().flatMap(List::stream)
                .filter(c -> c.certificate().keyType().equals(keyType))
                .map(c -> c.version().alias()).distinct().toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
