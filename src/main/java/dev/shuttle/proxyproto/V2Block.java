package dev.shuttle.proxyproto;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version 2 header: a binary block (proxy-protocol.txt §2.2).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  signature: \r \n \r \n \0 \r \n Q U I T \n  (12 bytes)        |
 *  +-------+-------+-------+-------+-------------------------------+
 *  |version|command|family | proto |  length (network order)       |
 *  |  0x2  | 0x0/1 |0x0..3 |0x0..2 |  of what follows              |
 *  +-------+-------+-------+-------+-------------------------------+
 *  | address block (PROXY command): INET 12, INET6 36, UNIX 216     |
 *  |   src addr, dst addr, src port, dst port (ports: not for UNIX) |
 *  +---------------------------------------------------------------+
 *  | TLVs, to the end of length (§2.2.1..§2.2.7, see Tlv)           |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * A LOCAL header's TLVs start right after the 16 bytes (seed 000: LOCAL headers have TLVs too), as
 * HAProxy 3.5 reads them; its family and address block are not used. A CRC32C TLV must be 4 bytes
 * and match the header (§2.2.3); a TLV may not overrun the header.
 */
final class V2Block {
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int FIXED_LENGTH = 16;

    private V2Block() {}

    static ProxyParser.Parsed parse(byte[] bytes, int offset, int length, ReceiverLimits limits)
            throws ProxyParseError {
        if (!ProxyParser.startsLike(bytes, offset, length, SIGNATURE)) {
            throw ProxyParser.notAHeader(length, "not the version 2 signature");
        }
        if (length > 12 && (bytes[offset + 12] & 0xF0) != 0x20) {
            throw ProxyParser.notAHeader(length, "version not 2");
        }
        if (length < FIXED_LENGTH) {
            return new ProxyParser.Parsed.NeedMore(FIXED_LENGTH);
        }
        int total = FIXED_LENGTH + ((bytes[offset + 14] & 0xFF) << 8 | (bytes[offset + 15] & 0xFF));
        if (total > limits.maxHeaderBytes()) {
            throw new ProxyParseError(ProxyParseError.Code.PRX_TRUNCATED, "a header of " + total
                    + " bytes cannot fit the receiver's " + limits.maxHeaderBytes());
        }
        if (length < total) {
            return new ProxyParser.Parsed.NeedMore(total);
        }
        ProxyCommand command = switch (bytes[offset + 12] & 0x0F) {
            case 0x0 -> ProxyCommand.LOCAL;
            case 0x1 -> ProxyCommand.PROXY;
            default -> throw bad("unknown command");
        };
        AddressFamily family = AddressFamily.of((bytes[offset + 13] & 0xF0) >> 4);
        TransportProtocol transport = TransportProtocol.of(bytes[offset + 13] & 0x0F);
        int tlvStart = offset + FIXED_LENGTH;
        Optional<ProxyAddresses> addresses = Optional.empty();
        if (command == ProxyCommand.PROXY) {
            if (family == null || transport == null) {
                throw bad("unknown address family or protocol");
            }
            if (limits.streamInetOnly() && (transport != TransportProtocol.STREAM
                    || (family != AddressFamily.INET && family != AddressFamily.INET6))) {
                throw bad("only TCP over IPv4 or IPv6 is accepted");
            }
            int blockLength = family.addressBlockLength();
            if (total - FIXED_LENGTH < blockLength) {
                throw bad("address block shorter than its family's");
            }
            if (family != AddressFamily.UNSPEC) {
                addresses = Optional.of(addresses(bytes, tlvStart, family));
            }
            tlvStart += blockLength;
        } else {
            family = family == null ? AddressFamily.UNSPEC : family;
            transport = transport == null ? TransportProtocol.UNSPEC : transport;
        }
        List<Tlv> tlvs = new ArrayList<>();
        TlvReader.read(bytes, tlvStart, offset + total, tlvs);
        checkTlvs(bytes, offset, total, tlvs, limits);
        return new ProxyParser.Parsed.Complete(new ProxyHeader(2, command, family, transport, addresses, tlvs), total);
    }

    private static ProxyAddresses addresses(byte[] bytes, int at, AddressFamily family) {
        int size = family == AddressFamily.UNIX ? 108 : (family.addressBlockLength() - 4) / 2;
        byte[] source = new byte[size];
        byte[] destination = new byte[size];
        System.arraycopy(bytes, at, source, 0, size);
        System.arraycopy(bytes, at + size, destination, 0, size);
        if (family == AddressFamily.UNIX) {
            return new ProxyAddresses(source, destination, 0, 0);
        }
        int ports = at + 2 * size;
        return ProxyAddresses.ip(source, (bytes[ports] & 0xFF) << 8 | (bytes[ports + 1] & 0xFF),
                destination, (bytes[ports + 2] & 0xFF) << 8 | (bytes[ports + 3] & 0xFF));
    }

    /** The rules on known TLVs (§2.2.3, §2.2.5) and the receiver's limits. */
    private static void checkTlvs(byte[] bytes, int offset, int total, List<Tlv> tlvs, ReceiverLimits limits)
            throws ProxyParseError {
        // The TLVs run to the header's end: the first starts where their encoded lengths say.
        int at = offset + total - tlvs.stream().mapToInt(Tlv::encodedLength).sum();
        for (Tlv tlv : tlvs) {
            if (tlv.length() > limits.maxTlvValue()) {
                throw bad("TLV 0x" + Integer.toHexString(tlv.type()) + " longer than " + limits.maxTlvValue());
            }
            switch (tlv.type()) {
                case Tlv.CRC32C -> {
                    if (tlv.length() != 4) {
                        throw bad("CRC32C TLV not 4 bytes");
                    }
                    int field = at + Tlv.HEADER_LENGTH;
                    int sent = (bytes[field] & 0xFF) << 24 | (bytes[field + 1] & 0xFF) << 16
                            | (bytes[field + 2] & 0xFF) << 8 | (bytes[field + 3] & 0xFF);
                    if (Crc32c.of(bytes, offset, total, field) != sent) {
                        throw bad("CRC32C mismatch");
                    }
                }
                case Tlv.AUTHORITY -> {
                    if (tlv.length() > limits.maxAuthority()) {
                        throw bad("authority longer than " + limits.maxAuthority());
                    }
                }
                case Tlv.UNIQUE_ID -> {
                    if (tlv.length() > limits.maxUniqueId()) {
                        throw bad("unique ID longer than " + limits.maxUniqueId());
                    }
                }
                default -> { }
            }
            at += tlv.encodedLength();
        }
    }

    private static ProxyParseError bad(String reason) {
        return new ProxyParseError(ProxyParseError.Code.PRX_BAD_HDR, reason);
    }

    /** The block for {@code header}; a CRC32C TLV among its TLVs gets the header's checksum, whatever value it had. */
    static byte[] encode(ProxyHeader header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(SIGNATURE);
        out.write(0x20 | (header.command() == ProxyCommand.PROXY ? 1 : 0));
        out.write(header.family().code() << 4 | header.transport().code());
        out.write(0);
        out.write(0);
        header.addresses().ifPresent(a -> {
            out.writeBytes(a.source());
            out.writeBytes(a.destination());
            if (a.family() != AddressFamily.UNIX) {
                out.write(a.sourcePort() >>> 8);
                out.write(a.sourcePort());
                out.write(a.destinationPort() >>> 8);
                out.write(a.destinationPort());
            }
        });
        int crcField = -1;
        for (Tlv tlv : header.tlvs()) {
            if (tlv.type() == Tlv.CRC32C && tlv.length() == 4 && crcField < 0) {
                crcField = out.size() + Tlv.HEADER_LENGTH;
            }
            TlvReader.write(out, tlv);
        }
        byte[] bytes = out.toByteArray();
        int length = bytes.length - FIXED_LENGTH;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a version 2 header holds at most 65535 bytes after its 16");
        }
        bytes[14] = (byte) (length >>> 8);
        bytes[15] = (byte) length;
        if (crcField >= 0) {
            int crc = Crc32c.of(bytes, 0, bytes.length, crcField);
            bytes[crcField] = (byte) (crc >>> 24);
            bytes[crcField + 1] = (byte) (crc >>> 16);
            bytes[crcField + 2] = (byte) (crc >>> 8);
            bytes[crcField + 3] = (byte) crc;
        }
        return bytes;
    }
}
