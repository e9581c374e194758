package dev.shuttle.proxyproto;

import java.util.List;
import java.util.Optional;

/**
 * A PROXY header, of either version, as the parser read it or as the encoder will write it.
 *
 * @param version   1 (the text line) or 2 (the binary block)
 * @param command   LOCAL (version 2 only) or PROXY
 * @param family    the address family; UNSPEC for a version 1 {@code UNKNOWN} line
 * @param transport the transport protocol; STREAM for a version 1 TCP line, UNSPEC for {@code UNKNOWN}
 * @param addresses the address block, when the header carries one that the receiver uses (a PROXY
 *                  command with an INET, INET6 or UNIX block); empty for LOCAL, UNSPEC and {@code UNKNOWN}
 * @param tlvs      the TLVs in their order on the wire (version 2; a LOCAL header has them too)
 */
public record ProxyHeader(int version, ProxyCommand command, AddressFamily family, TransportProtocol transport,
                          Optional<ProxyAddresses> addresses, List<Tlv> tlvs) {
    public ProxyHeader {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("PROXY version " + version);
        }
        if (version == 1 && (command != ProxyCommand.PROXY || !tlvs.isEmpty() || family == AddressFamily.UNIX)) {
            throw new IllegalArgumentException("a version 1 header is PROXY TCP4, TCP6 or UNKNOWN, without TLVs");
        }
        if (addresses.isPresent() && addresses.get().family() != family) {
            throw new IllegalArgumentException("addresses of another family than " + family);
        }
        tlvs = List.copyOf(tlvs);
    }

    /** A version 1 {@code TCP4}/{@code TCP6} line for these addresses. */
    public static ProxyHeader v1(ProxyAddresses addresses) {
        return new ProxyHeader(1, ProxyCommand.PROXY, addresses.family(), TransportProtocol.STREAM,
                Optional.of(addresses), List.of());
    }

    /** The version 1 {@code UNKNOWN} line. */
    public static ProxyHeader v1Unknown() {
        return new ProxyHeader(1, ProxyCommand.PROXY, AddressFamily.UNSPEC, TransportProtocol.UNSPEC,
                Optional.empty(), List.of());
    }

    /** A version 2 PROXY header over a stream for these addresses. */
    public static ProxyHeader v2(ProxyAddresses addresses, List<Tlv> tlvs) {
        return new ProxyHeader(2, ProxyCommand.PROXY, addresses.family(), TransportProtocol.STREAM,
                Optional.of(addresses), tlvs);
    }

    /** A version 2 LOCAL header. */
    public static ProxyHeader v2Local(List<Tlv> tlvs) {
        return new ProxyHeader(2, ProxyCommand.LOCAL, AddressFamily.UNSPEC, TransportProtocol.UNSPEC,
                Optional.empty(), tlvs);
    }

    /** The first TLV of {@code type}, if any. */
    public Optional<Tlv> tlv(int type) {
        for (Tlv tlv : tlvs) {
            if (tlv.type() == type) {
                return Optional.of(tlv);
            }
        }
        return Optional.empty();
    }

    /** Every TLV of {@code type}, in wire order. */
    public List<Tlv> tlvsOf(int type) {
        return tlvs.stream().filter(tlv -> tlv.type() == type).toList();
    }

    /** Whether the header names the client ({@code src}/{@code dst} change); LOCAL and UNKNOWN keep the socket's. */
    public boolean carriesClient() {
        return command == ProxyCommand.PROXY && addresses.isPresent();
    }
}
