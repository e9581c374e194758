package dev.shuttle.check;

import dev.shuttle.config.ApplicationProtocols;
import dev.shuttle.config.CheckConnect;
import dev.shuttle.tls.BackTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The server's check settings that a check's connections start from (configuration.txt §5.2:
 * "check-ssl", "ssl", "check-sni", "check-alpn", "check-send-proxy", "addr", "port"), and the rule
 * that combines them with a {@code connect} step's own options (§4, "tcp-check connect"):
 * <ul>
 *   <li>address: the step's {@code addr}, else the check's (its {@code addr}, else the server's);</li>
 *   <li>port: the step's {@code port}, else its {@code addr}'s port, else the check's;</li>
 *   <li>TLS: the step's {@code ssl}; with {@code default} (or an implicit connect), the server's
 *       choice ({@code check-ssl}, or {@code ssl} when checks go to its own address);</li>
 *   <li>SNI: the step's {@code sni}; with {@code default}, {@code check-sni}; on an implicit connect
 *       of an HTTP check, its Host's name ({@code check-sni-auto});</li>
 *   <li>ALPN: the step's {@code alpn}; with {@code default}, {@code check-alpn}; else the server's {@code alpn};</li>
 *   <li>PROXY header: the step's {@code send-proxy}; with {@code default}, the server's check header;</li>
 *   <li>SOCKS4: the step's {@code via-socks4}; with {@code default}, {@code check-via-socks4}; either
 *       only on a server with a {@code socks4} proxy.</li>
 * </ul>
 *
 * @param tlsByDefault whether checks use TLS when a connect takes the server's settings, asked at each
 *                     connect (the server's TLS may change at run time: {@code set server ... ssl})
 * @param context      the server's TLS context, made at startup after the checks are planned; empty
 *                     when nothing of its checks uses TLS
 * @param checkSni     {@code check-sni}
 * @param checkAlpn    {@code check-alpn}
 * @param autoSni      the name an implicit connect sends when it uses TLS and has no {@code check-sni}
 * @param preamble     the PROXY header a connect with the server's settings sends first
 * @param proxyHeader  the PROXY header a step's {@code send-proxy} sends
 * @param socks4       the server's {@code socks4} proxy, which a step's {@code via-socks4} goes through
 */
public record CheckConnections(BooleanSupplier tlsByDefault, Supplier<Optional<BackTls>> context, Optional<String> checkSni,
                               Optional<List<String>> checkAlpn, Optional<String> autoSni, CheckPreamble preamble,
                               CheckPreamble proxyHeader, Optional<InetSocketAddress> socks4) {
    /** Connections of a server without a {@code socks4} proxy. */
    public CheckConnections(boolean tlsByDefault, Supplier<Optional<BackTls>> context, Optional<String> checkSni,
                            Optional<List<String>> checkAlpn, Optional<String> autoSni, CheckPreamble preamble,
                            CheckPreamble proxyHeader) {
        this(() -> tlsByDefault, context, checkSni, checkAlpn, autoSni, preamble, proxyHeader, Optional.empty());
    }

    /** Connections whose TLS by default never changes. */
    public CheckConnections(boolean tlsByDefault, Supplier<Optional<BackTls>> context, Optional<String> checkSni,
                            Optional<List<String>> checkAlpn, Optional<String> autoSni, CheckPreamble preamble,
                            CheckPreamble proxyHeader, Optional<InetSocketAddress> socks4) {
        this(() -> tlsByDefault, context, checkSni, checkAlpn, autoSni, preamble, proxyHeader, socks4);
    }

    /** Plain connections that send {@code preamble} first on a connect with the server's settings. */
    public static CheckConnections plain(CheckPreamble preamble) {
        return new CheckConnections(() -> false, Optional::empty, Optional.empty(), Optional.empty(), Optional.empty(),
                preamble, preamble, Optional.empty());
    }

    /** The connection a check running against {@code checkTarget} makes for {@code connect}. */
    public CheckRoute route(CheckConnect connect, InetSocketAddress checkTarget) {
        InetAddress address = connect.address().map(CheckConnections::literal).orElse(checkTarget.getAddress());
        int port = connect.port() > 0 ? connect.port()
                : connect.addressPort() > 0 ? connect.addressPort() : checkTarget.getPort();
        InetSocketAddress target = address.equals(checkTarget.getAddress()) && port == checkTarget.getPort()
                ? checkTarget : new InetSocketAddress(address, port);
        CheckPreamble sent = connect.sendProxy() ? proxyHeader
                : connect.useDefaults() ? preamble : CheckPreamble.NONE;
        // 3.5's tcpcheck_eval_connect(): the step's via-socks4, or with default the server's
        // check-via-socks4 (carried by the preamble), on a server that has a socks4 proxy.
        boolean viaSocks4 = connect.viaSocks4() || connect.useDefaults() && preamble.socks4Proxy().isPresent();
        if (viaSocks4 && socks4.isPresent() && sent.socks4Proxy().isEmpty()) {
            sent = CheckPreamble.throughSocks4(sent, socks4.get());
        }
        Optional<CheckRoute.Tls> tls = Optional.empty();
        if (connect.ssl() || connect.useDefaults() && tlsByDefault.getAsBoolean()) {
            // The configuration makes a context for every server whose checks may use TLS.
            BackTls server = context.get().orElseThrow(() -> new IllegalStateException("no TLS context for a TLS check"));
            Optional<String> sni = connect.sni()
                    .or(() -> connect.useDefaults() ? checkSni : Optional.empty())
                    .or(() -> connect.implicit() ? autoSni : Optional.empty());
            List<String> alpn = connect.alpn()
                    .or(() -> connect.useDefaults() ? checkAlpn : Optional.empty())
                    .orElse(checkable(server.alpn()));
            tls = Optional.of(new CheckRoute.Tls(server, sni, alpn));
        }
        return new CheckRoute(target, sent, tls, connect.linger());
    }

    /**
     * The server's own ALPN list as a check offers it: without the protocols Shuttle's checks do not
     * speak (HTTP/3); an HTTP check speaks HTTP/2 when ALPN settles on {@code h2}.
     */
    private static List<String> checkable(List<String> serverAlpn) {
        return serverAlpn.stream().filter(protocol -> !ApplicationProtocols.CHECK_UNSPOKEN.contains(protocol)).toList();
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip); // an IP literal (the configuration checked it): no name is resolved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}
