package dev.shuttle.backend;

import dev.shuttle.config.ProxySending;
import dev.shuttle.config.ProxyV2Option;
import dev.shuttle.proxyproto.AddressText;
import dev.shuttle.proxyproto.ProxyAddresses;
import dev.shuttle.proxyproto.ProxyEncoder;
import dev.shuttle.proxyproto.ProxyHeader;
import dev.shuttle.proxyproto.SslTlv;
import dev.shuttle.proxyproto.Tlv;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.tls.CipherStrings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The PROXY header a {@code send-proxy*} server's new connection starts with (configuration.txt
 * §5.2; proxy-protocol.txt), built from the client's side of the stream: its {@code src} and {@code
 * dst} (a received header's, or what {@code set-src}/{@code set-dst} made of them), its TLS, the
 * TLVs a received header carried.
 *
 * <p>Byte for byte what HAProxy 3.5 sends (difftest/proxy_send_differential.py compares them):
 * <ul>
 * <li>version 1: {@code TCP4} for two IPv4 addresses, {@code TCP6} otherwise (an IPv4 one then
 *     written IPv4-mapped), {@code UNKNOWN} when the client has no IP address (a UNIX socket);
 * <li>version 2: PROXY over TCP with the same families, LOCAL without addresses for a client
 *     without IP address; then the TLVs in HAProxy's order: the {@code set-proxy-v2-tlv-fmt} ones as
 *     declared (an empty value when the format renders empty), CRC32C, ALPN (when the client's TLS
 *     settled one), AUTHORITY (a received header's, else the client's SNI), SSL (client flags,
 *     verify result, then the version, the client certificate's CN, the key and signature
 *     algorithms of the certificate the frontend presented, the cipher).
 * </ul>
 * The formats are evaluated against the stream with its HTTP request out of sight, as HAProxy 3.5
 * does when it connects ({@link SampleContext#withoutHttpRequest}). A rendered value longer than a
 * TLV can hold is cut at 65535 bytes.
 */
public final class ProxyHeaders {
    private ProxyHeaders() {}

    /** The header's bytes for a connection of a server sending {@code sending}, for the stream of {@code context}. */
    public static byte[] encode(ProxySending sending, SampleContext context) {
        return ProxyEncoder.encode(header(sending, context));
    }

    /**
     * The header of a health check's connection to a {@code send-proxy*} server ({@code
     * check-send-proxy}, or {@code send-proxy*} without a check {@code port}/{@code addr}), as
     * HAProxy 3.5 sends it (captured live): version 1 names the check connection's own addresses
     * ({@code local} to {@code server}); version 2 is a LOCAL header with the server's TLVs, whose
     * formats render without any client (a fetch finds nothing, text stays), CRC32C and the SSL
     * TLV of no TLS client.
     */
    public static byte[] forHealthCheck(ProxySending sending, InetSocketAddress local, InetSocketAddress server) {
        if (sending.version() == 1) {
            return ProxyEncoder.encode(addresses(Optional.of(local), Optional.of(server)).map(ProxyHeader::v1)
                    .orElseGet(ProxyHeader::v1Unknown));
        }
        SampleContext nobody = new SampleContext(null, null, null, "", VariableStore.local());
        return ProxyEncoder.encode(ProxyHeader.v2Local(tlvs(sending, nobody)));
    }

    static ProxyHeader header(ProxySending sending, SampleContext context) {
        Optional<ProxyAddresses> addresses = addresses(context.source(), context.destination());
        if (sending.version() == 1) {
            return addresses.map(ProxyHeader::v1).orElseGet(ProxyHeader::v1Unknown);
        }
        List<Tlv> tlvs = tlvs(sending, context);
        return addresses.map(a -> ProxyHeader.v2(a, tlvs)).orElseGet(() -> ProxyHeader.v2Local(tlvs));
    }

    private static Optional<ProxyAddresses> addresses(Optional<InetSocketAddress> source,
                                                      Optional<InetSocketAddress> destination) {
        if (source.isEmpty() || destination.isEmpty() || source.get().getAddress() == null
                || destination.get().getAddress() == null) {
            return Optional.empty();
        }
        byte[] from = source.get().getAddress().getAddress();
        byte[] to = destination.get().getAddress().getAddress();
        if (from.length != to.length) {
            from = from.length == 4 ? AddressText.mapped(from) : from;
            to = to.length == 4 ? AddressText.mapped(to) : to;
        }
        return Optional.of(ProxyAddresses.ip(from, source.get().getPort(), to, destination.get().getPort()));
    }

    private static List<Tlv> tlvs(ProxySending sending, SampleContext context) {
        List<Tlv> tlvs = new ArrayList<>();
        for (ProxySending.CustomTlv custom : sending.tlvs()) {
            String value = render(custom, context);
            byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
            if (bytes.length > 0xFFFF) {
                bytes = Arrays.copyOf(bytes, 0xFFFF);
            }
            tlvs.add(new Tlv(custom.type(), bytes));
        }
        if (sending.options().contains(ProxyV2Option.CRC32C)) {
            tlvs.add(new Tlv(Tlv.CRC32C, new byte[4]));
        }
        Optional<TlsConnection> tls = context.frontTls();
        tls.flatMap(TlsConnection::alpn).ifPresent(alpn -> tlvs.add(Tlv.text(Tlv.ALPN, alpn)));
        if (sending.options().contains(ProxyV2Option.AUTHORITY)) {
            Optional<Tlv> received = context.receivedProxyHeader().flatMap(header -> header.tlv(Tlv.AUTHORITY));
            if (received.isPresent()) {
                tlvs.add(received.get());
            } else {
                tls.flatMap(TlsConnection::serverName).ifPresent(sni -> tlvs.add(Tlv.text(Tlv.AUTHORITY, sni)));
            }
        }
        if (sending.options().contains(ProxyV2Option.UNIQUE_ID) && context.frontend() != null) {
            // proxy-protocol.txt §2.2.5: the stream's unique ID, empty without unique-id-format (none for a check).
            tlvs.add(Tlv.text(Tlv.UNIQUE_ID, context.uniqueId().orElse("")));
        }
        if (sending.sslTlv()) {
            tlvs.add(ssl(sending, tls).toTlv());
        }
        return tlvs;
    }

    /** A format's value; one that cannot be evaluated here (no frontend, for a health check) is empty. */
    private static String render(ProxySending.CustomTlv custom, SampleContext context) {
        try {
            return context.withoutHttpRequest(() -> custom.format().render(context));
        } catch (RuntimeException cannotEvaluate) {
            return "";
        }
    }

    private static SslTlv ssl(ProxySending sending, Optional<TlsConnection> front) {
        if (front.isEmpty()) {
            return new SslTlv(0, 0, List.of());
        }
        TlsConnection tls = front.get();
        int client = SslTlv.CLIENT_SSL;
        if (!tls.sessionCertificates().isEmpty()) {
            client |= SslTlv.CLIENT_CERT_SESS;
            if (!tls.peerCertificates().isEmpty()) {
                client |= SslTlv.CLIENT_CERT_CONN;
            }
        }
        List<Tlv> subs = new ArrayList<>();
        subs.add(Tlv.text(Tlv.SSL_VERSION, tls.protocol()));
        if (sending.options().contains(ProxyV2Option.CERT_CN)) {
            tls.sessionCertificates().stream().findFirst().flatMap(CertificateNames::commonName)
                    .ifPresent(cn -> subs.add(Tlv.text(Tlv.SSL_CN, cn)));
        }
        Optional<X509Certificate> local = tls.localCertificate();
        if (sending.options().contains(ProxyV2Option.CERT_KEY)) {
            local.flatMap(CertificateNames::keyAlgorithm).ifPresent(name -> subs.add(Tlv.text(Tlv.SSL_KEY_ALG, name)));
        }
        if (sending.options().contains(ProxyV2Option.CERT_SIG)) {
            local.flatMap(CertificateNames::signatureAlgorithm)
                    .ifPresent(name -> subs.add(Tlv.text(Tlv.SSL_SIG_ALG, name)));
        }
        if (sending.options().contains(ProxyV2Option.SSL_CIPHER)) {
            subs.add(Tlv.text(Tlv.SSL_CIPHER, CipherStrings.openSslName(tls.cipher())));
        }
        return new SslTlv(client, tls.verifyResult(), subs);
    }
}
