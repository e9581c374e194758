package dev.shuttle.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The codec of {@code option ssl-hello-chk} (configuration.txt §4): the SSLv3 CLIENT HELLO HAProxy
 * sends to learn whether a server speaks SSL/TLS, and the judgement of its answer. Pure: bytes in,
 * an outcome out.
 *
 * <p>The hello (RFC 6101 §5.6.1.2, RFC 2246 §A.3, A.4), 126 bytes:
 * <pre>
 *   record:    16 (handshake) | 03 00 (SSLv3) | 00 79 (length: 121)
 *   handshake: 01 (client hello) | 00 00 75 (length: 117)
 *   hello:     03 00 (SSLv3) | gmt_unix_time (4 bytes, big-endian seconds)
 *              | random (28 bytes: "HAPROXYSSLCHK\nHAPROXYSSLCHK\n")
 *              | 00 (no session id)
 *              | 00 4E (78 bytes of cipher suites: 0x0001-0x001B, 0x002F-0x003A, two bytes each)
 *              | 01 00 (one compression method: null)
 * </pre>
 *
 * <p>The answer passes when its first byte is a TLS record of type alert (0x15) or handshake
 * (0x16): a server that speaks SSL answers a hello with one or the other. HAProxy 3.5 reads at
 * least 5 bytes (a record header) unless the server closes first, and reports {@code L6OK},
 * {@code L6RSP} for anything else, {@code L6TOUT} when the bytes do not come.
 */
public final class SslHello {
    /** How many bytes the answer is judged on, unless the server closes before (a record header). */
    static final int MIN_RECV = 5;
    /** The 28 random bytes, as HAProxy fills them. */
    private static final byte[] RANDOM = "HAPROXYSSLCHK\nHAPROXYSSLCHK\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int RECORD_ALERT = 0x15;
    private static final int RECORD_HANDSHAKE = 0x16;

    private SslHello() {}

    /** The CLIENT HELLO, with {@code epochSeconds} as its gmt_unix_time. */
    public static byte[] clientHello(long epochSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(126);
        out.writeBytes(new byte[] {0x16, 0x03, 0x00, 0x00, 0x79});
        out.writeBytes(new byte[] {0x01, 0x00, 0x00, 0x75});
        out.writeBytes(new byte[] {0x03, 0x00});
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (epochSeconds >>> shift) & 0xff);
        }
        out.writeBytes(RANDOM);
        out.write(0x00);
        out.writeBytes(new byte[] {0x00, 0x4E});
        for (int suite = 0x01; suite <= 0x3A; suite++) {
            if (suite <= 0x1B || suite >= 0x2F) {
                out.writeBytes(new byte[] {0x00, (byte) suite});
            }
        }
        out.writeBytes(new byte[] {0x01, 0x00});
        return out.toByteArray();
    }

    /** Whether {@code length} bytes received (and whether the server closed) are enough to judge. */
    static boolean enough(int length, boolean closed) {
        return length >= MIN_RECV || closed;
    }

    /**
     * The outcome of an answer that is {@link #enough}: {@code L6OK} for an alert or handshake
     * record, {@code L6RSP} otherwise ("TCPCHK got an empty response at step 2" when the server
     * closed without a byte, as 3.5 words it: the hello is the check's second step, after the
     * connect).
     */
    static CheckOutcome judge(byte[] received, int length) {
        if (length == 0) {
            return CheckOutcome.of(CheckStatus.L6RSP, "TCPCHK got an empty response at step 2");
        }
        int type = received[0] & 0xff;
        return CheckOutcome.of(type == RECORD_ALERT || type == RECORD_HANDSHAKE ? CheckStatus.L6OK : CheckStatus.L6RSP,
                "");
    }
}
