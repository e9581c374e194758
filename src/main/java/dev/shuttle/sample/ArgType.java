package dev.shuttle.sample;

/**
 * The types of fetch and converter arguments, checked and converted once when the expression is
 * compiled (configuration.txt §7.3: "fetch(arg1,arg2)"; HAProxy's ARGT_* types).
 */
public enum ArgType {
    /** Any text. */
    STR,
    /** A signed integer. */
    SINT,
    /** A time, {@code 10s} (milliseconds). */
    TIME,
    /** A size, {@code 16k} (bytes). */
    SIZE,
    /** An IPv4 address. */
    IPV4,
    /** An IPv4 network mask, {@code 24} or {@code 255.255.255.0}. */
    MSK4,
    /** An IPv6 address. */
    IPV6,
    /** An IPv6 prefix length. */
    MSK6,
    /** A regular expression (compiled once). */
    REG,
    /** A variable name with its scope, {@code txn.name}. */
    VAR,
    /** A map file (loaded once, shared by every expression that names it). */
    MAP,
    /** A backend name, resolved when the configuration is complete. */
    BACKEND,
    /** A frontend name. */
    FRONTEND,
    /** A {@code backend/server} name. */
    SERVER,
    /** A named ACL, optionally after '!' ({@code acl(<name>)}), resolved in the compile scope. */
    ACL
}
