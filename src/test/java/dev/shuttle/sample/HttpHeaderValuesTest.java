package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The value rules behind the header fetches: comma splitting, occurrences, haproxy's lenient
 * integers, address literals and the SPOE varint. Every expectation marked "haproxy 2.6" was
 * observed on Debian's haproxy 2.6.12 with {@code http-request return ... lf-string}.
 */
class HttpHeaderValuesTest {

    /** Elements joined with '|' so that empty ones show. */
    private static String split(String value) {
        return String.join("|", HttpHeaderValues.elements(value, ','));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        // haproxy 2.6: each element trimmed of spaces and tabs; inner blanks kept.
        "'  a1 , b2 '            # a1|b2",
        "'a\tb , c\t'            # a\tb|c",
        // haproxy 2.6: empty elements count (x: a,,b has 3 values; x: , has 2).
        "'a,,b'                  # a||b",
        "'a, ,b,'                # a||b|",
        "','                     # |",
        "''                      # ''",
        // haproxy 2.6: a comma inside double quotes does not split; quotes are kept.
        "'\"a,b\", c'            # \"a,b\"|c",
        // haproxy 2.6: inside quotes a backslash protects the next character...
        "'\"a\\\",b\", c'        # \"a\\\",b\"|c",
        // ...outside it is an ordinary character, so the quote after it opens a string.
        "'a\\\",b\"c,d'          # a\\\",b\"c|d",
        // haproxy 2.6: a quote in the middle of an element opens a string too.
        "'a\"b,c\"d,e'           # a\"b,c\"d|e",
        // haproxy 2.6: an unterminated quote runs to the end.
        "'\"a,b'                 # \"a,b",
    })
    void commaSplitting(String value, String expected) {
        assertEquals(expected, split(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // haproxy 2.6 with values a1 b2 c3 d4: no occurrence (or 0) is the last in a sample
        // context; 1 is the first, -1 the last; beyond either end there is nothing.
        "null | false | d4",
        "0    | false | d4",
        "1    | false | a1",
        "4    | false | d4",
        "5    | false | ''",
        "-1   | false | d4",
        "-2   | false | c3",
        "-4   | false | a1",
        "-5   | false | ''",
        // haproxy 2.6 ACLs: without an occurrence every value is tried, with one only that one.
        "null | true  | a1 b2 c3 d4",
        "0    | true  | a1 b2 c3 d4",
        "2    | true  | b2",
        "-1   | true  | d4",
    })
    void occurrences(Long occurrence, boolean allValues, String expected) {
        assertEquals(expected, String.join(" ", HttpHeaderValues.pick(List.of("a1", "b2", "c3", "d4"), occurrence, allValues)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // All observed on haproxy 2.6 through req.hdr_val, req.cook_val and urlp_val.
        "12                   | 12",
        "-3                   | -3",
        "007                  | 7",
        "12abc                | 12",
        "abc                  | 0",
        "''                   | 0",
        "0x10                 | 0",
        // A byte below '0' is a negative digit, not a stop: '+' is -5, ' ' is -16, '.' is -2.
        "+4                   | -46",
        "'1 2'                | -58",
        "'- 3'                | 157",
        "--3                  | 27",
        "3.5                  | 285",
        // 32-bit wrap-around.
        "99999999999999999999 | 1661992959",
        "99999999999          | 1215752191",
        "9223372036854775807  | -1",
        "-9223372036854775808 | 0",
        "2147483648           | -2147483648",
        "-2147483649          | 2147483647",
    })
    void lenientIntegers(String text, long expected) {
        assertEquals(expected, HttpHeaderValues.lenientInteger(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // All observed on haproxy 2.6 through req.hdr_ip(x) with "x: <value>".
        "1.2.3.4           | 1.2.3.4",
        "1.2.3.4:80        | 1.2.3.4",
        "1.2.3.4:65535     | 1.2.3.4",
        "1.2.3.4:080       | 1.2.3.4",
        "1.2.3.4:0         | 1.2.3.4",
        "01.2.3.4          | 1.2.3.4",
        "001.2.3.4         | 1.2.3.4",
        "1.2.3.04          | 1.2.3.4",
        "::1               | 0:0:0:0:0:0:0:1",
        "::                | 0:0:0:0:0:0:0:0",
        "2001:db8::1       | 2001:db8:0:0:0:0:0:1",
        "1:2:3:4:5:6:7:8   | 1:2:3:4:5:6:7:8",
        "::ffff:1.2.3.4    | 0:0:0:0:0:ffff:102:304",
        "1:2:3:4:5:6:1.2.3.4 | 1:2:3:4:5:6:102:304",
        // haproxy 2.6 reads "::1:80" as an IPv6 address, not ::1 port 80.
        "::1:80            | 0:0:0:0:0:0:1:80",
        "1.2.3.4:65536     | none",
        "1.2.3.4:          | none",
        "1.2.3.4:+80       | none",
        "[::1]             | none",
        "[::1]:80          | none",
        "abc               | none",
        "1.2.3             | none",
        "1.2.3.256         | none",
        "1.2.3.4.5         | none",
        "'1.2.3.4 x'       | none",
        "'\"1.2.3.4\"'     | none",
        "1::2::3           | none",
        "fe80::1%eth0      | none",
        "1234              | none",
        "1:2:3:4:5:6:7:8:9 | none",
        "12345::1          | none",
    })
    void headerAddresses(String text, String expected) {
        Optional<InetAddress> address = IpLiterals.headerAddress(text);
        assertEquals(expected, address.map(InetAddress::getHostAddress).orElse("none"));
    }

    @Test
    void mappedAddressesStayIpv6() {
        // haproxy 2.6 prints req.hdr_ip of "::ffff:1.2.3.4" as ::ffff:1.2.3.4: an IPV6 sample.
        InetAddress address = IpLiterals.headerAddress("::ffff:1.2.3.4").orElseThrow();
        assertEquals(SampleType.IPV6, Sample.address(address).type());
        assertEquals(SampleType.IPV4, Sample.address(IpLiterals.headerAddress("1.2.3.4").orElseThrow()).type());
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpHeaderValues.writeVarint(out, value);
        return out.toByteArray();
    }

    /** The decoding of SPOE.txt §3.1, written from the table, to check the encoder against. */
    private static long decode(byte[] bytes) {
        long value = bytes[0] & 0xFF;
        if (value < 240) {
            return value;
        }
        int shift = 4;
        int i = 1;
        int b;
        do {
            b = bytes[i++] & 0xFF;
            value += (long) b << shift;
            shift += 7;
        } while (b >= 128);
        return value;
    }

    @Test
    void spoeVarints() {
        assertArrayEquals(new byte[] {0}, varint(0));
        assertArrayEquals(new byte[] {(byte) 239}, varint(239));
        assertArrayEquals(new byte[] {(byte) 0xF0, 0}, varint(240));
        // haproxy 2.6: a 300-byte header value is announced as FC 03 in req.hdrs_bin.
        assertArrayEquals(new byte[] {(byte) 0xFC, 0x03}, varint(300));
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x7F}, varint(2287));
        assertEquals(3, varint(2288).length);
        assertEquals(3, varint(264431).length);
        assertEquals(4, varint(264432).length);
        for (long value : new long[] {0, 1, 239, 240, 241, 2287, 2288, 264431, 264432, 33818863, 33818864, 4328786159L}) {
            assertEquals(value, decode(varint(value)), () -> "round trip of " + value + ": " + Arrays.toString(varint(value)));
        }
    }
}
