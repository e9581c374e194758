package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** option ssl-hello-chk: the hello's bytes (as HAProxy 3.5 sends them, seen on the wire) and the answer's judgement. */
class SslHelloTest {
    @Test
    void theHelloIsHaproxysSslv3ClientHelloByteForByte() {
        byte[] hello = SslHello.clientHello(0x6935A45FL);
        assertEquals(126, hello.length);
        String expected = "1603000079" + "01000075" + "0300" + "6935a45f"
                + HexFormat.of().formatHex("HAPROXYSSLCHK\nHAPROXYSSLCHK\n".getBytes(StandardCharsets.ISO_8859_1))
                + "00" + "004e"
                + "0001" + "0002" + "0003" + "0004" + "0005" + "0006" + "0007" + "0008" + "0009" + "000a"
                + "000b" + "000c" + "000d" + "000e" + "000f" + "0010" + "0011" + "0012" + "0013" + "0014"
                + "0015" + "0016" + "0017" + "0018" + "0019" + "001a" + "001b" + "002f" + "0030" + "0031"
                + "0032" + "0033" + "0034" + "0035" + "0036" + "0037" + "0038" + "0039" + "003a"
                + "0100";
        assertEquals(expected, HexFormat.of().formatHex(hello));
    }

    @Test
    void theTimeIsTheLowThirtyTwoBitsOfTheSecondsBigEndian() {
        byte[] hello = SslHello.clientHello(0x1_0000_0102L);
        assertArrayEquals(new byte[] {0, 0, 1, 2}, Arrays.copyOfRange(hello, 11, 15));
    }

    @Test
    void fiveBytesOrACloseAreEnoughToJudge() {
        assertFalse(SslHello.enough(4, false));
        assertTrue(SslHello.enough(5, false));
        assertTrue(SslHello.enough(0, true));
    }

    @Test
    void aHandshakeOrAlertRecordPassesAnythingElseIsAnInvalidResponse() {
        assertEquals(CheckOutcome.of(CheckStatus.L6OK, ""), SslHello.judge(bytes("1603010002"), 5));
        assertEquals(CheckOutcome.of(CheckStatus.L6OK, ""), SslHello.judge(bytes("1503"), 2));
        assertEquals(CheckOutcome.of(CheckStatus.L6RSP, ""), SslHello.judge("HTTP/".getBytes(StandardCharsets.US_ASCII), 5));
        assertEquals(CheckOutcome.of(CheckStatus.L6RSP, ""), SslHello.judge(bytes("1703030000"), 5));
        assertEquals(CheckOutcome.of(CheckStatus.L6RSP, "TCPCHK got an empty response at step 2"),
                SslHello.judge(new byte[5], 0));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
