package dev.shuttle.config;

import java.util.List;
import java.util.Optional;

/**
 * The options of a check's {@code connect} step (configuration.txt §4, "tcp-check connect",
 * "http-check connect"): where the connection goes and how it is made. An explicit connect uses
 * only its own options; with {@code default} (and the implicit connect of a ruleset that does not
 * start with one) the server's check settings fill in what it leaves out: TLS as {@code check-ssl}
 * decides, {@code check-sni}, {@code check-alpn}, the PROXY header of {@code check-send-proxy}.
 *
 * @param useDefaults  {@code default}: the server's check settings apply
 * @param port         {@code port <n>}; 0: the port of {@code addr}, else the check's own
 * @param address      {@code addr <ip>[:<port>]}: an IP literal; empty: the check's own address
 * @param addressPort  the port written in {@code addr}; 0 when none
 * @param sendProxy    {@code send-proxy}: the connection starts with a PROXY header
 * @param ssl          {@code ssl}: the connection uses TLS, with the server's TLS settings
 * @param sni          {@code sni <name>}: the SNI sent (over {@code check-sni})
 * @param alpn         {@code alpn <list>}: the protocols offered (over {@code check-alpn})
 * @param linger       {@code linger}: closed cleanly (FIN), not reset
 * @param viaSocks4    {@code via-socks4}: through the server's {@code socks4} proxy, if it has one
 * @param implicit     not written: the connect a ruleset begins with when its first step is not one
 */
public record CheckConnect(boolean useDefaults, int port, Optional<String> address, int addressPort, boolean sendProxy,
                           boolean ssl, Optional<String> sni, Optional<List<String>> alpn, boolean linger,
                           boolean viaSocks4, boolean implicit) {
    /** The connect a ruleset that does not start with one begins with: the server's check settings. */
    public static final CheckConnect IMPLICIT = new CheckConnect(true, 0, Optional.empty(), 0, false, false,
            Optional.empty(), Optional.empty(), false, false, true);

    /** A connect without {@code via-socks4}. */
    public CheckConnect(boolean useDefaults, int port, Optional<String> address, int addressPort, boolean sendProxy,
                        boolean ssl, Optional<String> sni, Optional<List<String>> alpn, boolean linger,
                        boolean implicit) {
        this(useDefaults, port, address, addressPort, sendProxy, ssl, sni, alpn, linger, false, implicit);
    }

    /** {@code connect [port <n>]}: no other option. */
    public static CheckConnect port(int port) {
        return new CheckConnect(false, port, Optional.empty(), 0, false, false, Optional.empty(), Optional.empty(),
                false, false, false);
    }
}
