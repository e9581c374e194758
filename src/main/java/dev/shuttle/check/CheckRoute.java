package dev.shuttle.check;

import dev.shuttle.tls.BackTls;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * How one connection of a check is made, once its {@code connect} options and the server's check
 * settings are combined ({@link CheckConnections}): where it goes, what it sends first, whether it
 * speaks TLS and with which SNI and ALPN, and how it is closed.
 *
 * @param target   the address and port connected to
 * @param preamble what is sent first (a PROXY header), before any TLS
 * @param tls      the TLS of the connection, if it uses TLS
 * @param linger   closed with a FIN ({@code linger}); otherwise reset, as HAProxy closes its checks
 */
public record CheckRoute(InetSocketAddress target, CheckPreamble preamble, Optional<Tls> tls, boolean linger) {
    /** A plain connection to {@code target} that sends nothing first and is reset at the end. */
    public static CheckRoute plain(InetSocketAddress target) {
        return new CheckRoute(target, CheckPreamble.NONE, Optional.empty(), false);
    }

    /**
     * The TLS side of a check's connection: the server's context (its {@code verify}, {@code
     * ca-file}, {@code crt}, versions and ciphers), the SNI sent and the ALPN protocols offered.
     */
    public record Tls(BackTls context, Optional<String> sni, List<String> alpn) {}
}
