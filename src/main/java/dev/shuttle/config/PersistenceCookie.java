package dev.shuttle.config;

import java.util.List;
import java.util.Optional;

/**
 * A backend's persistence cookie (configuration.txt §4.2, "cookie"): the name the client brings
 * back, how the proxy treats it in responses, and the attributes of an inserted cookie. Immutable.
 *
 * @param name           the cookie's name
 * @param mode           insert, rewrite, prefix, or none of them (passive: the cookie is only read)
 * @param indirect       no cookie for a client that already has the right one; in insert mode the
 *                       cookie is also removed from requests to the server
 * @param noCache        a cacheable response that gets an inserted cookie is marked {@code Cache-Control: private}
 * @param postOnly       cookies are inserted only in responses to POST requests
 * @param preserve       a cookie the server sets itself is left alone
 * @param httpOnly       the inserted cookie gets {@code HttpOnly}
 * @param secure         the inserted cookie gets {@code Secure}
 * @param domains        one {@code domain=} attribute each, in order
 * @param maxIdleSeconds 0, or the idle time after which a cookie's last-seen date makes it expired
 * @param maxLifeSeconds 0, or the age after which a cookie's first-seen date makes it too old
 * @param dynamic        servers without a {@code cookie} get one derived from {@code dynamic-cookie-key}
 * @param attributes     {@code attr} values, added as they are
 * @param dynamicKey     the backend's {@code dynamic-cookie-key}, which the runtime API may change
 */
public record PersistenceCookie(String name, Mode mode, boolean indirect, boolean noCache, boolean postOnly,
                                boolean preserve, boolean httpOnly, boolean secure, List<String> domains,
                                long maxIdleSeconds, long maxLifeSeconds, boolean dynamic, List<String> attributes,
                                Optional<String> dynamicKey) {
    /** What the proxy does with the cookie in responses. */
    public enum Mode {
        /** No mode keyword: the cookie is read from requests, and never written. */
        PASSIVE,
        /** The proxy inserts its own {@code Set-Cookie}. */
        INSERT,
        /** The server sets the cookie; the proxy replaces its value with the server's. */
        REWRITE,
        /** The server sets the cookie; the proxy prefixes its value with the server's and {@code ~}. */
        PREFIX
    }

    public PersistenceCookie {
        domains = List.copyOf(domains);
        attributes = List.copyOf(attributes);
    }

    /** A cookie line without a {@code dynamic-cookie-key}. */
    public PersistenceCookie(String name, Mode mode, boolean indirect, boolean noCache, boolean postOnly,
                             boolean preserve, boolean httpOnly, boolean secure, List<String> domains,
                             long maxIdleSeconds, long maxLifeSeconds, boolean dynamic, List<String> attributes) {
        this(name, mode, indirect, noCache, postOnly, preserve, httpOnly, secure, domains, maxIdleSeconds,
                maxLifeSeconds, dynamic, attributes, Optional.empty());
    }

    /** The same cookie with the backend's {@code dynamic-cookie-key}. */
    public PersistenceCookie withDynamicKey(String key) {
        return new PersistenceCookie(name, mode, indirect, noCache, postOnly, preserve, httpOnly, secure, domains,
                maxIdleSeconds, maxLifeSeconds, dynamic, attributes, Optional.of(key));
    }

    /**
     * Whether the log's {@code %tsc} reports the cookie's states: HAProxy prints them for every mode
     * keyword and {@code indirect}, and {@code --} for a bare {@code cookie <name>} (log.c).
     */
    public boolean logsStates() {
        return mode != Mode.PASSIVE || indirect;
    }

    /** Whether cookie dates ({@code NAME=SRV|<last>|<first>}) are written and checked. */
    public boolean dated() {
        return maxIdleSeconds > 0 || maxLifeSeconds > 0;
    }
}
