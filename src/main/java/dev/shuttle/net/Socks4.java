package dev.shuttle.net;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * The SOCKS4 CONNECT exchange a server connection opens with when the server has {@code socks4
 * <addr>:<port>} (configuration.txt §5.2, "socks4"): a pure codec, bytes in and out. HAProxy sends
 * its own name as the user id (connection.c, conn_send_socks4_proxy_request()), so does Shuttle.
 *
 * <pre>
 * request:  +----+----+----+----+----+----+----+----+----+----+....+----+
 *           | VN | CD | DSTPORT |      DSTIP        | USERID       |NULL|
 *           +----+----+----+----+----+----+----+----+----+----+....+----+
 *              1    1      2              4           variable       1
 *           VN = 4, CD = 1 (CONNECT), port and address in network order
 *
 * reply:    +----+----+----+----+----+----+----+----+
 *           | VN | CD | DSTPORT |      DSTIP        |
 *           +----+----+----+----+----+----+----+----+
 *           VN = 0; CD = 90 (0x5A) granted, 91 rejected or failed, 92 no identd,
 *           93 identd user id mismatch; the rest is ignored
 * </pre>
 */
public final class Socks4 {
    /** Bytes of a reply. */
    public static final int REPLY_LENGTH = 8;
    /** The reply code that grants the request. */
    public static final int GRANTED = 0x5A;
    private static final byte[] USER_ID = {'H', 'A', 'P', 'r', 'o', 'x', 'y', 0};

    private Socks4() {}

    /**
     * The CONNECT request for {@code destination}. An address that is not IPv4 goes as 0.0.0.0,
     * as HAProxy sends it (SOCKS4 has no room for another family).
     */
    public static byte[] connectRequest(InetSocketAddress destination) {
        byte[] request = new byte[8 + USER_ID.length];
        request[0] = 4;
        request[1] = 1;
        request[2] = (byte) (destination.getPort() >> 8);
        request[3] = (byte) destination.getPort();
        if (destination.getAddress() instanceof Inet4Address ipv4) {
            System.arraycopy(ipv4.getAddress(), 0, request, 4, 4);
        }
        System.arraycopy(USER_ID, 0, request, 8, USER_ID.length);
        return request;
    }

    /**
     * The reply code of an 8-byte reply: {@link #GRANTED} lets the connection through; any other
     * refuses it. Only the code is read, as HAProxy does.
     */
    public static int replyCode(byte[] reply) {
        if (reply.length != REPLY_LENGTH) {
            throw new IllegalArgumentException("a SOCKS4 reply is 8 bytes, got " + reply.length);
        }
        return reply[1] & 0xFF;
    }
}
