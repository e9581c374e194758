package dev.shuttle.check;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a check's connection goes through before its probe speaks: a SOCKS4 proxy for a server
 * checked with {@code check-via-socks4} (configuration.txt, "check-via-socks4"), then the PROXY
 * header of a server checked with {@code check-send-proxy}, or of a {@code send-proxy*} server
 * checked on its own address (configuration.txt, "check-send-proxy"). The header is made from the
 * connection's own addresses, once open.
 */
@FunctionalInterface
public interface CheckPreamble {
    /** Nothing before the probe. */
    CheckPreamble NONE = (local, server) -> null;

    /** The bytes to send first on a connection from {@code local} to {@code server}; null for none. */
    byte[] bytes(InetSocketAddress local, InetSocketAddress server);

    /** The SOCKS4 proxy the connection opens through; empty: straight to the server. */
    default Optional<InetSocketAddress> socks4Proxy() {
        return Optional.empty();
    }

    /** {@code header} on a connection opened through the SOCKS4 proxy at {@code proxy}. */
    static CheckPreamble throughSocks4(CheckPreamble header, InetSocketAddress proxy) {
        return new CheckPreamble() {
            @Override
            public byte[] bytes(InetSocketAddress local, InetSocketAddress server) {
                return header.bytes(local, server);
            }

            @Override
            public Optional<InetSocketAddress> socks4Proxy() {
                return Optional.of(proxy);
            }
        };
    }
}
