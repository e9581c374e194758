package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether and how a server's connections start with a PROXY header (configuration.txt §5.2,
 * "send-proxy", "send-proxy-v2", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn", "proxy-v2-options",
 * "set-proxy-v2-tlv-fmt").
 *
 * @param version 0 for none, 1 or 2 ({@code send-proxy-v2*} wins over {@code send-proxy})
 * @param options what a version 2 header carries besides the addresses
 * @param tlvs    the {@code set-proxy-v2-tlv-fmt(<id>) <fmt>} TLVs in declaration order, sent with
 *                version 2 only (an empty value when the format renders empty)
 */
public record ProxySending(int version, Set<ProxyV2Option> options, List<CustomTlv> tlvs) {
    /** No header. */
    public static final ProxySending NONE = new ProxySending(0, Set.of(), List.of());
    /** {@code send-proxy}: version 1. */
    public static final ProxySending V1 = new ProxySending(1, Set.of(), List.of());

    /** One {@code set-proxy-v2-tlv-fmt(<type>) <format>}. */
    public record CustomTlv(int type, LogFormat format) {}

    public ProxySending {
        options = options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
        tlvs = List.copyOf(tlvs);
    }

    public boolean enabled() {
        return version != 0;
    }

    /** Whether a version 2 header carries the SSL TLV. */
    public boolean sslTlv() {
        return options.stream().anyMatch(ProxyV2Option::addsSslTlv);
    }
}
