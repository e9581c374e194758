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

    /**
     * What the connection of a {@code tcp-check connect} or {@code http-check connect} rule goes
     * through: the check's own preamble ({@code defaults}) when it goes to the check's own address,
     * nothing otherwise; and with {@code via-socks4}, the server's SOCKS4 proxy if it has one
     * (configuration.txt, "tcp-check connect").
     */
    static CheckPreamble forConnectRule(CheckPreamble defaults, boolean ownAddress, boolean viaSocks4,
                                        Optional<InetSocketAddress> serverSocks4) {
        CheckPreamble used = ownAddress ? defaults : NONE;
        if (viaSocks4 && serverSocks4.isPresent() && used.socks4Proxy().isEmpty()) {
            return throughSocks4(used, serverSocks4.get());
        }
        return used;
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
