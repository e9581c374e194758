package dev.shuttle.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The certificates of the running process by name, and the one update transaction the runtime API
 * may have open ({@code set ssl cert}, then {@code commit ssl cert} or {@code abort ssl cert},
 * management.txt). A commit replaces the certificate everywhere it is used at once: listeners and
 * servers read it here at each handshake, and are told to re-index their SNI names.
 *
 * <p>Locking: {@code lock} guards every change (the map is replaced whole, copy on write, so that
 * handshakes read it without a lock), the open transaction and the commit listeners. A handshake
 * chooses a certificate by its alias, which names one version of it: an alias stays readable after
 * its certificate was replaced, for the handshake that chose it a moment before.
 */
public final class CertificateStore {
    /** One version of a certificate: what it is, and the alias handshakes choose it by. */
    public record Version(CertificateKey certificate, String alias) {}

    /** The one transaction: a certificate being replaced, and with what so far. */
    public record Transaction(String name, CertificateKey replacement) {}

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by: lock (replaced whole under it; read without it)
    private volatile Map<String, Version> current;
    // Guarded by: lock
    private Transaction transaction;
    // Guarded by: lock
    private final List<Runnable> commitListeners = new ArrayList<>();
    /** Every version handed out by alias, the replaced ones included (they stay few: one per commit). */
    private final Map<String, CertificateKey> byAlias = new ConcurrentHashMap<>();
    // Guarded by: lock
    private long generation;

    public CertificateStore(Map<String, CertificateKey> certificates) {
        Map<String, Version> initial = new LinkedHashMap<>();
        certificates.forEach((name, key) -> initial.put(name, version(key)));
        current = Map.copyOf(initial);
    }

    private Version version(CertificateKey key) {
        String alias = key.name() + "#" + generation++;
        byAlias.put(alias, key);
        return new Version(key, alias);
    }

    /** The current version of a certificate. */
    public Optional<Version> get(String name) {
        return Optional.ofNullable(current.get(name));
    }

    /** The certificate a handshake chose by its alias, even if it was replaced since. */
    public Optional<CertificateKey> byAlias(String alias) {
        return Optional.ofNullable(byAlias.get(alias));
    }

    /** Every certificate's name, in load order. */
    public List<String> names() {
        return List.copyOf(new LinkedHashMap<>(current).keySet());
    }

    /** The open transaction, if any. */
    public Optional<Transaction> transaction() {
        lock.lock();
        try {
            return Optional.ofNullable(transaction);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code listener} after each commit (a listener re-indexes its SNI names). */
    public void onCommit(Runnable listener) {
        lock.lock();
        try {
            commitListeners.add(listener);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code set ssl cert <name> <payload>}: opens (or updates) the transaction with the PEM
     * payload. A payload without a key keeps the certificate's key; {@code <name>.key} sets the key
     * alone. Returns the runtime API's answer.
     */
    public String set(String name, String payload) throws TlsException {
        boolean keyOnly = name.endsWith(".key") && !current.containsKey(name);
        String target = keyOnly ? name.substring(0, name.length() - 4) : name;
        for (String reserved : List.of(".issuer", ".ocsp", ".sctl")) {
            if (name.endsWith(reserved) && !current.containsKey(name)) {
                throw new TlsException("'" + reserved + "' files cannot be updated: Shuttle does not use them.\n");
            }
        }
        lock.lock();
        try {
            Version existing = current.get(target);
            if (transaction != null && !transaction.name().equals(target)) {
                throw new TlsException("The ongoing transaction is about '" + transaction.name()
                        + "' but you are trying to set '" + target + "'\n");
            }
            if (existing == null) {
                throw new TlsException("Can't replace a certificate which is not referenced by the configuration!\n");
            }
            CertificateKey base = transaction != null ? transaction.replacement() : existing.certificate();
            CertificateKey updated = keyOnly ? withKey(base, payload) : withPayload(base, payload);
            boolean created = transaction == null;
            transaction = new Transaction(target, updated);
            return created ? "Transaction created for certificate " + target + "!\n"
                    : "Transaction updated for certificate " + target + "!\n";
        } finally {
            lock.unlock();
        }
    }

    private static CertificateKey withPayload(CertificateKey base, String payload) throws TlsException {
        List<PemBlocks.Block> blocks = PemBlocks.parse(payload);
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        for (PemBlocks.Block block : blocks) {
            if (block.label().equals("CERTIFICATE")) {
                chain.add(CertificateFiles.certificate(block.der(), base.name()));
            } else if (key == null) {
                key = PrivateKeys.from(block).orElse(null);
            }
        }
        if (chain.isEmpty() && key == null) {
            throw new TlsException("unable to load certificate from file '" + base.name() + "': no start line.");
        }
        return new CertificateKey(base.name(), chain.isEmpty() ? base.chain() : chain, key == null ? base.key() : key,
                List.of());
    }

    private static CertificateKey withKey(CertificateKey base, String payload) throws TlsException {
        for (PemBlocks.Block block : PemBlocks.parse(payload)) {
            Optional<PrivateKey> key = PrivateKeys.from(block);
            if (key.isPresent()) {
                return new CertificateKey(base.name(), base.chain(), key.get(), List.of());
            }
        }
        throw new TlsException("Can't load the payload\n");
    }

    /** {@code commit ssl cert <name>}: the transaction's certificate replaces the current one everywhere. */
    public String commit(String name) throws TlsException {
        List<Runnable> listeners;
        lock.lock();
        try {
            if (transaction == null) {
                throw new TlsException("No ongoing transaction! !\n");
            }
            if (!transaction.name().equals(name)) {
                throw new TlsException("The ongoing transaction is about '" + transaction.name()
                        + "' but you are trying to set '" + name + "'\n");
            }
            CertificateKey replacement = transaction.replacement();
            if (!CertificateFiles.matches(replacement.key(), replacement.leaf().getPublicKey())) {
                throw new TlsException("inconsistencies between private key and certificate loaded '" + name + "'.\n");
            }
            Map<String, Version> next = new LinkedHashMap<>(current);
            next.put(name, version(replacement));
            current = Map.copyOf(next);
            transaction = null;
            listeners = List.copyOf(commitListeners);
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
        return "Committing " + name + ".\nSuccess!\n";
    }

    /** {@code abort ssl cert <name>}: drops the transaction. */
    public String abort(String name) throws TlsException {
        lock.lock();
        try {
            if (transaction == null) {
                throw new TlsException("No ongoing transaction!\n");
            }
            if (!transaction.name().equals(name)) {
                throw new TlsException("The ongoing transaction is about '" + transaction.name()
                        + "' but you are trying to abort a transaction for '" + name + "'\n");
            }
            transaction = null;
            return "Transaction aborted for certificate '" + name + "'!\n";
        } finally {
            lock.unlock();
        }
    }
}
