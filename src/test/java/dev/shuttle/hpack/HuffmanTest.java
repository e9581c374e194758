package dev.shuttle.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical code derived from Appendix B's lengths, checked on the strings of Appendix C.4 and C.6. */
class HuffmanTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "www.example.com|f1e3c2e5f23a6ba0ab90f4ff",
        "no-cache|a8eb10649cbf",
        "custom-key|25a849e95ba97d7f",
        "custom-value|25a849e95bb8e8b4bf",
        "302|6402",
        "private|aec3771a4b",
        "Mon, 21 Oct 2013 20:13:21 GMT|d07abe941054d444a8200595040b8166e082a62d1bff",
        "https://www.example.com|9d29ad171863c78f0b97c8e9ae82ae43d3",
        "gzip|9bd9ab",
        "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"
            + "|94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007",
    })
    void theAppendixStringsEncodeAndDecode(String text, String hex) throws HpackException {
        BlockBuffer out = new BlockBuffer();
        Huffman.encode(text, out);
        assertEquals(hex, Hex.of(out));
        assertEquals(hex.length() / 2, Huffman.encodedLength(text));
        byte[] bytes = Hex.bytes(hex);
        assertEquals(text, Huffman.decode(bytes, 0, bytes.length));
    }

    @Test
    void everyOctetSurvivesTheRoundTrip() throws HpackException {
        StringBuilder all = new StringBuilder();
        for (int octet = 0; octet < 256; octet++) {
            all.append((char) octet);
        }
        BlockBuffer out = new BlockBuffer();
        Huffman.encode(all.toString(), out);
        assertEquals(all.toString(), Huffman.decode(out.array(), 0, out.length()));
    }

    @Test
    void paddingOfZerosIsRefused() {
        // 'a' is 00011 (5 bits): padded with 000 instead of 111.
        assertThrows(HpackException.class, () -> Huffman.decode(new byte[] {0x18}, 0, 1));
    }

    @Test
    void paddingOfEightBitsIsRefused() {
        // 'a' then a whole octet of ones: more than 7 bits of padding.
        assertThrows(HpackException.class, () -> Huffman.decode(new byte[] {0x1f, (byte) 0xff}, 0, 2));
    }

    @Test
    void theEndOfStringSymbolIsRefused() {
        // EOS is thirty ones; padded to 32 bits with two more.
        byte[] eos = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(HpackException.class, () -> Huffman.decode(eos, 0, eos.length));
    }

    @Test
    void anEmptyStringIsEmpty() throws HpackException {
        assertEquals("", Huffman.decode(new byte[0], 0, 0));
        assertEquals(0, Huffman.encodedLength(""));
    }
}
