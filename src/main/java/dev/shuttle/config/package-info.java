/**
 * The loaded configuration: the immutable records that every runtime package reads
 * ({@link dev.shuttle.config.Configuration}, {@code GlobalConfig}, {@code ProxyConfig},
 * {@code ServerConfig}, {@code BindConfig}, timeouts, HTTP settings, log targets...), and the
 * enums of their settings. Values only: reading the text that produces them is
 * {@code config.parse}'s.
 *
 * <p>Off the data path, between the two: above the expression language (a proxy's records hold
 * its compiled rules and ACLs, {@code rules}, {@code acl}, {@code pattern}, {@code sample}) and
 * the basic floors ({@code lang}, {@code version}, {@code net}, {@code http}, {@code stats},
 * {@code io}), which are all it may import; below every runtime package, which reads it.
 * HAProxy counterpart: the {@code struct proxy}, {@code struct server} and {@code global} settings
 * that cfgparse fills. Immutable once loaded; no I/O.
 */
package dev.shuttle.config;
