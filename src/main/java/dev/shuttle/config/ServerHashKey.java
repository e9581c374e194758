package dev.shuttle.config;

/**
 * A server's {@code hash-key} (configuration.txt §5.2): what places it on a consistent-hash ring,
 * so that two load balancers with the same servers agree on where each key goes.
 */
public enum ServerHashKey {
    /** Its numeric {@code id} (the default). */
    ID,
    /** Its numeric {@code id}, mixed by the full avalanche hash. */
    ID32,
    /** Its IP address. */
    ADDR,
    /** Its IP address and port. */
    ADDR_PORT
}
