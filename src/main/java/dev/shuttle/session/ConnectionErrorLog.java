package dev.shuttle.session;

import dev.shuttle.sample.ConnectionError;
import java.util.Optional;

/**
 * The log of a connection before any stream exists: told about a connection that failed in its
 * pipeline's stages (a TLS handshake, a PROXY header), HAProxy's error log line (configuration.txt
 * §8.2.5), and asked for the lines of the {@code tcp-request connection|session do-log} rules. The
 * log implements it; a test may count.
 */
@FunctionalInterface
public interface ConnectionErrorLog {
    /**
     * @param listenerLabel the listener's {@code name}, else its number in its frontend
     * @param detail        the TLS library's reason, for the line's parentheses
     * @param anyByte       whether the client sent anything at all ({@code option dontlognull} drops the rest)
     */
    void failed(Session session, String listenerLabel, ConnectionError error, Optional<String> detail, boolean anyByte);

    /**
     * A {@code do-log} rule ran before the stream exists, at {@code step} ({@code tcp-req-conn} or
     * {@code tcp-req-sess}), with the log profile named {@code profile} on every target if present.
     */
    default void ruleStep(Session session, String step, Optional<String> profile) {
    }

    ConnectionErrorLog NONE = (session, label, error, detail, anyByte) -> { };
}
