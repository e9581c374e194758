package dev.shuttle.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client certificate a server connection presents when the server asks for one (server {@code
 * crt}): the same certificate whatever CA the server names, as OpenSSL sends it. Read from the
 * {@link CertificateStore} at each handshake, so that a runtime update takes effect at once.
 */
final class ClientCertificateManager extends X509ExtendedKeyManager {
    private final String name;
    private final CertificateStore store;

    ClientCertificateManager(String name, CertificateStore store) {
        this.name = name;
        this.store = store;
    }

    private Optional<CertificateStore.Version> current() {
        return store.get(name);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return current().filter(v -> keyTypes == null || Arrays.asList(keyTypes).contains(v.certificate().keyType())
                        || Arrays.asList(keyTypes).contains("EdDSA") && v.certificate().keyType().startsWith("Ed"))
                .map(CertificateStore.Version::alias).orElse(null);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
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
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current().map(v -> new String[] {v.alias()}).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
