package dev.shuttle.config.parse;

import dev.shuttle.config.ServerProtocol;
import dev.shuttle.lang.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ws auto|h1|h2} (configuration.txt §5.2, "ws"): which protocol a server's WebSocket
 * streams use. Shuttle sends a WebSocket in the protocol of the server's connections (over HTTP/2
 * as an RFC 8441 extended CONNECT), which is what {@code auto} means, and what {@code h1} or
 * {@code h2} mean when the server's connections always speak that protocol. The rest is refused,
 * naming the line: a WebSocket on a connection of another protocol than the server's
 * ({@code ws h1} on a {@code proto h2} server, {@code ws h2} on an HTTP/1 one), and the ALPN
 * offer 3.5 changes for a WebSocket's connection ({@code alpn} with several protocols).
 */
final class ServerWebSocketOption {
    /** The protocol named. */
    enum Choice { AUTO, H1, H2 }

    private ServerWebSocketOption() {}

    /** The value of {@code ws}, with 3.5's message for a missing or unknown one. */
    static Choice parse(String context, String value) throws ConfigException {
        return switch (value) {
            case "auto" -> Choice.AUTO;
            case "h1" -> Choice.H1;
            case "h2" -> Choice.H2;
            default -> throw new ConfigException(context + " : 'ws' has to be 'auto', 'h1' or 'h2'.");
        };
    }

    /**
     * Refuses a {@code ws} Shuttle does not honour, once the whole server line is known.
     *
     * @param alpn the protocols of the server's {@code alpn}, when its connections use TLS with one
     */
    static void check(String context, Optional<Choice> choice, ServerProtocol protocol, Optional<List<String>> alpn)
            throws ConfigException {
        if (choice.isEmpty()) {
            return;
        }
        boolean byAlpn = protocol == ServerProtocol.BY_ALPN && alpn.isPresent();
        if (byAlpn && alpn.get().size() > 1) {
            throw new ConfigException(context + " : 'ws " + name(choice.get()) + "' with an 'alpn' of several "
                    + "protocols is not supported by Shuttle: it does not change the ALPN offer of a WebSocket's "
                    + "connection (configuration.txt, \"ws\").");
        }
        String only = byAlpn ? alpn.get().getFirst()
                : protocol == ServerProtocol.HTTP2 ? "h2" : "http/1.1";
        boolean mismatch = switch (choice.get()) {
            case AUTO -> false;
            case H1 -> !only.equals("http/1.1");
            case H2 -> !only.equals("h2");
        };
        if (mismatch) {
            throw new ConfigException(context + " : 'ws " + name(choice.get()) + "' is not supported by Shuttle on a "
                    + "server whose connections speak " + (only.equals("h2") ? "HTTP/2" : "HTTP/1.1")
                    + ": WebSocket streams use the server's own protocol ('ws auto').");
        }
    }

    private static String name(Choice choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }
}
