package dev.shuttle.config;

import dev.shuttle.tls.SessionCache;
import dev.shuttle.tls.TlsFiles;

/**
 * The process-wide TLS settings of the {@code global} section: the session cache ({@code
 * tune.ssl.cachesize}, {@code tune.ssl.lifetime}) and every certificate, CA and CRL file the
 * configuration named, read once while it loaded. The {@code ssl-default-*} options are already
 * folded into each listener's and server's options.
 */
public record TlsGlobalSettings(SessionCache sessions, TlsFiles files) {
    public static final TlsGlobalSettings NONE = new TlsGlobalSettings(SessionCache.DEFAULTS, TlsFiles.NONE);
}
