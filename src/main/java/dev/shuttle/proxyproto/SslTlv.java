package dev.shuttle.proxyproto;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of a {@code PP2_TYPE_SSL} TLV (proxy-protocol.txt §2.2.6): what the client's TLS
 * connection was, with sub-TLVs of its own (version, client certificate's CN, cipher, signature
 * and key algorithms...).
 *
 * <pre>
 *  +--------+---------------------------------+------------------------
 *  | client |     verify (32 bits, network)   |  sub-TLVs ...
 *  +--------+---------------------------------+------------------------
 *  client: PP2_CLIENT_SSL 0x01 | PP2_CLIENT_CERT_CONN 0x02 | PP2_CLIENT_CERT_SESS 0x04
 *  verify: 0 when the client's certificate was verified (or none was presented), else non-zero
 * </pre>
 *
 * HAProxy 3.5's receiver keeps an SSL TLV as it came and never looks inside it; {@link #parse} is for
 * those who do, and refuses sub-TLVs that overrun their parent.
 */
public record SslTlv(int client, int verify, List<Tlv> subTlvs) {
    public static final int CLIENT_SSL = 0x01;
    public static final int CLIENT_CERT_CONN = 0x02;
    public static final int CLIENT_CERT_SESS = 0x04;

    public SslTlv {
        subTlvs = List.copyOf(subTlvs);
    }

    /** The first sub-TLV of {@code type} ({@link Tlv#SSL_VERSION}, {@link Tlv#SSL_CN}...). */
    public Optional<Tlv> sub(int type) {
        return subTlvs.stream().filter(tlv -> tlv.type() == type).findFirst();
    }

    /** Reads the value of an SSL TLV. */
    public static SslTlv parse(Tlv ssl) throws ProxyParseError {
        byte[] value = ssl.value();
        if (value.length < 5) {
            throw new ProxyParseError(ProxyParseError.Code.PRX_BAD_HDR, "SSL TLV shorter than its 5 fixed bytes");
        }
        int verify = (value[1] & 0xFF) << 24 | (value[2] & 0xFF) << 16 | (value[3] & 0xFF) << 8 | (value[4] & 0xFF);
        List<Tlv> subs = new ArrayList<>();
        TlvReader.read(value, 5, value.length, subs);
        return new SslTlv(value[0] & 0xFF, verify, subs);
    }

    /** This value as the value of a {@code PP2_TYPE_SSL} TLV. */
    public Tlv toTlv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(client);
        out.write(verify >>> 24);
        out.write(verify >>> 16);
        out.write(verify >>> 8);
        out.write(verify);
        for (Tlv sub : subTlvs) {
            TlvReader.write(out, sub);
        }
        return new Tlv(Tlv.SSL, out.toByteArray());
    }
}
