package dev.shuttle.check;

import java.net.InetSocketAddress;

/**
 * What a check's connection sends before its probe speaks: the PROXY header of a server checked with
 * {@code check-send-proxy}, or of a {@code send-proxy*} server checked on its own address
 * (configuration.txt, "check-send-proxy"). Made from the connection's own addresses, once open.
 */
@FunctionalInterface
public interface CheckPreamble {
    /** Nothing before the probe. */
    CheckPreamble NONE = (local, server) -> null;

    /** The bytes to send first on a connection from {@code local} to {@code server}; null for none. */
    byte[] bytes(InetSocketAddress local, InetSocketAddress server);
}
