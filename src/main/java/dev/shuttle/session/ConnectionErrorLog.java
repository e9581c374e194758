package dev.shuttle.session;

import dev.shuttle.sample.ConnectionError;
import java.util.Optional;

/**
 * Told about a connection that failed in its pipeline's stages (a TLS handshake, a PROXY
 * header), before any stream existed: HAProxy's error log line (configuration.txt §8.2.5). The log
 * implements it; a test may count.
 */
@FunctionalInterface
public interface ConnectionErrorLog {
    /**
     * @param listenerLabel the listener's {@code name}, else its number in its frontend
     * @param detail        the TLS library's reason, for the line's parentheses
     * @param anyByte       whether the client sent anything at all ({@code option dontlognull} drops the rest)
     */
    void failed(Session session, String listenerLabel, ConnectionError error, Optional<String> detail, boolean anyByte);

    ConnectionErrorLog NONE = (session, label, error, detail, anyByte) -> { };
}
