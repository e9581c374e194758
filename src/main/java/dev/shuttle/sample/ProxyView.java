package dev.shuttle.sample;

/**
 * What fetches and rules read about a proxy: its name and id ({@code fe_name}, {@code be_id}...)
 * and its capture slots ({@code capture request header}, {@code declare capture}). The
 * configuration's proxy records implement it, above this package, so that the expression
 * language does not depend on the configuration.
 */
public interface ProxyView {
    String name();

    /** The numeric id, given with {@code id} or numbered in order. */
    int id();

    /** The slots {@code capture.req.hdr(n)}/{@code capture.res.hdr(n)} read and the capture rules fill. */
    Captures captures();

    /** The timeouts the {@code *_timeout} fetches report (configuration.txt §7.3.3). */
    enum Timeout { CLIENT, SERVER, CONNECT, QUEUE, TARPIT, TUNNEL }

    /**
     * A timeout in milliseconds as the proxy applies it, 0 when unset; in a proxy with a backend
     * side, {@code queue} and {@code tarpit} fall back to {@code connect}, as HAProxy's do.
     */
    long timeoutMillis(Timeout kind);

    /** {@code retries}: connection attempts after the first ({@code be_max_retries}). */
    int retries();

    /** The backend {@code default_backend} names ({@code fe_defbe}), if any. */
    java.util.Optional<String> defaultBackend();
}
