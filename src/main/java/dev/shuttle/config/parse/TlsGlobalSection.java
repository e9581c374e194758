package dev.shuttle.config.parse;

import dev.shuttle.tls.SessionCache;
import dev.shuttle.tls.TlsFiles;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.VerifyMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS part of the {@code global} section while it is parsed, and the TLS files read so far:
 * the {@code ssl-default-bind-*} and {@code ssl-default-server-*} options every later listener and
 * server starts from, the base directories, the session cache settings, and the {@code crt-store}
 * aliases.
 */
final class TlsGlobalSection {
    TlsOptions.Builder bindDefaults = new TlsOptions.Builder();
    TlsOptions.Builder serverDefaults = new TlsOptions.Builder();
    /** {@code strict-sni} in {@code ssl-default-bind-options}. */
    boolean strictSniByDefault;
    /** {@code ssl-server-verify}: what a server without {@code verify} does. */
    VerifyMode serverVerify = VerifyMode.REQUIRED;
    Optional<String> caBase = Optional.empty();
    Optional<String> crtBase = Optional.empty();
    Optional<String> keyBase = Optional.empty();
    int sessionCacheSize = SessionCache.DEFAULTS.size();
    int sessionLifetimeSeconds = SessionCache.DEFAULTS.lifetimeSeconds();
    /** {@code ssl-load-extra-files}: whether a certificate without its key looks for {@code <file>.key}. */
    boolean loadKeyFiles = true;
    /** {@code ssl-load-extra-del-ext}: a {@code .crt} extension is dropped before {@code .key} is added. */
    boolean dropCrtExtension;
    final TlsFiles.Builder files = new TlsFiles.Builder();
    /** {@code crt-store} references ({@code @/alias}, {@code @store/name}) and the certificate name each stands for. */
    final Map<String, String> storeReferences = new HashMap<>();

    SessionCache sessions() {
        return new SessionCache(sessionCacheSize, sessionLifetimeSeconds);
    }

    /** A certificate path as written, under {@code crt-base} when relative. */
    String certificatePath(String written) {
        return under(crtBase, written);
    }

    /** A CA or CRL file as written, under {@code ca-base} when relative. */
    String caPath(String written) {
        return written.equals("@system-ca") ? written : under(caBase, written);
    }

    static String under(Optional<String> base, String written) {
        if (base.isEmpty() || written.startsWith("/") || written.startsWith("@")) {
            return written;
        }
        return Path.of(base.get()).resolve(written).toString();
    }
}
