package dev.shuttle.config;

import dev.shuttle.net.Address;
import java.util.Optional;

/**
 * A server reached through a SOCKS4 proxy (configuration.txt §5.2, "socks4", "check-via-socks4").
 *
 * @param proxy  {@code socks4 <addr>:<port>}: the proxy each new connection to the server opens
 *               through; empty for a direct connection
 * @param checks {@code check-via-socks4}: the health checks' default connection goes through it too
 *               (without it they go straight to the server)
 */
public record Socks4Settings(Optional<Address.Inet> proxy, boolean checks) {
    /** Direct connections. */
    public static final Socks4Settings NONE = new Socks4Settings(Optional.empty(), false);

    /** Whether checks whose connection is the default one go through the proxy. */
    public boolean checksViaProxy() {
        return checks && proxy.isPresent();
    }
}
